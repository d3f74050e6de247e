package dev.gyre.handler.internal;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Converts one text value from a path, query, header, cookie or form field into a Java type. Chosen once
 * per parameter at start-up; a conversion that fails throws {@link IllegalArgumentException} with a
 * message for the client, and {@link #errorType} is the pydantic error type FastAPI clients know.
 *
 * <p>Supported: {@code String}, every primitive and its box, {@code BigDecimal}, {@code BigInteger},
 * {@code UUID}, enums (by constant name, then ignoring case), and the ISO-8601 forms of
 * {@code LocalDate}, {@code LocalTime}, {@code LocalDateTime}, {@code OffsetDateTime},
 * {@code ZonedDateTime}, {@code Instant} and {@code Duration}.
 */
record ValueConverter(Class<?> type, Function<String, Object> parser, String errorType, String expected) {

    private static final Map<Class<?>, ValueConverter> SCALARS = Map.ofEntries(
            scalar(String.class, s -> s, "string_type", "a string"),
            scalar(int.class, Integer::valueOf, "int_parsing", "a valid integer"),
            scalar(Integer.class, Integer::valueOf, "int_parsing", "a valid integer"),
            scalar(long.class, Long::valueOf, "int_parsing", "a valid integer"),
            scalar(Long.class, Long::valueOf, "int_parsing", "a valid integer"),
            scalar(short.class, Short::valueOf, "int_parsing", "a valid integer"),
            scalar(Short.class, Short::valueOf, "int_parsing", "a valid integer"),
            scalar(byte.class, Byte::valueOf, "int_parsing", "a valid integer"),
            scalar(Byte.class, Byte::valueOf, "int_parsing", "a valid integer"),
            scalar(double.class, Double::valueOf, "float_parsing", "a valid number"),
            scalar(Double.class, Double::valueOf, "float_parsing", "a valid number"),
            scalar(float.class, Float::valueOf, "float_parsing", "a valid number"),
            scalar(Float.class, Float::valueOf, "float_parsing", "a valid number"),
            scalar(boolean.class, ValueConverter::parseBoolean, "bool_parsing", "a valid boolean"),
            scalar(Boolean.class, ValueConverter::parseBoolean, "bool_parsing", "a valid boolean"),
            scalar(char.class, ValueConverter::parseChar, "string_type", "a single character"),
            scalar(Character.class, ValueConverter::parseChar, "string_type", "a single character"),
            scalar(BigDecimal.class, BigDecimal::new, "decimal_parsing", "a valid decimal"),
            scalar(BigInteger.class, BigInteger::new, "int_parsing", "a valid integer"),
            scalar(UUID.class, ValueConverter::parseUuid, "uuid_parsing", "a valid UUID"),
            scalar(LocalDate.class, LocalDate::parse, "date_parsing", "a valid date (YYYY-MM-DD)"),
            scalar(LocalTime.class, LocalTime::parse, "time_parsing", "a valid time (HH:MM[:SS])"),
            scalar(LocalDateTime.class, LocalDateTime::parse, "datetime_parsing",
                    "a valid datetime (YYYY-MM-DDTHH:MM[:SS])"),
            scalar(OffsetDateTime.class, OffsetDateTime::parse, "datetime_parsing",
                    "a valid datetime with offset (YYYY-MM-DDTHH:MM[:SS]+HH:MM)"),
            scalar(ZonedDateTime.class, ZonedDateTime::parse, "datetime_parsing", "a valid zoned datetime"),
            scalar(Instant.class, Instant::parse, "datetime_parsing", "a valid UTC instant (…Z)"),
            scalar(Duration.class, Duration::parse, "time_delta_parsing", "a valid ISO-8601 duration (PT…)"));

    private static Map.Entry<Class<?>, ValueConverter> scalar(Class<?> type, Function<String, Object> parser,
                                                              String errorType, String expected) {
        return Map.entry(type, new ValueConverter(type, parser, errorType, expected));
    }

    /** The converter for {@code type}, or {@code null} when text cannot be bound to it. */
    static ValueConverter of(Class<?> type) {
        ValueConverter scalar = SCALARS.get(type);
        if (scalar != null) {
            return scalar;
        }
        if (type.isEnum()) {
            return forEnum(type);
        }
        return null;
    }

    /** Whether a missing value can be represented as {@code null}; primitives cannot. */
    boolean nullable() {
        return !type.isPrimitive();
    }

    Object convert(String text) {
        try {
            return parser.apply(text);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("Input should be " + expected, e);
        }
    }

    private static ValueConverter forEnum(Class<?> type) {
        Object[] constants = type.getEnumConstants();
        String names = Arrays.stream(constants).map(c -> "'" + ((Enum<?>) c).name() + "'")
                .collect(Collectors.joining(", "));
        Function<String, Object> parser = s -> {
            for (Object c : constants) {
                if (((Enum<?>) c).name().equals(s)) {
                    return c;
                }
            }
            for (Object c : constants) {
                if (((Enum<?>) c).name().equalsIgnoreCase(s)) {
                    return c;
                }
            }
            throw new IllegalArgumentException("no such constant");
        };
        return new ValueConverter(type, parser, "enum", "one of " + names);
    }

    /** Accepts what FastAPI accepts: true/false, 1/0, yes/no, on/off, any case. */
    private static Object parseBoolean(String s) {
        return switch (s.toLowerCase(Locale.ROOT)) {
            case "true", "1", "yes", "on" -> Boolean.TRUE;
            case "false", "0", "no", "off" -> Boolean.FALSE;
            default -> throw new IllegalArgumentException("not a boolean");
        };
    }

    private static Object parseChar(String s) {
        if (s.length() != 1) {
            throw new IllegalArgumentException("not one character");
        }
        return s.charAt(0);
    }

    /** {@link UUID#fromString} accepts short groups such as {@code 1-2-3-4-5}; clients mean the 36-char form. */
    private static Object parseUuid(String s) {
        if (s.length() != 36) {
            throw new IllegalArgumentException("not a UUID");
        }
        return UUID.fromString(s);
    }
}
