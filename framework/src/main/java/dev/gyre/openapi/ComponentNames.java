package dev.gyre.openapi;

import java.lang.reflect.GenericArrayType;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Chooses the name of each component schema from the whole set of named types at once.
 *
 * <p>A type is named after its simple name ({@code Item}); a parameterized type after its class and then its
 * arguments ({@code Page<Item>} is {@code PageItem}, {@code Page<List<Item>>} is {@code PageListItem}, an array
 * argument adds {@code Array}). When names collide, every colliding type is qualified one step further, first by
 * its enclosing classes and then by its package segments from the innermost out, until the names differ:
 * {@code com.shop.Item} and {@code com.billing.Item} become {@code ShopItem} and {@code BillingItem}. Types that
 * still collide once fully qualified (equal names from different class loaders) get {@code 2}, {@code 3}, … in the
 * order of their {@link Types#key keys}.
 *
 * <p>Because the result depends only on the set of types, never on the order in which they were met, adding a
 * route does not rename the schemas of unrelated routes unless it brings a clashing simple name. Names use only
 * the characters OpenAPI 3.1 allows in component keys ({@code [A-Za-z0-9._-]}).
 */
final class ComponentNames {
    private ComponentNames() {
    }

    /** A name for each type, by {@link Types#key key}; the names are distinct. */
    static Map<String, String> assign(Collection<Type> types) {
        Map<String, Type> byKey = new TreeMap<>();
        types.forEach(type -> byKey.put(Types.key(type), type));
        Map<String, Integer> levels = new HashMap<>();
        byKey.keySet().forEach(key -> levels.put(key, 0));
        while (true) {
            Map<String, List<String>> keysByName = new TreeMap<>();
            byKey.forEach((key, type) -> keysByName.computeIfAbsent(name(type, levels.get(key)), n -> new ArrayList<>())
                    .add(key));
            boolean raised = false;
            for (List<String> clash : keysByName.values()) {
                for (String key : clash.size() > 1 ? clash : List.<String>of()) {
                    if (levels.get(key) < maxLevel(byKey.get(key))) {
                        levels.merge(key, 1, Integer::sum);
                        raised = true;
                    }
                }
            }
            if (!raised) {
                return numbered(keysByName);
            }
        }
    }

    private static Map<String, String> numbered(Map<String, List<String>> keysByName) {
        Map<String, String> names = new HashMap<>();
        keysByName.forEach((name, keys) -> {
            for (int i = 0; i < keys.size(); i++) {
                names.put(keys.get(i), i == 0 ? name : name + (i + 1));
            }
        });
        return names;
    }

    /** The name of {@code type} with up to {@code level} qualifiers before each class name in it. */
    static String name(Type type, int level) {
        return switch (type) {
            case Class<?> c when c.isArray() -> name(c.getComponentType(), level) + "Array";
            case Class<?> c -> {
                List<String> qualifiers = qualifiers(c);
                StringBuilder name = new StringBuilder();
                for (int i = Math.min(level, qualifiers.size()) - 1; i >= 0; i--) {
                    name.append(qualifiers.get(i));
                }
                yield sanitize(name.append(simpleName(c)).toString());
            }
            case ParameterizedType p -> name(p.getRawType(), level) + String.join("",
                    Arrays.stream(p.getActualTypeArguments()).map(argument -> name(argument, level)).toList());
            case GenericArrayType a -> name(a.getGenericComponentType(), level) + "Array";
            default -> throw new IllegalArgumentException("Not a resolved type: " + type);
        };
    }

    private static int maxLevel(Type type) {
        return switch (type) {
            case Class<?> c when c.isArray() -> maxLevel(c.getComponentType());
            case Class<?> c -> qualifiers(c).size();
            case ParameterizedType p -> Arrays.stream(p.getActualTypeArguments())
                    .mapToInt(ComponentNames::maxLevel).reduce(maxLevel(p.getRawType()), Math::max);
            case GenericArrayType a -> maxLevel(a.getGenericComponentType());
            default -> 0;
        };
    }

    /** Enclosing classes, innermost first, then package segments from the innermost out, each capitalized. */
    private static List<String> qualifiers(Class<?> c) {
        List<String> qualifiers = new ArrayList<>();
        Class<?> outer = c.getEnclosingClass();
        for (; outer != null; outer = outer.getEnclosingClass()) {
            qualifiers.add(simpleName(outer));
        }
        List<String> segments = Arrays.asList(c.getPackageName().split("\\."));
        for (int i = segments.size() - 1; i >= 0; i--) {
            if (!segments.get(i).isEmpty()) {
                qualifiers.add(Character.toUpperCase(segments.get(i).charAt(0)) + segments.get(i).substring(1));
            }
        }
        return qualifiers;
    }

    private static String simpleName(Class<?> c) {
        return c.getSimpleName().isEmpty() ? c.getName().substring(c.getName().lastIndexOf('.') + 1) : c.getSimpleName();
    }

    private static String sanitize(String name) {
        return name.replaceAll("[^A-Za-z0-9._-]", "_");
    }
}
