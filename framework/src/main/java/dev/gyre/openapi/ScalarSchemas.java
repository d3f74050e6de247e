package dev.gyre.openapi;

import java.io.File;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.URI;
import java.net.URL;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.OffsetTime;
import java.time.Period;
import java.time.Year;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Currency;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.UUID;

/**
 * The JSON Schema of every value type that is written as one JSON scalar.
 *
 * <p>The table describes the wire format of Gyre's JSON layer, which is Jackson's with the JSR-310 module and
 * {@code WRITE_DATES_AS_TIMESTAMPS} off: dates, times and durations are ISO-8601 strings, {@code byte[]} is a
 * base64 string, {@code BigDecimal} is a JSON number, and a {@code Path} is its {@code file:} URI (it must
 * be a scalar here: as an {@code Iterable} of itself it would otherwise nest forever). {@code OptionalInt} and friends map to their content;
 * the generator, not this table, decides that they are optional.
 *
 * <p>Formats are the ones the OpenAPI 3.1 format registry and JSON Schema 2020-12 §7.3 define, so tools know them.
 * {@code byte} and {@code short} have no format there and carry their range instead. {@code LocalDateTime} and
 * {@code LocalTime} are documented as {@code date-time} and {@code time} like their offset-bearing cousins, as
 * springdoc does, although RFC 3339 asks for an offset there; 2020-12 treats {@code format} as an annotation, so
 * validators do not reject offset-less values unless told to. {@code void} and {@code Void} are {@code null}: a
 * {@code CompletionStage<Void>} completes with nothing, which Jackson writes as {@code null}.
 */
final class ScalarSchemas {
    private static final Map<Class<?>, Map<String, Object>> SCHEMAS = new HashMap<>();
    private static final List<Class<?>> OPEN_SCALARS = List.of(java.util.Date.class, ZoneId.class, Path.class, Number.class);

    static {
        for (Class<?> c : new Class<?>[] {int.class, Integer.class, OptionalInt.class}) {
            put(c, "integer", "format", "int32");
        }
        for (Class<?> c : new Class<?>[] {long.class, Long.class, OptionalLong.class}) {
            put(c, "integer", "format", "int64");
        }
        put(short.class, "integer", "minimum", (int) Short.MIN_VALUE, "maximum", (int) Short.MAX_VALUE);
        put(Short.class, "integer", "minimum", (int) Short.MIN_VALUE, "maximum", (int) Short.MAX_VALUE);
        put(byte.class, "integer", "minimum", (int) Byte.MIN_VALUE, "maximum", (int) Byte.MAX_VALUE);
        put(Byte.class, "integer", "minimum", (int) Byte.MIN_VALUE, "maximum", (int) Byte.MAX_VALUE);
        put(BigInteger.class, "integer");
        put(void.class, "null");
        put(Void.class, "null");
        put(float.class, "number", "format", "float");
        put(Float.class, "number", "format", "float");
        for (Class<?> c : new Class<?>[] {double.class, Double.class, OptionalDouble.class}) {
            put(c, "number", "format", "double");
        }
        put(BigDecimal.class, "number");
        put(Number.class, "number");
        put(boolean.class, "boolean");
        put(Boolean.class, "boolean");
        put(char.class, "string", "minLength", 1, "maxLength", 1);
        put(Character.class, "string", "minLength", 1, "maxLength", 1);
        put(String.class, "string");
        put(byte[].class, "string", "contentEncoding", "base64");
        put(UUID.class, "string", "format", "uuid");
        put(URI.class, "string", "format", "uri");
        put(URL.class, "string", "format", "uri");
        put(Path.class, "string", "format", "uri");
        put(File.class, "string");
        put(LocalDate.class, "string", "format", "date");
        for (Class<?> c : new Class<?>[] {LocalDateTime.class, OffsetDateTime.class, ZonedDateTime.class, Instant.class,
                java.util.Date.class}) {
            put(c, "string", "format", "date-time");
        }
        put(LocalTime.class, "string", "format", "time");
        put(OffsetTime.class, "string", "format", "time");
        put(Duration.class, "string", "format", "duration");
        put(Period.class, "string", "format", "duration");
        put(Year.class, "integer", "format", "int32");
        put(YearMonth.class, "string", "pattern", "^-?\\d{4,}-\\d{2}$");
        put(ZoneId.class, "string");
        put(Locale.class, "string");
        put(Currency.class, "string", "pattern", "^[A-Z]{3}$");
    }

    private ScalarSchemas() {
    }

    /**
     * A fresh, modifiable schema for {@code type}, or {@code null} if it is not a scalar. Subclasses of the open
     * scalar classes count: {@code ZoneOffset} is a {@code ZoneId}, {@code java.sql.Timestamp} a {@code Date} and
     * {@code AtomicLong} a {@code Number}, and Jackson writes them so.
     */
    static Map<String, Object> schemaFor(Class<?> type) {
        Map<String, Object> schema = SCHEMAS.get(type);
        for (int i = 0; schema == null && i < OPEN_SCALARS.size(); i++) {
            if (OPEN_SCALARS.get(i).isAssignableFrom(type)) {
                schema = SCHEMAS.get(OPEN_SCALARS.get(i));
            }
        }
        return schema == null ? null : new LinkedHashMap<>(schema);
    }

    private static void put(Class<?> type, String jsonType, Object... keywords) {
        Map<String, Object> schema = new LinkedHashMap<>();
        schema.put("type", jsonType);
        for (int i = 0; i < keywords.length; i += 2) {
            schema.put((String) keywords[i], keywords[i + 1]);
        }
        SCHEMAS.put(type, schema);
    }
}
