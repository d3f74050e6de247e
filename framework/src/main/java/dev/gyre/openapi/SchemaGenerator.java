package dev.gyre.openapi;

import java.lang.annotation.Annotation;
import java.lang.reflect.AnnotatedParameterizedType;
import java.lang.reflect.AnnotatedType;
import java.lang.reflect.Field;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.Member;
import java.lang.reflect.Method;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Describes Java types as JSON Schema 2020-12 schemas, the dialect of OpenAPI 3.1, collecting named schemas in
 * a components registry.
 *
 * <h2>What becomes what</h2>
 * <ul>
 *   <li>Scalars (numbers, strings, {@code UUID}, {@code java.time} types, {@code byte[]}, …) are inline schemas
 *       with a {@code format}; see {@link ScalarSchemas} for the table. {@code Object} and Jackson's
 *       {@code JsonNode} are {@code {}}, any value; other {@code java.*} types Gyre does not know are {@code {}} too.
 *   <li>Arrays and {@code Iterable}s are inline {@code array}s ({@code Set}s add {@code uniqueItems}); maps are
 *       inline {@code object}s whose {@code additionalProperties} describe the values, whatever the key type.
 *   <li>Enums, records and other classes are <em>named</em>: their schema goes to {@link #components()} and the
 *       caller gets {@code {"$ref": "#/components/schemas/Name"}}. Names are chosen by {@link ComponentNames}:
 *       the simple name, type arguments appended ({@code Page<Item>} is {@code PageItem}), qualified by package
 *       only where simple names clash. Enums list their JSON values: the constant names, or what
 *       {@code @JsonProperty} / {@code @JsonValue} make of them. A class with a {@code @JsonValue} member is the
 *       schema of that member's type.
 *   <li>A record's or bean's properties are found by {@link PropertyIntrospector}; Jackson's {@code @JsonProperty}
 *       (name, {@code required}, {@code access}), {@code @JsonIgnore}, {@code @JsonPropertyDescription} and
 *       {@code @JsonClassDescription} are honoured, and Bean Validation constraints become keywords
 *       ({@link BeanValidationKeywords}). Both libraries are optional: without them, their annotations are not read.
 * </ul>
 *
 * <h2>Required and null</h2>
 * Following FastAPI's rule that a field is required unless it may be left out:
 * <ul>
 *   <li>A record component is required unless it is an {@code Optional} (or {@code OptionalInt}, …) or is marked
 *       {@code @Nullable}: records have no defaults, so every other component must be sent.
 *   <li>A bean property is required only when marked so: {@code @NotNull}, {@code @NotBlank}, {@code @NotEmpty} or
 *       {@code @JsonProperty(required = true)}, since a bean keeps its field initialiser when the property is absent.
 *   <li>{@code null} is allowed exactly where the Java type declares it (see {@link Nullability}): an
 *       {@code Optional} property or element, or a {@code @Nullable} one, is {@code "type": ["string", "null"]}
 *       or {@code anyOf: [$ref, {"type": "null"}]}, unless a {@code @NotNull}-like constraint says otherwise.
 *   <li>At the top of a body ({@link #schemaFor}) and in parameters, {@code Optional<T>} is just {@code T}: whether
 *       the body or the parameter may be absent is for the caller to state with {@code required}, see
 *       {@link #isOptional}.
 * </ul>
 *
 * <h2>Type-use constraints</h2>
 * Annotations on the type arguments of collections, maps and optionals are read ({@code List<@NotBlank String>},
 * {@code Map<String, @Min(0) Integer>}) when the declared type is the collection type itself; annotations on
 * array components are not, because {@code @Size String[] tags} puts {@code @Size} on both the field and the
 * element type and only the field is meant.
 *
 * <p>Not thread-safe: one generator builds one document, at start-up. The {@code $ref} maps it returns are kept
 * up to date when a later type causes a renaming (see {@link ComponentRegistry}), so serialise the document after
 * the last call.
 */
final class SchemaGenerator {
    /** Where a type is used: nullability and inlining differ between them. */
    private enum Use {
        /** The whole of a request or response body. */
        ROOT,
        /** A property, or an element of a collection, map or optional inside a body. */
        VALUE,
        /** A path, query, header or cookie parameter, or an element of one: inline, enums included. */
        PARAMETER;

        Use nested() {
            return this == ROOT ? VALUE : this;
        }
    }

    private static final Annotation[] NO_ANNOTATIONS = new Annotation[0];
    /** Deeper inline nesting means a collection or map type that contains itself, which has no inline schema. */
    private static final int MAX_INLINE_DEPTH = 64;

    private final JsonAnnotations json;
    private final ConstraintKeywords constraints;
    private final PropertyIntrospector introspector;
    private final ComponentRegistry registry = new ComponentRegistry();
    private int depth;

    /** A generator reading the Jackson and Bean Validation annotations that are on the class path. */
    public SchemaGenerator() {
        this(JsonAnnotations.detect(), ConstraintKeywords.detect());
    }

    SchemaGenerator(JsonAnnotations json, ConstraintKeywords constraints) {
        this.json = json;
        this.constraints = constraints;
        this.introspector = new PropertyIntrospector(json);
    }

    /** The schema of a request or response body of this type: inline, or a {@code $ref} to a component. */
    public Map<String, Object> schemaFor(Type type) {
        return schema(Types.resolve(type, Map.of()), null, NO_ANNOTATIONS, Use.ROOT);
    }

    /** As {@link #schemaFor(Type)}, also reading the type-use annotations, as of a method's return type. */
    public Map<String, Object> schemaFor(AnnotatedType type) {
        return schema(Types.resolve(type.getType(), Map.of()), type, NO_ANNOTATIONS, Use.ROOT);
    }

    /** The schema of a parameter with these (declaration) annotations; see the three-argument form. */
    public Map<String, Object> schemaForParameter(Type type, Annotation[] annotations) {
        return parameter(Types.resolve(type, Map.of()), null, annotations, null);
    }

    /**
     * The schema of a path, query, header or cookie parameter. Scalars and enums are inline, constraints among
     * {@code annotations} and on the type uses are applied, and {@code defaultValue} (the text form a binding
     * annotation holds, or {@code null}) becomes {@code default}, converted to the schema's type; for an array
     * it is the single element of the default array.
     *
     * @throws IllegalArgumentException if the default value does not fit the type, so a typo fails start-up
     */
    public Map<String, Object> schemaForParameter(AnnotatedType type, Annotation[] annotations, String defaultValue) {
        return parameter(Types.resolve(type.getType(), Map.of()), type, annotations, defaultValue);
    }

    /** The named schemas met so far, by name in alphabetical order: the document's {@code components.schemas}. */
    public Map<String, Object> components() {
        return registry.schemas();
    }

    /**
     * Whether a body or parameter of this type may be absent: {@code Optional}, {@code OptionalInt},
     * {@code OptionalLong} or {@code OptionalDouble}.
     */
    public static boolean isOptional(Type type) {
        return Nullability.isOptional(Types.raw(type));
    }

    private Map<String, Object> parameter(Type type, AnnotatedType annotated, Annotation[] annotations,
            String defaultValue) {
        Map<String, Object> schema = schema(type, annotated, annotations, Use.PARAMETER);
        if (defaultValue != null) {
            schema.put("default", ParameterDefaults.convert(defaultValue, schema));
        }
        return schema;
    }

    /** The schema of one use of a type, with the constraints and nullability of that use. */
    private Map<String, Object> schema(Type type, AnnotatedType annotated, Annotation[] declared, Use use) {
        Annotation[] annotations = annotated == null ? declared : BeanProperty.merge(declared, annotated.getAnnotations());
        boolean optional = Nullability.isOptional(Types.raw(type));
        if (optional && Types.raw(type) == Optional.class) {
            annotated = typeArgument(annotated, type, Optional.class, 0);
            type = Types.supertypeArguments(type, Optional.class)[0];
            annotations = annotated == null ? annotations : BeanProperty.merge(annotations, annotated.getAnnotations());
        }
        Map<String, Object> schema;
        depth++;
        try {
            if (depth > MAX_INLINE_DEPTH) {
                throw new IllegalArgumentException("Cannot describe " + type.getTypeName()
                        + ": it nests inline types (collections, maps) without end; make the recursive part a record");
            }
            schema = valueSchema(type, annotated, use);
        } finally {
            depth--;
        }
        if (!schema.containsKey("$ref")) {
            constraints.apply(annotations, schema);
        }
        boolean nullable = optional || Nullability.isMarkedNullable(annotations);
        return use == Use.VALUE && nullable && !constraints.requiresValue(annotations)
                ? Nullability.nullable(schema) : schema;
    }

    private Map<String, Object> valueSchema(Type type, AnnotatedType annotated, Use use) {
        Class<?> raw = Types.raw(type);
        Map<String, Object> scalar = ScalarSchemas.schemaFor(raw);
        if (scalar != null) {
            return scalar;
        }
        if (raw.isEnum()) {
            return use == Use.PARAMETER ? enumSchema(raw) : named(type, () -> enumSchema(raw));
        }
        if (raw.isArray()) {
            Type component = type instanceof Class<?> c ? c.getComponentType()
                    : ((GenericArrayType) type).getGenericComponentType();
            return array(schema(component, null, NO_ANNOTATIONS, use.nested()), false);
        }
        if (Iterable.class.isAssignableFrom(raw)) {
            Type element = Types.supertypeArguments(type, Iterable.class)[0];
            return array(schema(element, typeArgument(annotated, type, Iterable.class, 0), NO_ANNOTATIONS, use.nested()),
                    Set.class.isAssignableFrom(raw));
        }
        if (Map.class.isAssignableFrom(raw)) {
            Type value = Types.supertypeArguments(type, Map.class)[1];
            Map<String, Object> schema = typed("object");
            schema.put("additionalProperties", schema(value, typeArgument(annotated, type, Map.class, 1), NO_ANNOTATIONS,
                    use.nested()));
            return schema;
        }
        if (raw == Object.class || isJsonNode(raw)) {
            return new LinkedHashMap<>();
        }
        Member valueMember = json.valueMember(raw);
        if (valueMember != null) {
            Map<TypeVariable<?>, Type> bindings = Types.hierarchyBindings(type);
            return valueMember instanceof Method method
                    ? schema(Types.resolve(method.getGenericReturnType(), bindings), method.getAnnotatedReturnType(),
                            method.getAnnotations(), use)
                    : schema(Types.resolve(((Field) valueMember).getGenericType(), bindings),
                            ((Field) valueMember).getAnnotatedType(), ((Field) valueMember).getAnnotations(), use);
        }
        if (isJdkType(raw)) {
            return new LinkedHashMap<>();
        }
        return named(type, () -> objectSchema(type));
    }

    private Map<String, Object> named(Type type, Supplier<Map<String, Object>> builder) {
        String key = Types.key(type);
        if (!registry.contains(key)) {
            registry.reserve(key, type);
            registry.define(key, builder.get());
        }
        return registry.ref(key);
    }

    private Map<String, Object> enumSchema(Class<?> type) {
        List<Object> values = new ArrayList<>();
        for (Object constant : type.getEnumConstants()) {
            values.add(json.enumValue((Enum<?>) constant));
        }
        Map<String, Object> schema = new LinkedHashMap<>();
        String jsonType = jsonTypeOf(values);
        if (jsonType != null) {
            schema.put("type", jsonType);
        }
        describe(schema, json.description(type));
        schema.put("enum", values);
        return schema;
    }

    private Map<String, Object> objectSchema(Type type) {
        Map<String, Object> schema = typed("object");
        describe(schema, json.description(Types.raw(type)));
        Map<String, Object> properties = new LinkedHashMap<>();
        List<String> required = new ArrayList<>();
        for (BeanProperty property : introspector.properties(type)) {
            Annotation[] annotations = property.annotations();
            if (json.isIgnored(annotations)) {
                continue;
            }
            String name = json.name(annotations) != null ? json.name(annotations) : property.name();
            Map<String, Object> propertySchema = schema(property.type(), property.annotatedType(), annotations, Use.VALUE);
            describe(propertySchema, json.description(annotations));
            if (json.access(annotations) != null) {
                propertySchema.put(json.access(annotations), true);
            }
            properties.put(name, propertySchema);
            if (isRequired(property)) {
                required.add(name);
            }
        }
        if (!properties.isEmpty()) {
            schema.put("properties", properties);
        }
        if (!required.isEmpty()) {
            schema.put("required", required);
        }
        return schema;
    }

    private boolean isRequired(BeanProperty property) {
        Annotation[] annotations = property.annotations();
        return constraints.requiresValue(annotations) || json.isRequired(annotations)
                || property.component() && !Nullability.isOptional(Types.raw(property.type()))
                        && !Nullability.isMarkedNullable(annotations);
    }

    /**
     * The annotated type argument {@code index} of {@code target}, when the declared type is {@code target}'s
     * parameterization itself (so that argument positions line up), else {@code null}.
     */
    private static AnnotatedType typeArgument(AnnotatedType annotated, Type type, Class<?> target, int index) {
        if (!(annotated instanceof AnnotatedParameterizedType parameterized) || !(type instanceof ParameterizedType p)
                || !Arrays.equals(Types.supertypeArguments(type, target), p.getActualTypeArguments())) {
            return null;
        }
        AnnotatedType[] arguments = parameterized.getAnnotatedActualTypeArguments();
        return index < arguments.length ? arguments[index] : null;
    }

    private static Map<String, Object> array(Map<String, Object> items, boolean unique) {
        Map<String, Object> schema = typed("array");
        schema.put("items", items);
        if (unique) {
            schema.put("uniqueItems", true);
        }
        return schema;
    }

    private static Map<String, Object> typed(String type) {
        Map<String, Object> schema = new LinkedHashMap<>();
        schema.put("type", type);
        return schema;
    }

    private static void describe(Map<String, Object> schema, String description) {
        if (description != null) {
            schema.put("description", description);
        }
    }

    private static String jsonTypeOf(List<Object> values) {
        boolean strings = values.stream().allMatch(v -> v instanceof String || v instanceof Character);
        boolean integers = values.stream().allMatch(v -> v instanceof Integer || v instanceof Long
                || v instanceof Short || v instanceof Byte || v instanceof BigInteger);
        boolean numbers = values.stream().allMatch(v -> v instanceof Number);
        boolean booleans = values.stream().allMatch(v -> v instanceof Boolean);
        return strings ? "string" : integers ? "integer" : numbers ? "number" : booleans ? "boolean" : null;
    }

    private static boolean isJsonNode(Class<?> type) {
        for (Class<?> c = type; c != null; c = c.getSuperclass()) {
            if (c.getName().equals("com.fasterxml.jackson.databind.JsonNode")) {
                return true;
            }
        }
        return false;
    }

    private static boolean isJdkType(Class<?> type) {
        String name = type.getName();
        return name.startsWith("java.") || name.startsWith("javax.") || name.startsWith("jdk.");
    }
}
