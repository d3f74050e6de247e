package dev.gyre.http;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The request-target and common field values recent requests sent, kept as strings that later requests
 * with the same bytes share instead of building their own.
 *
 * <p>Clients repeat themselves: a connection sends the same {@code Host}, {@code Accept},
 * {@code User-Agent} and often the same target request after request, and the clients behind one loop
 * mostly agree with each other. Each kind of value (the target, and each field name {@link KnownNames}
 * knows) has one slot holding the last bytes seen and their string; a request whose bytes are equal gets
 * that string, which costs one vectorised comparison instead of an allocation and a copy. Strings are
 * immutable, so sharing them between requests, connections and handler threads is safe, and what a
 * handler sees is exactly what it would otherwise get.
 *
 * <p>A slot is replaced only after {@value #MISSES_BEFORE_REPLACING} misses in a row, so a value that
 * changes on every request (an id in the target, a trace header) costs little more than before; values
 * longer than {@value #MAX_LENGTH} bytes (cookies, tokens) are never kept.
 *
 * <p>One per event loop, shared by that loop's parsers; not thread-safe. The memory it holds is bounded
 * ({@code slots × MAX_LENGTH}) and does not grow with the number of connections.
 */
public final class SharedStrings {
    static final int MAX_LENGTH = 256;
    static final int MISSES_BEFORE_REPLACING = 4;
    /** The slot of the request-target; field values use {@code 1 + } their {@link KnownNames} index. */
    static final int TARGET = 0;

    private final byte[][] bytes = new byte[1 + KnownNames.count()][];
    private final String[] strings = new String[bytes.length];
    private final int[] misses = new int[bytes.length];

    /** The ISO-8859-1 string of {@code buf[off, off + len)}, shared when slot {@code slot} holds those bytes. */
    String get(int slot, byte[] buf, int off, int len) {
        byte[] kept = bytes[slot];
        if (kept != null && Arrays.equals(kept, 0, kept.length, buf, off, off + len)) {
            misses[slot] = 0;
            return strings[slot];
        }
        String s = new String(buf, off, len, StandardCharsets.ISO_8859_1);
        if (len <= MAX_LENGTH && (kept == null || ++misses[slot] >= MISSES_BEFORE_REPLACING)) {
            bytes[slot] = Arrays.copyOfRange(buf, off, off + len);
            strings[slot] = s;
            misses[slot] = 0;
        }
        return s;
    }
}
