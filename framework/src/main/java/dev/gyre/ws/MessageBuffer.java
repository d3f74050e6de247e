package dev.gyre.ws;

import java.util.Arrays;

/**
 * A growable byte array with a hard ceiling, where a message is assembled or a compressed one produced.
 *
 * <p>It grows by doubling, so a message costs O(n) copying, and never beyond {@code limit + 1} bytes: the
 * one spare byte is how a bounded inflater notices that the output would pass the limit without producing
 * any more of it. After a message the array is dropped if it grew large, so a connection that once took a
 * 1 MiB message does not keep 1 MiB forever.
 */
final class MessageBuffer {
    private static final int INITIAL_CAPACITY = 256;
    private static final int RETAINED_CAPACITY = 16 * 1024;

    private final int limit;
    private byte[] bytes;
    private int size;

    MessageBuffer(int limit) {
        this.limit = limit;
        this.bytes = new byte[Math.min(INITIAL_CAPACITY, limit + 1)];
    }

    int limit() {
        return limit;
    }

    int size() {
        return size;
    }

    byte[] array() {
        return bytes;
    }

    /**
     * Makes room for {@code extra} more bytes, capped at one byte past the limit; returns the room now free
     * after {@link #size()}, at least 1 unless the buffer already holds more than the limit.
     */
    int ensureRoom(int extra) {
        long wanted = Math.min((long) size + Math.max(extra, 1), (long) limit + 1);
        if (wanted > bytes.length) {
            long grown = Math.max(wanted, Math.min((long) bytes.length * 2, (long) limit + 1));
            bytes = Arrays.copyOf(bytes, (int) grown);
        }
        return bytes.length - size;
    }

    /** Records {@code n} bytes written straight into {@link #array()} at {@link #size()}. */
    void advance(int n) {
        size += n;
    }

    boolean overLimit() {
        return size > limit;
    }

    /**
     * The content as an array the caller may keep. When the array is exactly full, which is the usual case
     * for a single-frame message, it is handed over instead of copied and the buffer starts a new one.
     */
    byte[] take() {
        if (size < bytes.length) {
            return Arrays.copyOf(bytes, size);
        }
        byte[] whole = bytes;
        bytes = new byte[Math.min(INITIAL_CAPACITY, limit + 1)];
        size = 0;
        return whole;
    }

    /** Empties the buffer for the next message, letting go of a large array. */
    void clear() {
        size = 0;
        if (bytes.length > RETAINED_CAPACITY) {
            bytes = new byte[INITIAL_CAPACITY];
        }
    }
}
