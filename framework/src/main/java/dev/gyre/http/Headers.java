package dev.gyre.http;

import dev.gyre.http.codec.HttpChars;
import dev.gyre.http.internal.ParsedHeaders;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * An ordered list of HTTP fields, looked up case-insensitively.
 *
 * <p>Order and repeats are kept exactly as received or added, because some fields ({@code Set-Cookie},
 * {@code Via}) mean something only as a list, and because proxies and tests want to see what was sent.
 * Lookups are linear: real requests carry a dozen fields, where a scan over one array of names and values
 * beats any hash map and allocates nothing. A parsed request's array has exactly its fields' size.
 *
 * <p>Headers built with {@link #Headers()} are mutable and not thread-safe: a response's, filled by one
 * thread. A parsed request's headers are read-only (every mutator throws
 * {@link UnsupportedOperationException}), which is what lets a connection hand the same instance to
 * consecutive requests that sent the same fields, and lets handlers on any thread read them. The parser
 * makes those through {@link ParsedHeaders}; there is no public factory that skips the checks.
 *
 * <p>A response made by {@link Response#text} or {@link Response#bytes} starts from a read-only preset of its
 * {@code Content-Type} ({@link #startingAs}): it shares the preset's array, and copies it at its first change,
 * so a response nobody adds a field to allocates no array of its own.
 */
public final class Headers {
    private static final String[] NONE = new String[0];

    static {
        ParsedHeaders.install(new ParsedHeaders.Access() {
            @Override
            public Headers copyOf(String[] interleaved, int size) {
                return Headers.copyOf(interleaved, size);
            }

            @Override
            public boolean holdsSame(Headers headers, String[] interleaved, int size) {
                return headers.holdsSame(interleaved, size);
            }
        });
    }

    /** Names and values interleaved: the i-th field's name at {@code 2i}, its value at {@code 2i + 1}. */
    private String[] fields;
    private int size;
    private final boolean readOnly;
    /** Whether {@link #fields} is a read-only preset's, to be copied before the first change. */
    private boolean shared;

    public Headers() {
        this(8);
    }

    public Headers(int expected) {
        fields = expected <= 0 ? NONE : new String[2 * expected];
        readOnly = false;
    }

    private Headers(String[] fields, int size) {
        this.fields = fields;
        this.size = size;
        this.readOnly = true;
    }

    /** See {@link ParsedHeaders#copyOf}. */
    private static Headers copyOf(String[] interleaved, int size) {
        return new Headers(size == 0 ? NONE : Arrays.copyOf(interleaved, 2 * size), size);
    }

    /** Mutable headers holding {@code preset}'s fields (a read-only instance), sharing its array until changed. */
    static Headers startingAs(Headers preset) {
        Headers headers = new Headers(0);
        headers.fields = preset.fields;
        headers.size = preset.size;
        headers.shared = true;
        return headers;
    }

    /** Read-only headers of one field, checked as {@link #add} checks it: a preset for {@link #startingAs}. */
    static Headers preset(String name, String value) {
        checkField(name, value);
        return new Headers(new String[] {name, value}, 1);
    }

    /** See {@link ParsedHeaders#holdsSame}. */
    private boolean holdsSame(String[] interleaved, int size) {
        if (size != this.size) {
            return false;
        }
        for (int i = 0; i < 2 * size; i++) {
            if (fields[i] != interleaved[i]) {
                return false;
            }
        }
        return true;
    }

    /**
     * Appends a field, keeping any earlier ones with the same name.
     *
     * <p>The field is checked here, on the caller's thread, so that a handler's mistake is its own
     * exception (a 500) rather than a broken connection later: the name must be a token (RFC 9110 §5.1),
     * and the value may hold only VCHAR, SP, HTAB and obs-text (RFC 9110 §5.5), which rules out CR, LF, NUL
     * and every other control, and any character above U+00FF, since a value is sent as ISO-8859-1, one
     * byte per character. Text beyond Latin-1 must be encoded by the caller (RFC 8187, percent-encoding).
     *
     * @throws IllegalArgumentException naming the field, if the name or value breaks these rules; the
     *     headers are then unchanged
     */
    public Headers add(String name, String value) {
        checkWritable();
        checkField(name, value);
        return append(name, value);
    }

    /**
     * Replaces every field of this name with one field, checked as {@link #add} checks it before anything
     * is removed.
     */
    public Headers set(String name, String value) {
        checkWritable();
        checkField(name, value);
        remove(name);
        return append(name, value);
    }

    private Headers append(String name, String value) {
        if (2 * size == fields.length) {
            fields = Arrays.copyOf(fields, Math.max(4, fields.length * 2));
        }
        fields[2 * size] = name;
        fields[2 * size + 1] = value;
        size++;
        return this;
    }

    /** Removes every field of this name; returns whether any was present. */
    public boolean remove(String name) {
        checkWritable();
        int kept = 0;
        for (int i = 0; i < size; i++) {
            if (!fields[2 * i].equalsIgnoreCase(name)) {
                fields[2 * kept] = fields[2 * i];
                fields[2 * kept + 1] = fields[2 * i + 1];
                kept++;
            }
        }
        boolean removed = kept != size;
        Arrays.fill(fields, 2 * kept, 2 * size, null);
        size = kept;
        return removed;
    }

    /** The first value of the field, or {@code null}. */
    public String get(String name) {
        for (int i = 0; i < size; i++) {
            if (fields[2 * i].equalsIgnoreCase(name)) {
                return fields[2 * i + 1];
            }
        }
        return null;
    }

    /** Every value of the field in order; empty if absent. */
    public List<String> all(String name) {
        List<String> found = null;
        for (int i = 0; i < size; i++) {
            if (fields[2 * i].equalsIgnoreCase(name)) {
                if (found == null) {
                    found = new ArrayList<>(2);
                }
                found.add(fields[2 * i + 1]);
            }
        }
        return found == null ? List.of() : Collections.unmodifiableList(found);
    }

    /** How many fields of this name are present. */
    public int count(String name) {
        int n = 0;
        for (int i = 0; i < size; i++) {
            if (fields[2 * i].equalsIgnoreCase(name)) {
                n++;
            }
        }
        return n;
    }

    public boolean contains(String name) {
        return get(name) != null;
    }

    /**
     * Whether a comma-separated field (such as {@code Connection}) lists the given token,
     * compared case-insensitively, across all its repeats.
     */
    public boolean containsToken(String name, String token) {
        for (int i = 0; i < size; i++) {
            if (fields[2 * i].equalsIgnoreCase(name) && HttpChars.listsToken(fields[2 * i + 1], token)) {
                return true;
            }
        }
        return false;
    }

    public int size() {
        return size;
    }

    public boolean isEmpty() {
        return size == 0;
    }

    /** The name of the i-th field, as it was received or added. */
    public String name(int i) {
        Objects.checkIndex(i, size);
        return fields[2 * i];
    }

    /** The value of the i-th field. */
    public String value(int i) {
        Objects.checkIndex(i, size);
        return fields[2 * i + 1];
    }

    public void clear() {
        checkWritable();
        Arrays.fill(fields, 0, 2 * size, null);
        size = 0;
    }

    /** The check {@link #add} makes; also {@code Response.trailer}'s for a name whose value comes later. */
    static void checkField(String name, String value) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(value, "value");
        if (name.isEmpty()) {
            throw new IllegalArgumentException("empty header name");
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c > 0x7F || !HttpChars.isTchar((byte) c)) {
                throw new IllegalArgumentException("header name " + quoted(name) + " is not a token: character "
                        + i + " is U+" + hex(c));
            }
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c > 0xFF || !HttpChars.isFieldValueChar((byte) c)) {
                throw new IllegalArgumentException("value of header " + name + " holds U+" + hex(c) + " at index " + i
                        + ": only VCHAR, SP, HTAB and U+0080..U+00FF may be sent");
            }
        }
    }

    /** A name that failed the check, with its controls made visible so the message stays one line. */
    private static String quoted(String name) {
        StringBuilder sb = new StringBuilder("\"");
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            sb.append(c < 0x20 || c == 0x7F ? "\\u" + hex(c) : String.valueOf(c));
        }
        return sb.append('"').toString();
    }

    private static String hex(char c) {
        return String.format("%04X", (int) c);
    }

    private void checkWritable() {
        if (readOnly) {
            throw new UnsupportedOperationException("a request's headers are read-only");
        }
        if (shared) {
            fields = Arrays.copyOf(fields, Math.max(8, 2 * fields.length));
            shared = false;
        }
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("Headers[");
        for (int i = 0; i < size; i++) {
            if (i > 0) {
                sb.append(", ");
            }
            sb.append(fields[2 * i]).append(": ").append(fields[2 * i + 1]);
        }
        return sb.append(']').toString();
    }
}
