package dev.gyre.json;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.SerializationFeature;
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
            return new Target(javaType, mapper.readerFor(javaType), RequiredProperties.of(mapper, javaType));
        });
        try {
            if (target.required() == null) {
                try {
                    return target.reader().readValue(json);
                } catch (JsonMappingException e) {
                    throw mismatched(target.type(), target.reader().readTree(json), List.of(), e);
                }
            }
            JsonNode tree = target.reader().readTree(json);
            List<JsonReadException.Mismatch> missing = new ArrayList<>();
            target.required().check(tree, List.of(), missing);
            try {
                Object value = target.reader().readValue(tree);
                if (missing.isEmpty()) {
                    return value;
                }
            } catch (JsonMappingException e) {
                throw mismatched(target.type(), tree, missing, e);
            }
            throw JsonReadException.mismatched(missing, null);
        } catch (StreamReadException e) {
            JsonLocation at = e.getLocation();
            throw JsonReadException.malformed(e.getOriginalMessage(), at == null ? 0 : at.getLineNr(),
                    at == null ? 0 : at.getColumnNr(), e);
        } catch (JsonMappingException e) {
            throw JsonReadException.mismatched(List.of(TypeMismatches.of(e, List.of())), e);
        } catch (JacksonException e) {
            throw JsonReadException.malformed(e.getOriginalMessage(), 0, 0, e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Every absent required property and every value of the wrong type; a type mismatch where a property is
     * absent (Jackson's view of a missing primitive) is the absence, reported once.
     */
    private JsonReadException mismatched(JavaType type, JsonNode tree, List<JsonReadException.Mismatch> missing,
                              JsonMappingException first) {
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
