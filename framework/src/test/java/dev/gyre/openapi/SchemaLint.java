package dev.gyre.openapi;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.PatternSyntaxException;

/**
 * A structural check of generated schemas against JSON Schema 2020-12 (Validation §6, Core §10) and the
 * OpenAPI 3.1 component rules, without a validator library: only known keywords, each with a value of the right
 * shape, every {@code $ref} resolving to a component, every {@code required} name a declared property, component
 * names matching {@code ^[a-zA-Z0-9.\-_]+$}. It returns problems instead of throwing so a test shows them all.
 */
final class SchemaLint {
    private static final Set<String> TYPES = Set.of("null", "boolean", "object", "array", "number", "string", "integer");
    private static final Set<String> COUNTS = Set.of("minLength", "maxLength", "minItems", "maxItems",
            "minProperties", "maxProperties");
    private static final Set<String> BOUNDS = Set.of("minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum");
    private static final Set<String> TEXTS = Set.of("format", "description", "contentEncoding");
    private static final Set<String> FLAGS = Set.of("uniqueItems", "readOnly", "writeOnly");

    private final Map<String, Object> components;
    private final List<String> problems = new ArrayList<>();

    private SchemaLint(Map<String, Object> components) {
        this.components = components;
    }

    /** The problems found in {@code schema} and in all {@code components}; empty if none. */
    static List<String> check(Object schema, Map<String, Object> components) {
        SchemaLint lint = new SchemaLint(components);
        lint.schema(schema, "#");
        components.forEach((name, component) -> {
            if (!name.matches("^[a-zA-Z0-9.\\-_]+$")) {
                lint.problems.add("bad component name " + name);
            }
            lint.schema(component, ComponentRegistry.PREFIX + name);
        });
        return lint.problems;
    }

    private void schema(Object node, String at) {
        if (!(node instanceof Map<?, ?> schema)) {
            problems.add(at + ": a schema must be an object, got " + node);
            return;
        }
        schema.forEach((key, value) -> keyword((String) key, value, schema, at + "/" + key));
    }

    private void keyword(String key, Object value, Map<?, ?> schema, String at) {
        switch (key) {
            case "$ref" -> {
                String ref = (String) value;
                if (!ref.startsWith(ComponentRegistry.PREFIX)
                        || !components.containsKey(ref.substring(ComponentRegistry.PREFIX.length()))) {
                    problems.add(at + ": unresolved " + ref);
                }
            }
            case "type" -> {
                List<?> types = value instanceof List<?> list ? list : List.of(value);
                if (types.isEmpty() || !TYPES.containsAll(types) || new HashSet<>(types).size() != types.size()) {
                    problems.add(at + ": bad type " + value);
                }
            }
            case "properties" -> ((Map<?, ?>) value).forEach((name, property) -> schema(property, at + "/" + name));
            case "required" -> {
                List<?> names = (List<?>) value;
                Map<?, ?> properties = (Map<?, ?>) schema.get("properties");
                if (new HashSet<>(names).size() != names.size() || properties == null
                        || !properties.keySet().containsAll(names)) {
                    problems.add(at + ": required names not unique or not declared: " + names);
                }
            }
            case "items", "additionalProperties" -> schema(value, at);
            case "anyOf" -> {
                List<?> options = (List<?>) value;
                for (int i = 0; i < options.size(); i++) {
                    schema(options.get(i), at + "/" + i);
                }
            }
            case "enum" -> {
                if (!(value instanceof List<?> values) || new HashSet<>(values).size() != values.size()) {
                    problems.add(at + ": enum must be an array of distinct values");
                }
            }
            case "pattern" -> {
                try {
                    java.util.regex.Pattern.compile((String) value);
                } catch (PatternSyntaxException e) {
                    problems.add(at + ": bad pattern " + value);
                }
            }
            case "default" -> { }
            default -> {
                boolean ok = COUNTS.contains(key) ? value instanceof Number n && n.longValue() >= 0
                        && !(n instanceof Double) && !(n instanceof java.math.BigDecimal)
                        : BOUNDS.contains(key) ? value instanceof Number
                        : TEXTS.contains(key) ? value instanceof String
                        : FLAGS.contains(key) && value instanceof Boolean;
                if (!ok) {
                    problems.add(at + ": unknown keyword or bad value " + value);
                }
            }
        }
    }
}
