package dev.gyre.http.codec;

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
 * <p>Each lookup may also name the string the same connection sent in the same place last time, which is
 * used when the slot holds something else.
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

    /**
     * The ISO-8859-1 string of {@code buf[off, off + len)}: the one slot {@code slot} holds when its bytes
     * are equal, else {@code earlier} when that spells them (see {@link #earlierOrNew}), else a new one.
     */
    String get(int slot, byte[] buf, int off, int len, String earlier) {
        byte[] kept = bytes[slot];
        if (kept != null && Arrays.equals(kept, 0, kept.length, buf, off, off + len)) {
            misses[slot] = 0;
            return strings[slot];
        }
        String s = earlierOrNew(earlier, buf, off, len);
        if (len <= MAX_LENGTH && (kept == null || ++misses[slot] >= MISSES_BEFORE_REPLACING)) {
            bytes[slot] = Arrays.copyOfRange(buf, off, off + len);
            strings[slot] = s;
            misses[slot] = 0;
        }
        return s;
    }

    /**
     * {@code earlier} if it is the text of {@code buf[off, off + len)}, else a new string of those bytes.
     * {@code earlier} is what the same connection sent in the same place last time (or null): it catches the
     * repeats of one client that the loop-wide slots miss, because other clients on the loop send other
     * values, or because the field is not one {@link KnownNames} knows.
     */
    static String earlierOrNew(String earlier, byte[] buf, int off, int len) {
        return earlier != null && HttpChars.spells(earlier, buf, off, len)
                ? earlier : new String(buf, off, len, StandardCharsets.ISO_8859_1);
    }
}
