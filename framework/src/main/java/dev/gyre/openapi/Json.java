package dev.gyre.openapi;

import java.util.LinkedHashMap;
import java.util.Map;

/** Building blocks for the document tree: ordered maps, so the written document is stable. */
final class Json {
    private Json() {
    }

    static Map<String, Object> object(String key, Object value) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put(key, value);
        return map;
    }

    /** Puts the value unless it is {@code null} or empty text, which OpenAPI would rather not see. */
    static void putIfPresent(Map<String, Object> map, String key, String value) {
        if (value != null && !value.isEmpty()) {
            map.put(key, value);
        }
    }
}
