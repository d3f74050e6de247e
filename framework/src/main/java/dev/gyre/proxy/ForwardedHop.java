package dev.gyre.proxy;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One hop of a {@code Forwarded} header (RFC 7239 §4): {@code for=192.0.2.60;proto=https;host=example.com}.
 * Any part may be {@code null}: a proxy says only what it knows.
 *
 * @param node  the {@code for} node as sent, quotes removed: {@code 192.0.2.60:4711},
 *              {@code [2001:db8::1]}, {@code unknown}, {@code _hidden}
 * @param proto the {@code proto} parameter, lower case
 * @param host  the {@code host} parameter
 */
record ForwardedHop(String node, String proto, String host) {

    /**
     * Up to {@code limit} hops of the {@code Forwarded} field values, nearest the proxy (the right) first.
     * Repeated fields are one list. The walk stops at the first element that does not parse: what is left
     * of it was written before any proxy that wrote a well-formed hop, so it cannot be told apart from
     * what the client made up.
     */
    static List<ForwardedHop> nearestFirst(List<String> fieldValues, int limit) {
        List<String> elements = new ArrayList<>();
        for (String value : fieldValues) {
            elements.addAll(split(value, ','));
        }
        List<ForwardedHop> hops = new ArrayList<>();
        for (int i = elements.size() - 1; i >= 0 && hops.size() < limit; i--) {
            ForwardedHop hop = element(elements.get(i));
            if (hop == null) {
                break;
            }
            hops.add(hop);
        }
        return hops;
    }

    private static ForwardedHop element(String element) {
        String node = null;
        String proto = null;
        String host = null;
        for (String pair : split(element, ';')) {
            if (pair.isBlank()) {
                continue;
            }
            int eq = pair.indexOf('=');
            if (eq <= 0) {
                return null;
            }
            String name = pair.substring(0, eq).strip().toLowerCase(Locale.ROOT);
            String value = unquote(pair.substring(eq + 1).strip());
            if (value == null) {
                return null;
            }
            switch (name) {
                case "for" -> node = value;
                case "proto" -> proto = value.toLowerCase(Locale.ROOT);
                case "host" -> host = value;
                default -> { }
            }
        }
        return new ForwardedHop(node, proto, host);
    }

    /**
     * Splits at {@code separator} outside quoted strings; a quote left open runs to the end of
     * {@code text}, so that last part keeps its stray quote and {@link #unquote} refuses it.
     */
    private static List<String> split(String text, char separator) {
        List<String> parts = new ArrayList<>();
        boolean quoted = false;
        int start = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            } else if (c == '\\' && quoted) {
                i++;
            } else if (c == separator && !quoted) {
                parts.add(text.substring(start, i));
                start = i + 1;
            }
        }
        parts.add(text.substring(start));
        return parts;
    }

    /** The value with its quotes and escapes removed; {@code null} when a quote is out of place. */
    private static String unquote(String value) {
        if (value.length() < 2 || value.charAt(0) != '"' || value.charAt(value.length() - 1) != '"') {
            return value.indexOf('"') < 0 ? value : null;
        }
        StringBuilder out = new StringBuilder(value.length());
        for (int i = 1; i < value.length() - 1; i++) {
            char c = value.charAt(i);
            if (c == '\\' && i + 1 < value.length() - 1) {
                c = value.charAt(++i);
            }
            out.append(c);
        }
        return out.toString();
    }
}
