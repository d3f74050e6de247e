package dev.gyre.http;

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
 * Lookups are linear: real requests carry a dozen fields, where a scan over two parallel arrays beats any
 * hash map and allocates nothing.
 *
 * <p>Not thread-safe. A request's headers are filled by its connection's loop before the handler sees them
 * and are not changed afterwards.
 */
public final class Headers {
    private String[] names;
    private String[] values;
    private int size;

    public Headers() {
        this(8);
    }

    public Headers(int expected) {
        names = new String[Math.max(expected, 1)];
        values = new String[names.length];
    }

    /** Appends a field, keeping any earlier ones with the same name. */
    public Headers add(String name, String value) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(value, "value");
        if (size == names.length) {
            names = Arrays.copyOf(names, size * 2);
            values = Arrays.copyOf(values, size * 2);
        }
        names[size] = name;
        values[size] = value;
        size++;
        return this;
    }

    /** Replaces every field of this name with one field. */
    public Headers set(String name, String value) {
        remove(name);
        return add(name, value);
    }

    /** Removes every field of this name; returns whether any was present. */
    public boolean remove(String name) {
        int kept = 0;
        for (int i = 0; i < size; i++) {
            if (!names[i].equalsIgnoreCase(name)) {
                names[kept] = names[i];
                values[kept] = values[i];
                kept++;
            }
        }
        boolean removed = kept != size;
        Arrays.fill(names, kept, size, null);
        Arrays.fill(values, kept, size, null);
        size = kept;
        return removed;
    }

    /** The first value of the field, or {@code null}. */
    public String get(String name) {
        for (int i = 0; i < size; i++) {
            if (names[i].equalsIgnoreCase(name)) {
                return values[i];
            }
        }
        return null;
    }

    /** Every value of the field in order; empty if absent. */
    public List<String> all(String name) {
        List<String> found = null;
        for (int i = 0; i < size; i++) {
            if (names[i].equalsIgnoreCase(name)) {
                if (found == null) {
                    found = new ArrayList<>(2);
                }
                found.add(values[i]);
            }
        }
        return found == null ? List.of() : Collections.unmodifiableList(found);
    }

    /** How many fields of this name are present. */
    public int count(String name) {
        int n = 0;
        for (int i = 0; i < size; i++) {
            if (names[i].equalsIgnoreCase(name)) {
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
            if (names[i].equalsIgnoreCase(name) && listsToken(values[i], token)) {
                return true;
            }
        }
        return false;
    }

    static boolean listsToken(String list, String token) {
        int start = 0;
        int len = list.length();
        while (start <= len) {
            int comma = list.indexOf(',', start);
            int end = comma < 0 ? len : comma;
            int a = start;
            int b = end;
            while (a < b && isOws(list.charAt(a))) {
                a++;
            }
            while (b > a && isOws(list.charAt(b - 1))) {
                b--;
            }
            if (b - a == token.length() && list.regionMatches(true, a, token, 0, token.length())) {
                return true;
            }
            if (comma < 0) {
                return false;
            }
            start = comma + 1;
        }
        return false;
    }

    private static boolean isOws(char c) {
        return c == ' ' || c == '\t';
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
        return names[i];
    }

    /** The value of the i-th field. */
    public String value(int i) {
        Objects.checkIndex(i, size);
        return values[i];
    }

    public void clear() {
        Arrays.fill(names, 0, size, null);
        Arrays.fill(values, 0, size, null);
        size = 0;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("Headers[");
        for (int i = 0; i < size; i++) {
            if (i > 0) {
                sb.append(", ");
            }
            sb.append(names[i]).append(": ").append(values[i]);
        }
        return sb.append(']').toString();
    }
}
