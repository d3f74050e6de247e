package dev.gyre.http.codec;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * The bytes of the last head a parser read whole, request line to empty line, so that a head repeating
 * them byte for byte is known at once: one vectorised comparison instead of finding its lines, checking
 * its grammar and looking up its strings again.
 *
 * <p>Parsing is a function of the bytes and the parser's limits, which never change, so equal bytes are
 * the same head: same strings, same framing, same limits met. The parser keeps the bytes only with the
 * head they produced ({@link RequestParser} hands that head out again), and forgets them whenever it parses
 * a head it cannot keep. A head is kept only when it was whole in one array-backed buffer and is at most
 * {@value #MAX_LENGTH} bytes, so the copy is one bulk copy and an idle connection holds at most that much
 * more; the array grows to the longest head kept and is then reused. One per parser; not thread-safe.
 */
final class RepeatedHeadBytes {
    /** The longest head kept: typical API clients' heads fit, a browser's cookie-laden ones need not. */
    static final int MAX_LENGTH = 512;
    private static final byte[] EMPTY = new byte[0];

    private byte[] bytes = EMPTY;
    private int length;

    /** Whether {@code in}, from its position, starts with the kept head; never when none is kept. */
    boolean repeatedAt(ByteBuffer in) {
        if (length == 0 || in.remaining() < length || !in.hasArray()) {
            return false;
        }
        int from = in.arrayOffset() + in.position();
        return Arrays.equals(in.array(), from, from + length, bytes, 0, length);
    }

    /** The kept head's length in bytes, its final CRLF CRLF included; 0 when none is kept. */
    int length() {
        return length;
    }

    /**
     * Keeps {@code in[from, to)} (positions), the head just parsed, or forgets the kept one when it cannot
     * keep this one (a buffer without an array, or a head longer than {@value #MAX_LENGTH}).
     */
    void keep(ByteBuffer in, int from, int to) {
        int n = to - from;
        if (!in.hasArray() || n > MAX_LENGTH) {
            forget();
            return;
        }
        if (n > bytes.length) {
            bytes = new byte[n];
        }
        System.arraycopy(in.array(), in.arrayOffset() + from, bytes, 0, n);
        length = n;
    }

    /** Keeps no head: the next one is parsed in full. */
    void forget() {
        length = 0;
    }
}
