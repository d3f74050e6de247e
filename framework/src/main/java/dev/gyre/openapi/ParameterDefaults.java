package dev.gyre.openapi;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;

/**
 * Converts the text of a parameter's default value to the JSON value its schema describes, so that
 * {@code "default": 10} documents an {@code int} and {@code "default": "10"} a {@code String}. A default that does
 * not fit is a programming error and fails start-up instead of documenting a value the server would reject.
 */
final class ParameterDefaults {
    private ParameterDefaults() {
    }

    /** The default as a JSON value; an array's default is the one-element array of the converted text. */
    static Object convert(String text, Map<String, Object> schema) {
        if ("array".equals(schema.get("type")) && schema.get("items") instanceof Map<?, ?> items) {
            @SuppressWarnings("unchecked")
            Map<String, Object> itemSchema = (Map<String, Object>) items;
            return List.of(convert(text, itemSchema));
        }
        Object value;
        try {
            value = switch (schema.get("type") instanceof String type ? type : "") {
                case "integer" -> integer(new BigInteger(text.strip()));
                case "number" -> new BigDecimal(text.strip());
                case "boolean" -> bool(text.strip());
                default -> text;
            };
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("Default value '" + text + "' is not a " + schema.get("type"), e);
        }
        if (schema.get("enum") instanceof List<?> values) {
            return values.stream().filter(v -> String.valueOf(v).equals(String.valueOf(value))).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("Default value '" + text + "' is not one of " + values));
        }
        return value;
    }

    private static Number integer(BigInteger value) {
        return value.bitLength() < Long.SIZE ? (Number) value.longValue() : value;
    }

    private static Boolean bool(String text) {
        return switch (text) {
            case "true" -> Boolean.TRUE;
            case "false" -> Boolean.FALSE;
            default -> throw new IllegalArgumentException("Default value '" + text + "' is not a boolean");
        };
    }
}
