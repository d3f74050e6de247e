package dev.gyre.json;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * JSON through Jackson. Modules on the classpath (java.time, Jdk8) are registered automatically.
 * Readers are cached per type, so a request pays neither type resolution nor reader construction.
 */
public final class JacksonJsonCodec implements JsonCodec {
    private final ObjectMapper mapper;
    private final Map<Type, ObjectReader> readers = new ConcurrentHashMap<>();

    public JacksonJsonCodec() {
        this(new ObjectMapper().findAndRegisterModules()
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES));
    }

    public JacksonJsonCodec(ObjectMapper mapper) {
        this.mapper = mapper;
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
        ObjectReader reader = readers.computeIfAbsent(type, t -> {
            JavaType javaType = mapper.getTypeFactory().constructType(t);
            return mapper.readerFor(javaType);
        });
        try {
            return reader.readValue(json);
        } catch (StreamReadException e) {
            JsonLocation at = e.getLocation();
            throw new JsonReadException(e.getOriginalMessage(), at == null ? 0 : at.getLineNr(),
                    at == null ? 0 : at.getColumnNr(), List.of(), true, e);
        } catch (JsonMappingException e) {
            JsonLocation at = e.getLocation();
            throw new JsonReadException(e.getOriginalMessage(), at == null ? 0 : at.getLineNr(),
                    at == null ? 0 : at.getColumnNr(), path(e), false, e);
        } catch (JacksonException e) {
            throw new JsonReadException(e.getOriginalMessage(), 0, 0, List.of(), true, e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<Object> path(JsonMappingException e) {
        List<Object> path = new ArrayList<>();
        for (JsonMappingException.Reference r : e.getPath()) {
            if (r.getFieldName() != null) {
                path.add(r.getFieldName());
            } else if (r.getIndex() >= 0) {
                path.add(r.getIndex());
            }
        }
        return path;
    }
}
