package dev.gyre.json;

import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.introspect.BeanPropertyDefinition;
import java.lang.annotation.Annotation;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.stream.Stream;

/**
 * Which properties a JSON document must hold to be read into a type, found once per type and checked on the
 * document's tree, so that every absent one is reported (Jackson stops at the first, and fills primitives with 0).
 *
 * <p>The rule is the one the OpenAPI document states: a record component is required unless it is an
 * {@code Optional} (or {@code OptionalInt}, …) or is annotated with any annotation named {@code Nullable}; any
 * property marked {@code @JsonProperty(required = true)} is required. Nested records, and records inside lists and
 * arrays, are checked where their values are present. Bean properties are otherwise optional, as a bean keeps its
 * field initialiser.
 */
final class RequiredProperties {
    private static final List<Class<?>> OPTIONALS =
            List.of(Optional.class, OptionalInt.class, OptionalLong.class, OptionalDouble.class);

    private record Property(String name, boolean required, RequiredProperties nested) {
    }

    private final List<Property> properties = new ArrayList<>();
    private RequiredProperties elements;

    private RequiredProperties() {
    }

    /** The checks for {@code type}, or {@code null} when no document of it can lack anything. */
    static RequiredProperties of(ObjectMapper mapper, JavaType type) {
        return of(mapper, type, new HashMap<>());
    }

    private static RequiredProperties of(ObjectMapper mapper, JavaType type, Map<JavaType, RequiredProperties> seen) {
        if (seen.containsKey(type)) {
            return seen.get(type);
        }
        RequiredProperties checks = new RequiredProperties();
        seen.put(type, checks);
        if (type.isCollectionLikeType() || type.isArrayType()) {
            checks.elements = of(mapper, type.getContentType(), seen);
        } else if (!type.isContainerType() && !type.isPrimitive() && !type.isEnumType()
                && !type.getRawClass().getName().startsWith("java.")) {
            RecordComponent[] components = type.getRawClass().getRecordComponents();
            for (BeanPropertyDefinition property : mapper.getDeserializationConfig().introspect(type).findProperties()) {
                if (!property.couldDeserialize()) {
                    continue;
                }
                boolean required = property.isRequired() || isRequiredComponent(components, property.getInternalName());
                checks.properties.add(new Property(property.getName(), required,
                        of(mapper, property.getPrimaryType(), seen)));
            }
        }
        boolean empty = checks.elements == null && checks.properties.stream()
                .noneMatch(p -> p.required() || p.nested() != null);
        seen.put(type, empty ? null : checks);
        return empty ? null : checks;
    }

    private static boolean isRequiredComponent(RecordComponent[] components, String name) {
        if (components == null) {
            return false;
        }
        for (RecordComponent component : components) {
            if (component.getName().equals(name)) {
                return !OPTIONALS.contains(component.getType()) && Stream.of(component.getAnnotations(),
                                component.getAnnotatedType().getAnnotations(), component.getAccessor().getAnnotations())
                        .flatMap(Stream::of).map(Annotation::annotationType)
                        .noneMatch(a -> a.getSimpleName().equals("Nullable"));
            }
        }
        return false;
    }

    /** Adds a {@code missing} mismatch for every required property absent from {@code node} and below. */
    void check(JsonNode node, List<Object> path, List<JsonReadException.Mismatch> out) {
        if (elements != null && node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                elements.check(node.get(i), append(path, i), out);
            }
            return;
        }
        if (!node.isObject()) {
            return;
        }
        for (Property property : properties) {
            JsonNode value = node.get(property.name());
            if (value == null) {
                if (property.required()) {
                    out.add(new JsonReadException.Mismatch(append(path, property.name()), true, null, "Field required"));
                }
            } else if (property.nested() != null) {
                property.nested().check(value, append(path, property.name()), out);
            }
        }
    }

    /** {@code path} with one more step, a new list. */
    static List<Object> append(List<Object> path, Object step) {
        List<Object> longer = new ArrayList<>(path.size() + 1);
        longer.addAll(path);
        longer.add(step);
        return longer;
    }
}
