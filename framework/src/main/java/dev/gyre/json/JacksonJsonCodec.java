package dev.gyre.json;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * JSON through Jackson, configured so that what goes on the wire is what the OpenAPI document says.
 *
 * <p>{@link #defaultMapper()}: modules on the class path are registered (java.time's {@code JavaTimeModule},
 * {@code Jdk8Module}; a WARN names either when it is missing), dates and durations are ISO-8601 strings rather than numbers, unknown properties are ignored
 * (pydantic's default), {@code null} for a primitive and a fractional number for an integer are errors rather than
 * {@code 0} and a truncation. Pass your own mapper with {@code Gyre.builder().json(new JacksonJsonCodec(mapper))},
 * best made from {@code defaultMapper()}.
 *
 * <p>Reading reports every required property that is absent ({@link RequiredProperties}) and every value of the
 * wrong type ({@link TypeMismatches}), as {@link JsonReadException#mismatches()}. Readers and those checks are made once per
 * type, so a request pays neither type resolution nor reader construction. Thread-safe.
 */
public final class JacksonJsonCodec implements JsonCodec {
    private static final Logger log = LoggerFactory.getLogger(JacksonJsonCodec.class);
    private static final Map<String, String> MODULES = Map.of(
            "com.fasterxml.jackson.datatype.jsr310.JavaTimeModule", "jackson-datatype-jsr310 (java.time values)",
            "com.fasterxml.jackson.datatype.jdk8.Jdk8Module", "jackson-datatype-jdk8 (Optional values)");

    private record Target(JavaType type, ObjectReader reader, RequiredProperties required) {
    }

    private final ObjectMapper mapper;
    private final Map<Type, Target> targets = new ConcurrentHashMap<>();
    private final TypeMismatches mismatches;

    public JacksonJsonCodec() {
        this(defaultMapper());
    }

    public JacksonJsonCodec(ObjectMapper mapper) {
        this.mapper = mapper;
        this.mismatches = new TypeMismatches(mapper);
    }

    /** A new mapper configured as described above, to adjust and pass to {@link #JacksonJsonCodec(ObjectMapper)}. */
    public static ObjectMapper defaultMapper() {
        MODULES.forEach((module, artifact) -> {
            if (!onClassPath(module)) {
                log.warn("com.fasterxml.jackson.datatype:{} is not on the class path: such values cannot be read or "
                        + "written as JSON; add it next to jackson-databind", artifact);
            }
        });
        return new ObjectMapper().findAndRegisterModules()
                .registerModule(FiniteFloats.module())
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS)
                .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE);
    }

    private static boolean onClassPath(String className) {
        try {
            Class.forName(className, false, JacksonJsonCodec.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }

    public ObjectMapper mapper() {
        return mapper;
    }

    @Override
    public byte[] write(Object value) {
        try {
            return mapper.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("cannot write " + value.getClass().getName() + " as JSON", e);
        }
    }

    @Override
    public Object read(byte[] json, Type type) {
        Target target = targets.computeIfAbsent(type, t -> {
            JavaType javaType = mapper.getTypeFactory().constructType(t);
            ObjectReader reader = mapper.readerFor(javaType)
                    .with(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                    .without(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES);
            return new Target(javaType, reader, RequiredProperties.of(mapper, javaType));
        });
        try {
            if (target.required() == null) {
                try {
                    return whole(json, p -> target.reader().readValue(p));
                } catch (JsonMappingException | InputCoercionException e) {
                    throw mismatched(target.type(), tree(json, target), List.of(), e);
                }
            }
            JsonNode tree = tree(json, target);
            if (tree == null) {
                return null;
            }
            List<JsonReadException.Mismatch> missing = new ArrayList<>();
            target.required().check(tree, List.of(), missing);
            try {
                Object value = target.reader().readValue(tree);
                if (missing.isEmpty()) {
                    return value;
                }
            } catch (JsonMappingException | InputCoercionException e) {
                throw mismatched(target.type(), tree, missing, e);
            }
            throw JsonReadException.mismatched(missing, null);
        } catch (StreamReadException e) {
            throw MalformedJson.of(e, null, mapper.getFactory().streamReadConstraints());
        } catch (JsonMappingException e) {
            throw JsonReadException.mismatched(List.of(TypeMismatches.of(e, List.of())), e);
        } catch (JacksonException e) {
            throw MalformedJson.at("not a JSON value", null, e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private interface Reading<T> {
        T read(JsonParser p) throws IOException;
    }

    /**
     * Reads one document that must be all of {@code json}: bytes after it, even another document, are malformed
     * JSON located where the document ended. Null when there is no document at all (only white space).
     */
    private <T> T whole(byte[] json, Reading<T> reading) throws IOException {
        try (JsonParser p = mapper.createParser(json)) {
            T value;
            try {
                if (p.nextToken() == null) {
                    return null;
                }
                value = reading.read(p);
            } catch (StreamReadException | StreamConstraintsException e) {
                throw MalformedJson.of(e, p.currentLocation(), mapper.getFactory().streamReadConstraints());
            }
            JsonLocation end = p.currentLocation();
            boolean trailing;
            try {
                trailing = p.nextToken() != null;
            } catch (StreamReadException e) {
                trailing = true;
            }
            if (trailing) {
                throw MalformedJson.at("bytes after the JSON document", end, null);
            }
            return value;
        }
    }

    /** The document as a tree whose decimals are exact ({@code BigDecimal}, trailing zeros kept). */
    private JsonNode tree(byte[] json, Target target) throws IOException {
        return whole(json, p -> target.reader().readTree(p));
    }

    /**
     * Every absent required property and every value of the wrong type; a type mismatch where a property is
     * absent (Jackson's view of a missing primitive) is the absence, reported once.
     */
    private JsonReadException mismatched(JavaType type, JsonNode tree, List<JsonReadException.Mismatch> missing,
                              JacksonException first) {
        List<JsonReadException.Mismatch> wrong = new ArrayList<>();
        mismatches.collect(type, tree, List.of(), wrong);
        List<JsonReadException.Mismatch> all = new ArrayList<>(missing);
        for (JsonReadException.Mismatch m : wrong) {
            if (missing.stream().noneMatch(absent -> absent.path().equals(m.path()))) {
                all.add(m);
            }
        }
        if (all.isEmpty()) {
            all.add(TypeMismatches.of(first, List.of()));
        }
        return JsonReadException.mismatched(all, first);
    }
}
