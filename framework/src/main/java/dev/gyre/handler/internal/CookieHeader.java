package dev.gyre.handler.internal;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Parses {@code Cookie} request fields (RFC 6265 §5.4: {@code a=1; b=2}). The first occurrence of a
 * name wins, as browsers send the most specific cookie first. Values are taken as sent, without
 * surrounding double quotes; pairs without {@code =} are skipped.
 */
public final class CookieHeader {
    private CookieHeader() {
    }

    public static Map<String, String> parse(List<String> fields) {
        if (fields.isEmpty()) {
            return Map.of();
        }
        Map<String, String> cookies = new HashMap<>();
        for (String field : fields) {
            for (String pair : field.split(";")) {
                int eq = pair.indexOf('=');
                if (eq <= 0) {
                    continue;
                }
                String name = pair.substring(0, eq).trim();
                String value = pair.substring(eq + 1).trim();
                if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
                    value = value.substring(1, value.length() - 1);
                }
                cookies.putIfAbsent(name, value);
            }
        }
        return cookies;
    }
}
