package dev.gyre.openapi;

import java.lang.annotation.Annotation;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * Where {@code null} is a declared value, and how a schema admits it.
 *
 * <p>A value may be null when its Java type says so: an {@code Optional}, {@code OptionalInt}, {@code OptionalLong}
 * or {@code OptionalDouble} (Jackson writes an empty one as {@code null}), or a use annotated with any annotation
 * whose simple name is {@code Nullable} (JSpecify, {@code jakarta.annotation}, JSR-305, JetBrains, …, matched by
 * name so that none of them is a dependency). Other references are documented as non-null: the schema states the
 * contract, and the JSON layer should leave null fields out rather than write them.
 */
final class Nullability {
    private static final List<Class<?>> OPTIONALS =
            List.of(Optional.class, OptionalInt.class, OptionalLong.class, OptionalDouble.class);

    private Nullability() {
    }

    static boolean isOptional(Class<?> type) {
        return OPTIONALS.contains(type);
    }

    static boolean isMarkedNullable(Annotation[] annotations) {
        for (Annotation annotation : annotations) {
            if (annotation.annotationType().getSimpleName().equals("Nullable")) {
                return true;
            }
        }
        return false;
    }

    /**
     * A schema that also admits {@code null}: {@code "type": "string"} becomes {@code ["string", "null"]} (and
     * {@code null} joins an {@code enum}); a {@code $ref} is wrapped as {@code anyOf: [ref, {"type": "null"}]};
     * a schema without a type already admits null and comes back unchanged.
     */
    static Map<String, Object> nullable(Map<String, Object> schema) {
        if (schema.containsKey("$ref")) {
            Map<String, Object> nullType = new LinkedHashMap<>();
            nullType.put("type", "null");
            Map<String, Object> anyOf = new LinkedHashMap<>();
            anyOf.put("anyOf", List.of(schema, nullType));
            return anyOf;
        }
        if (schema.get("type") instanceof String type) {
            schema.put("type", List.of(type, "null"));
            if (schema.get("enum") instanceof List<?> values) {
                List<Object> withNull = new ArrayList<>(values);
                withNull.add(null);
                schema.put("enum", withNull);
            }
        }
        return schema;
    }
}
