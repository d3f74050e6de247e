package dev.gyre.openapi;

import dev.gyre.json.internal.JsonStrings;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Map;

/**
 * Writes a tree of {@link Map}s, {@link Iterable}s, strings, numbers, booleans and nulls as JSON text.
 *
 * <p>Exists so that {@code /openapi.json} can be served, and golden files compared, in applications that do not
 * bring Jackson. The output is a pure function of the tree: maps are written in their iteration order, so callers
 * wanting a stable document build it from {@link java.util.LinkedHashMap}s or {@link java.util.TreeMap}s (never
 * {@code Map.of}, whose order changes from one JVM run to the next).
 *
 * <p>Strings are escaped per RFC 8259 §7: quote, backslash and every control character below U+0020 are escaped,
 * and so are U+2028/U+2029 (harmless in JSON, line breaks in older JavaScript) and unpaired surrogates (which
 * cannot be encoded as UTF-8). Pretty output indents by two spaces and puts {@code ": "} after keys.
 */
final class JsonWriter {

    private final StringBuilder out = new StringBuilder(256);
    private final boolean pretty;

    private JsonWriter(boolean pretty) {
        this.pretty = pretty;
    }

    /** The tree as compact JSON, with no whitespace between tokens. */
    public static String write(Object tree) {
        JsonWriter writer = new JsonWriter(false);
        writer.value(tree, 0);
        return writer.out.toString();
    }

    /** The tree as indented JSON ending with a newline, the form golden files are kept in. */
    public static String writePretty(Object tree) {
        JsonWriter writer = new JsonWriter(true);
        writer.value(tree, 0);
        return writer.out.append('\n').toString();
    }

    private void value(Object value, int depth) {
        switch (value) {
            case null -> out.append("null");
            case CharSequence text -> string(text);
            case Character c -> string(String.valueOf(c));
            case Boolean b -> out.append(b.booleanValue());
            case BigDecimal d -> out.append(d.toPlainString());
            case Double d -> finite(d, d.isNaN() || d.isInfinite());
            case Float f -> finite(f, f.isNaN() || f.isInfinite());
            case Number n when n instanceof Integer || n instanceof Long || n instanceof Short
                    || n instanceof Byte || n instanceof BigInteger -> out.append(n);
            case Map<?, ?> map -> object(map, depth);
            case Iterable<?> items -> array(items, depth);
            default -> throw new IllegalArgumentException("Cannot write " + value.getClass().getName() + " as JSON");
        }
    }

    private void finite(Number number, boolean notFinite) {
        if (notFinite) {
            throw new IllegalArgumentException("JSON has no representation for " + number);
        }
        out.append(number);
    }

    private void object(Map<?, ?> map, int depth) {
        out.append('{');
        boolean first = true;
        for (Map.Entry<?, ?> entry : map.entrySet()) {
            if (!(entry.getKey() instanceof String key)) {
                throw new IllegalArgumentException("JSON object keys must be strings, not " + entry.getKey());
            }
            first = separate(first, depth + 1);
            string(key);
            out.append(pretty ? ": " : ":");
            value(entry.getValue(), depth + 1);
        }
        close(first, depth, '}');
    }

    private void array(Iterable<?> items, int depth) {
        out.append('[');
        boolean first = true;
        for (Object item : items) {
            first = separate(first, depth + 1);
            value(item, depth + 1);
        }
        close(first, depth, ']');
    }

    private boolean separate(boolean first, int depth) {
        if (!first) {
            out.append(',');
        }
        newline(depth);
        return false;
    }

    private void close(boolean empty, int depth, char bracket) {
        if (!empty) {
            newline(depth);
        }
        out.append(bracket);
    }

    private void newline(int depth) {
        if (pretty) {
            out.append('\n').repeat("  ", depth);
        }
    }

    private void string(CharSequence text) {
        JsonStrings.quote(text, out);
    }
}
