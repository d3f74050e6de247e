package dev.gyre.json;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.introspect.BeanPropertyDefinition;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Every value of a document that does not fit its type, not only the first one Jackson stops at: when an object
 * or an array fails to read, each of its properties or elements is read on its own, and the failures found there
 * are reported instead, each at its path. Used only once a document has failed, so its cost is the bad request's.
 * Thread-safe.
 */
final class TypeMismatches {
    private final ObjectMapper mapper;
    private final Map<JavaType, ObjectReader> readers = new ConcurrentHashMap<>();

    TypeMismatches(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /** Adds the mismatches of {@code node} read as {@code type} at {@code path}; none when it reads. */
    void collect(JavaType type, JsonNode node, List<Object> path, List<JsonReadException.Mismatch> out) {
        try {
            readers.computeIfAbsent(type, mapper::readerFor).readValue(node);
        } catch (JsonMappingException | InputCoercionException e) {
            int before = out.size();
            if (node.isArray() && (type.isCollectionLikeType() || type.isArrayType())) {
                for (int i = 0; i < node.size(); i++) {
                    collect(type.getContentType(), node.get(i), RequiredProperties.append(path, i), out);
                }
            } else if (node.isObject() && !type.isContainerType() && !type.getRawClass().getName().startsWith("java.")) {
                for (BeanPropertyDefinition property : mapper.getDeserializationConfig().introspect(type).findProperties()) {
                    JsonNode value = node.get(property.getName());
                    if (value != null && property.couldDeserialize()) {
                        collect(property.getPrimaryType(), value, RequiredProperties.append(path, property.getName()), out);
                    }
                }
            }
            if (out.size() == before) {
                out.add(of(e, path));
            }
        } catch (IOException e) {
            out.add(new JsonReadException.Mismatch(path, false, null, e.getMessage()));
        }
    }

    /**
     * The mismatch Jackson reported, at {@code prefix} followed by the path Jackson names; a number out of range
     * for its type ({@link InputCoercionException}) carries no path, and is found at its own by {@link #collect}.
     */
    static JsonReadException.Mismatch of(JacksonException e, List<Object> prefix) {
        List<Object> path = new ArrayList<>(prefix);
        if (e instanceof JsonMappingException mapping) {
            for (JsonMappingException.Reference r : mapping.getPath()) {
                if (r.getFieldName() != null) {
                    path.add(r.getFieldName());
                } else if (r.getIndex() >= 0) {
                    path.add(r.getIndex());
                }
            }
        }
        Class<?> expected = e instanceof MismatchedInputException m ? m.getTargetType()
                : e instanceof InputCoercionException c ? c.getTargetType() : null;
        return new JsonReadException.Mismatch(path, false, expected, e.getOriginalMessage());
    }
}
