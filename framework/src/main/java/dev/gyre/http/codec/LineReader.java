package dev.gyre.http.codec;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * Finds one CRLF-terminated line in the caller's buffer, across as many reads as it takes.
 *
 * <p>A line that is whole in an array-backed buffer is not copied: {@link #array()}, {@link #offset()} and
 * {@link #length()} point into the caller's array, valid until the caller touches its buffer again (the
 * parser turns the line into strings before {@link RequestParser#next} returns). A line cut short by the
 * end of the input, or read from a direct buffer, is copied here, into an array that grows only up to the
 * limit the caller passes and is then reused for every later line of the connection. Either way the bytes
 * are scanned in a tight loop and copied, when they must be, in one bulk copy, never byte by byte.
 *
 * <p>Line endings are strict (RFC 9112 §2.2): a line ends with CR LF. A bare CR (CR not followed by LF) and
 * a bare LF (LF not preceded by CR) are both rejected with 400. The RFC lets a recipient accept a bare LF,
 * but a server that does so disagrees about where a line ends with every intermediary that does not, which
 * is the raw material of request smuggling; no client we know of needs it.
 */
final class LineReader {
    private static final int INITIAL_CAPACITY = 256;
    private static final byte[] EMPTY = new byte[0];

    /** Storage for a line cut across reads; allocated on the first such line, so an idle reader holds none. */
    private byte[] buf = EMPTY;
    /** Content bytes of the current line kept in {@link #buf} so far. */
    private int length;
    private boolean sawCr;
    private byte[] lineArray = EMPTY;
    private int lineOffset;
    private int lineLength;

    /**
     * Consumes bytes from {@code in} until the current line is complete.
     *
     * @param maxContent the most bytes the line may hold, CRLF not counted; negative allows only an empty line
     * @return {@code true} when the line is complete (its content is {@link #array()}{@code [offset(),
     *     offset() + length())}, and {@code in} is positioned after its LF); {@code false} when {@code in} ran
     *     out first, every byte having been consumed into this reader
     * @throws HttpParseException for a bare CR or LF, or with {@code tooLongStatus} when the line is longer
     */
    boolean read(ByteBuffer in, int maxContent, int tooLongStatus, String tooLongReason)
            throws HttpParseException {
        int start = in.position();
        int limit = in.limit();
        if (sawCr) {
            if (start == limit) {
                return false;
            }
            if (in.get(start) != HttpChars.LF) {
                throw HttpParseException.badRequest("bare CR");
            }
            sawCr = false;
            in.position(start + 1);
            return kept();
        }
        int end = in.hasArray() ? crOrLf(in.array(), in.arrayOffset(), start, limit) : crOrLf(in, start, limit);
        int content = end - start;
        if (content > 0 && length + content > maxContent) {
            throw new HttpParseException(tooLongStatus, tooLongReason);
        }
        if (end == limit) {
            keep(in, start, content, maxContent);
            in.position(limit);
            return false;
        }
        if (in.get(end) == HttpChars.LF) {
            throw HttpParseException.badRequest("bare LF");
        }
        if (end + 1 == limit) {
            keep(in, start, content, maxContent);
            sawCr = true;
            in.position(limit);
            return false;
        }
        if (in.get(end + 1) != HttpChars.LF) {
            throw HttpParseException.badRequest("bare CR");
        }
        in.position(end + 2);
        if (length == 0 && in.hasArray()) {
            lineArray = in.array();
            lineOffset = in.arrayOffset() + start;
            lineLength = content;
            return true;
        }
        keep(in, start, content, maxContent);
        return kept();
    }

    /** The first index in {@code [from, limit)} holding CR or LF, or {@code limit}. */
    private static int crOrLf(byte[] array, int arrayOffset, int from, int limit) {
        return ByteScan.crOrLf(array, arrayOffset + from, arrayOffset + limit) - arrayOffset;
    }

    private static int crOrLf(ByteBuffer in, int from, int limit) {
        int i = from;
        while (i < limit) {
            byte b = in.get(i);
            if (b == HttpChars.CR || b == HttpChars.LF) {
                break;
            }
            i++;
        }
        return i;
    }

    /** Appends {@code in[from, from + n)} to the kept line (the caller has checked it fits the limit). */
    private void keep(ByteBuffer in, int from, int n, int maxContent) {
        if (length + n > buf.length) {
            int grown = (int) Math.min(Math.max(length + n, Math.max(INITIAL_CAPACITY, buf.length * 2L)),
                    Math.max(maxContent, length + n));
            buf = Arrays.copyOf(buf, grown);
        }
        in.get(from, buf, length, n);
        length += n;
    }

    private boolean kept() {
        lineArray = buf;
        lineOffset = 0;
        lineLength = length;
        return true;
    }

    /** Whether no part of a line has been read since the last {@link #clear}: a new line starts here. */
    boolean isEmpty() {
        return length == 0 && !sawCr;
    }

    /** The array holding the completed line: this reader's storage or the caller's. */
    byte[] array() {
        return lineArray;
    }

    /** Where the completed line starts in {@link #array()}. */
    int offset() {
        return lineOffset;
    }

    /** The completed line's content length, CRLF excluded. */
    int length() {
        return lineLength;
    }

    /** Forgets the completed line so the next {@link #read} starts a new one. */
    void clear() {
        length = 0;
        sawCr = false;
        lineArray = EMPTY;
        lineOffset = 0;
        lineLength = 0;
    }
}
