package dev.gyre.http;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The decoded {@code application/x-www-form-urlencoded} pairs of a query string or form body, keeping the
 * order of keys and of repeated values.
 */
public final class QueryParameters {
    private static final QueryParameters EMPTY = new QueryParameters(Map.of());

    private final Map<String, List<String>> values;

    private QueryParameters(Map<String, List<String>> values) {
        this.values = values;
    }

    /**
     * Decodes {@code a=1&b=2&a=3}. A key without {@code =} gets the empty value; malformed percent
     * escapes are kept literally rather than failing the request, since a lookup of an unrelated key
     * should still work.
     */
    public static QueryParameters parse(String encoded) {
        return parse(encoded, Integer.MAX_VALUE);
    }

    /**
     * As {@link #parse(String)}, refusing more than {@code maxPairs} pairs before decoding them all, so that a
     * body of a million tiny fields costs no more than the limit.
     *
     * @throws TooManyPairsException past {@code maxPairs}
     */
    public static QueryParameters parse(String encoded, int maxPairs) {
        if (encoded == null || encoded.isEmpty()) {
            return EMPTY;
        }
        Map<String, List<String>> map = new LinkedHashMap<>();
        int pairs = 0;
        int start = 0;
        int len = encoded.length();
        while (start <= len) {
            int amp = encoded.indexOf('&', start);
            int end = amp < 0 ? len : amp;
            if (end > start) {
                if (++pairs > maxPairs) {
                    throw new TooManyPairsException(maxPairs);
                }
                int eq = encoded.indexOf('=', start);
                String key;
                String value;
                if (eq < 0 || eq > end) {
                    key = decode(encoded.substring(start, end));
                    value = "";
                } else {
                    key = decode(encoded.substring(start, eq));
                    value = decode(encoded.substring(eq + 1, end));
                }
                map.computeIfAbsent(key, k -> new ArrayList<>(1)).add(value);
            }
            if (amp < 0) {
                break;
            }
            start = amp + 1;
        }
        map.replaceAll((k, v) -> Collections.unmodifiableList(v));
        return new QueryParameters(Collections.unmodifiableMap(map));
    }

    private static String decode(String s) {
        if (s.indexOf('%') < 0 && s.indexOf('+') < 0) {
            return s;
        }
        try {
            return URLDecoder.decode(s, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException malformed) {
            return s;
        }
    }

    public String first(String name) {
        List<String> v = values.get(name);
        return v == null ? null : v.get(0);
    }

    public List<String> all(String name) {
        return values.getOrDefault(name, List.of());
    }

    public boolean contains(String name) {
        return values.containsKey(name);
    }

    public Map<String, List<String>> asMap() {
        return values;
    }
}
