package dev.gyre.openapi;

import java.lang.reflect.Array;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.lang.reflect.WildcardType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * Generic-type arithmetic for the schema generator: substituting type arguments into the members of a generic
 * class, finding what a subtype binds a supertype's parameters to, and naming a type canonically.
 *
 * <p>Resolution simplifies as it goes, because a JSON document cannot tell the difference: wildcards become
 * their bound ({@code ? extends X} and {@code ? super X} become {@code X}, {@code ?} becomes {@code Object}) and a
 * type variable nobody bound becomes the erasure of its first bound. What comes out is therefore made only of
 * classes, parameterized types and generic arrays whose arguments are again such types.
 */
final class Types {
    private Types() {
    }

    /** The class a type erases to. */
    static Class<?> raw(Type type) {
        return switch (type) {
            case Class<?> c -> c;
            case ParameterizedType p -> (Class<?>) p.getRawType();
            case GenericArrayType a -> Array.newInstance(raw(a.getGenericComponentType()), 0).getClass();
            case WildcardType w -> raw(w.getLowerBounds().length > 0 ? w.getLowerBounds()[0] : w.getUpperBounds()[0]);
            case TypeVariable<?> v -> raw(v.getBounds()[0]);
            default -> throw new IllegalArgumentException("Unsupported type " + type);
        };
    }

    /** What the type parameters of {@code type}'s class stand for; unbound ones are missing from the map. */
    static Map<TypeVariable<?>, Type> bindings(Type type) {
        Map<TypeVariable<?>, Type> bindings = new HashMap<>();
        if (type instanceof ParameterizedType p) {
            TypeVariable<?>[] variables = raw(p).getTypeParameters();
            Type[] arguments = p.getActualTypeArguments();
            for (int i = 0; i < variables.length; i++) {
                bindings.put(variables[i], resolve(arguments[i], Map.of()));
            }
        }
        return bindings;
    }

    /**
     * The bindings of {@code type} and of all its supertypes, so that a member inherited from a generic superclass
     * or interface resolves against what the subtype made of its parameters.
     */
    static Map<TypeVariable<?>, Type> hierarchyBindings(Type type) {
        Map<TypeVariable<?>, Type> bindings = bindings(type);
        Class<?> raw = raw(type);
        List<Type> parents = new ArrayList<>(Arrays.asList(raw.getGenericInterfaces()));
        if (raw.getGenericSuperclass() != null) {
            parents.add(raw.getGenericSuperclass());
        }
        for (Type parent : parents) {
            hierarchyBindings(resolve(parent, bindings)).forEach(bindings::putIfAbsent);
        }
        return bindings;
    }

    /** {@code type} with the variables in {@code bindings} substituted and wildcards replaced by their bounds. */
    static Type resolve(Type type, Map<TypeVariable<?>, Type> bindings) {
        return switch (type) {
            case Class<?> c -> c;
            case ParameterizedType p -> {
                Type[] arguments = p.getActualTypeArguments().clone();
                for (int i = 0; i < arguments.length; i++) {
                    arguments[i] = resolve(arguments[i], bindings);
                }
                yield new Parameterized(raw(p), arguments);
            }
            case GenericArrayType a -> {
                Type component = resolve(a.getGenericComponentType(), bindings);
                yield component instanceof Class<?> c ? Array.newInstance(c, 0).getClass() : new GenericArray(component);
            }
            case WildcardType w -> resolve(w.getLowerBounds().length > 0 ? w.getLowerBounds()[0] : w.getUpperBounds()[0],
                    bindings);
            case TypeVariable<?> v -> bindings.containsKey(v) ? bindings.get(v) : raw(v.getBounds()[0]);
            default -> throw new IllegalArgumentException("Unsupported type " + type);
        };
    }

    /**
     * The arguments {@code type} gives to the type parameters of its supertype {@code target}, resolved; for
     * example {@code [String]} for a class {@code Tags extends ArrayList<String>} and target {@code Collection}.
     * An argument left raw comes back as {@code Object}.
     */
    static Type[] supertypeArguments(Type type, Class<?> target) {
        Type found = findSupertype(type, target);
        TypeVariable<?>[] variables = target.getTypeParameters();
        Type[] arguments = new Type[variables.length];
        Map<TypeVariable<?>, Type> bindings = found == null ? Map.of() : bindings(found);
        for (int i = 0; i < variables.length; i++) {
            arguments[i] = bindings.getOrDefault(variables[i], Object.class);
        }
        return arguments;
    }

    private static Type findSupertype(Type type, Class<?> target) {
        Class<?> raw = raw(type);
        if (raw == target) {
            return type;
        }
        if (!target.isAssignableFrom(raw)) {
            return null;
        }
        Map<TypeVariable<?>, Type> bindings = bindings(type);
        for (Type parent : raw.getGenericInterfaces()) {
            Type found = findSupertype(resolve(parent, bindings), target);
            if (found != null) {
                return found;
            }
        }
        Type parent = raw.getGenericSuperclass();
        return parent == null ? null : findSupertype(resolve(parent, bindings), target);
    }

    /**
     * A canonical text for a resolved type, equal for equal types whoever built them: the registry key of
     * named schemas. Classes use their binary name, so nested classes in different outers never collide.
     */
    static String key(Type type) {
        return switch (type) {
            case Class<?> c -> c.isArray() ? key(c.getComponentType()) + "[]" : c.getName();
            case ParameterizedType p -> key(raw(p)) + Arrays.stream(p.getActualTypeArguments())
                    .map(Types::key).collect(Collectors.joining(",", "<", ">"));
            case GenericArrayType a -> key(a.getGenericComponentType()) + "[]";
            default -> key(resolve(type, Map.of()));
        };
    }

    /** A parameterized type made by substitution; equality is by raw type and arguments, as for the JDK's own. */
    private record Parameterized(Class<?> rawType, Type[] arguments) implements ParameterizedType {
        @Override
        public Type[] getActualTypeArguments() {
            return arguments.clone();
        }

        @Override
        public Type getRawType() {
            return rawType;
        }

        @Override
        public Type getOwnerType() {
            return rawType.getDeclaringClass();
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof ParameterizedType p && rawType.equals(p.getRawType())
                    && Objects.equals(getOwnerType(), p.getOwnerType())
                    && Arrays.equals(arguments, p.getActualTypeArguments());
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(arguments) ^ rawType.hashCode() ^ Objects.hashCode(getOwnerType());
        }

        @Override
        public String toString() {
            return getTypeName();
        }

        @Override
        public String getTypeName() {
            return key(this);
        }
    }

    /** An array of a parameterized type, such as {@code List<String>[]}, made by substitution. */
    private record GenericArray(Type component) implements GenericArrayType {
        @Override
        public Type getGenericComponentType() {
            return component;
        }

        @Override
        public String toString() {
            return getTypeName();
        }

        @Override
        public String getTypeName() {
            return key(this);
        }
    }
}
