package dev.gyre.handler;

import java.util.function.Function;

/**
 * Converts one text value from a path, query or header into a Java type. Chosen once per parameter
 * at start-up; a conversion that fails throws {@link IllegalArgumentException} with a message for the
 * client and the FastAPI error type in {@link #errorType}.
 */
record ValueConverter(Class<?> type, Function<String, Object> parser, String errorType, String expected) {

    /** The converter for {@code type}, or {@code null} when text cannot be bound to it. */
    static ValueConverter of(Class<?> type) {
        if (type == String.class) {
            return new ValueConverter(type, s -> s, "string_type", "a string");
        }
        if (type == int.class || type == Integer.class) {
            return new ValueConverter(type, Integer::valueOf, "int_parsing", "a valid integer");
        }
        if (type == long.class || type == Long.class) {
            return new ValueConverter(type, Long::valueOf, "int_parsing", "a valid integer");
        }
        if (type == boolean.class || type == Boolean.class) {
            return new ValueConverter(type, ValueConverter::parseBoolean, "bool_parsing", "a valid boolean");
        }
        if (type == double.class || type == Double.class) {
            return new ValueConverter(type, Double::valueOf, "float_parsing", "a valid number");
        }
        return null;
    }

    /** Accepts what FastAPI accepts: true/false, 1/0, yes/no, on/off, any case. */
    private static Object parseBoolean(String s) {
        return switch (s.toLowerCase(java.util.Locale.ROOT)) {
            case "true", "1", "yes", "on" -> Boolean.TRUE;
            case "false", "0", "no", "off" -> Boolean.FALSE;
            default -> throw new IllegalArgumentException("not a boolean");
        };
    }

    Object convert(String text) {
        try {
            return parser.apply(text);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("Input should be " + expected, e);
        }
    }
}
