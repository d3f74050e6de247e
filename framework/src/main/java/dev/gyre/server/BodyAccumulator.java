package dev.gyre.server;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * Collects a request body into one array: sized exactly when {@code Content-Length} announced it (the
 * parser has already held it to the body limit), grown by doubling for a chunked body.
 */
final class BodyAccumulator {
    private static final byte[] EMPTY = new byte[0];
    private static final int FIRST_CHUNKED_CAPACITY = 8 * 1024;

    private byte[] bytes = EMPTY;
    private int size;

    /** Starts a body of the declared length, or of unknown length when {@code declared < 0}. */
    void start(long declared) {
        size = 0;
        if (declared > 0) {
            bytes = new byte[Math.toIntExact(declared)];
        } else {
            bytes = EMPTY;
        }
    }

    void append(ByteBuffer piece) {
        int n = piece.remaining();
        if (size + n > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(Math.max(FIRST_CHUNKED_CAPACITY, bytes.length * 2), size + n));
        }
        piece.get(bytes, size, n);
        size += n;
    }

    /** The body collected so far, trimmed; the accumulator is empty afterwards. */
    byte[] take() {
        byte[] result = size == bytes.length ? bytes : Arrays.copyOf(bytes, size);
        release();
        return result;
    }

    void release() {
        bytes = EMPTY;
        size = 0;
    }
}
