package dev.gyre.ws;

import dev.gyre.loop.BufferBudget;
import java.util.Arrays;

/**
 * A growable byte array with a hard ceiling, where a message is assembled or a compressed one produced.
 *
 * <p>It grows by doubling, so a message costs O(n) copying, and never beyond {@code limit + 1} bytes: the
 * one spare byte is how a bounded inflater notices that the output would pass the limit without producing
 * any more of it. After a message the array is dropped if it grew large, so a connection that once took a
 * 1 MiB message does not keep 1 MiB forever.
 *
 * <p>Growth beyond the first array is reserved from a {@link BufferBudget} before the larger array is
 * made, and given back when the array is dropped ({@link #take()}, {@link #clear()}, {@link #release()}).
 * A growth the budget refuses does not happen: {@link #refused()} turns true and the buffer counts as
 * over its limit, so the message fails instead of the heap.
 */
final class MessageBuffer {
    private static final int INITIAL_CAPACITY = 256;
    private static final int RETAINED_CAPACITY = 16 * 1024;
    private static final byte[] EMPTY = new byte[0];

    private final int limit;
    private final BufferBudget budget;
    private byte[] bytes;
    private int size;
    /** Bytes of {@link #bytes} reserved from the budget: what it grew by beyond the array it started from. */
    private long reserved;
    private boolean refused;

    MessageBuffer(int limit) {
        this(limit, BufferBudget.UNLIMITED);
    }

    MessageBuffer(int limit, BufferBudget budget) {
        this.limit = limit;
        this.budget = budget;
        this.bytes = firstArray();
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
            long more = grown - bytes.length;
            if (!budget.reserve(more)) {
                refused = true;
                return bytes.length - size;
            }
            reserved += more;
            bytes = Arrays.copyOf(bytes, (int) grown);
        }
        return bytes.length - size;
    }

    /** Records {@code n} bytes written straight into {@link #array()} at {@link #size()}. */
    void advance(int n) {
        size += n;
    }

    boolean overLimit() {
        return size > limit || refused;
    }

    /** Whether the budget refused a growth: the message failed for the server's sake, not for its size. */
    boolean refused() {
        return refused;
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
        drop(firstArray());
        return whole;
    }

    /** Empties the buffer for the next message, letting go of a large array. */
    void clear() {
        size = 0;
        refused = false;
        if (bytes.length > RETAINED_CAPACITY) {
            drop(firstArray());
        }
    }

    /**
     * Lets go of the array and gives its room back to the budget, allocating nothing (it runs as a session
     * closes, perhaps for want of memory); the buffer still works afterwards, growing from empty.
     */
    void release() {
        drop(EMPTY);
    }

    private void drop(byte[] next) {
        budget.release(reserved);
        reserved = 0;
        size = 0;
        bytes = next;
    }

    private byte[] firstArray() {
        return new byte[Math.min(INITIAL_CAPACITY, limit + 1)];
    }
}
