package dev.gyre.http;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * Collects one CRLF-terminated line into the parser's own storage, across as many reads as it takes.
 *
 * <p>The caller's buffer is compacted and refilled between calls, so a partial line cannot stay there; it
 * is copied here, into an array that grows only up to the limit the caller passes and is then reused for
 * every later line of the connection.
 *
 * <p>Line endings are strict (RFC 9112 §2.2): a line ends with CR LF. A bare CR (CR not followed by LF) and
 * a bare LF (LF not preceded by CR) are both rejected with 400. The RFC lets a recipient accept a bare LF,
 * but a server that does so disagrees about where a line ends with every intermediary that does not, which
 * is the raw material of request smuggling; no client we know of needs it.
 */
final class LineReader {
    private static final int INITIAL_CAPACITY = 256;

    private byte[] buf = new byte[INITIAL_CAPACITY];
    private int length;
    private boolean sawCr;

    /**
     * Consumes bytes from {@code in} until the current line is complete.
     *
     * @param maxContent the most bytes the line may hold, CRLF not counted; negative allows only an empty line
     * @return {@code true} when the line is complete (its content is {@link #bytes()}{@code [0, length())},
     *     and {@code in} is positioned after its LF); {@code false} when {@code in} ran out first, every byte
     *     having been consumed into this reader
     * @throws HttpParseException for a bare CR or LF, or with {@code tooLongStatus} when the line is longer
     */
    boolean read(ByteBuffer in, int maxContent, int tooLongStatus, String tooLongReason)
            throws HttpParseException {
        int i = in.position();
        int limit = in.limit();
        while (i < limit) {
            byte b = in.get(i++);
            if (sawCr) {
                if (b != HttpChars.LF) {
                    throw HttpParseException.badRequest("bare CR");
                }
                sawCr = false;
                in.position(i);
                return true;
            }
            if (b == HttpChars.CR) {
                sawCr = true;
            } else if (b == HttpChars.LF) {
                throw HttpParseException.badRequest("bare LF");
            } else if (length >= maxContent) {
                throw new HttpParseException(tooLongStatus, tooLongReason);
            } else {
                if (length == buf.length) {
                    buf = Arrays.copyOf(buf, (int) Math.min(length * 2L, maxContent));
                }
                buf[length++] = b;
            }
        }
        in.position(i);
        return false;
    }

    /** The storage holding the current line; valid up to {@link #length()}. */
    byte[] bytes() {
        return buf;
    }

    int length() {
        return length;
    }

    /** Forgets the completed line so the next {@link #read} starts a new one. */
    void clear() {
        length = 0;
        sawCr = false;
    }
}
