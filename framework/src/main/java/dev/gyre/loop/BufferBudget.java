package dev.gyre.loop;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The bytes all loops together may hold on behalf of clients: request bodies being collected for a
 * handler and WebSocket messages being assembled ({@link dev.gyre.http.HttpLimits#maxBufferedBodies()}).
 * Whoever grows such a buffer reserves the growth first and gives it back when the buffer is dropped, so
 * the sum of those buffers never passes the limit; a body that cannot reserve is refused with {@code 503},
 * a WebSocket message with close code {@code 1013}. Thread-safe: one per server, shared by every loop.
 */
public final class BufferBudget {
    /** A budget that never refuses, for a codec used on its own, outside a server. */
    public static final BufferBudget UNLIMITED = new BufferBudget(Long.MAX_VALUE);

    private final long limit;
    private final AtomicLong held = new AtomicLong();

    public BufferBudget(long limit) {
        this.limit = limit;
    }

    /** Takes {@code bytes} from the budget; false, taking nothing, when they would pass it. */
    public boolean reserve(long bytes) {
        long now;
        do {
            now = held.get();
            if (bytes > limit - now) {
                return false;
            }
        } while (!held.compareAndSet(now, now + bytes));
        return true;
    }

    public void release(long bytes) {
        held.addAndGet(-bytes);
    }

    /**
     * Whether {@code bytes} could be reserved now (a negative, unknown length always could); a hint, not a
     * reservation: another thread may take the room first.
     */
    public boolean hasRoomFor(long bytes) {
        return bytes <= limit - held.get();
    }

    /** Whether nothing is left: a new body would be refused at its first byte, so it is refused at its head. */
    public boolean exhausted() {
        return held.get() >= limit;
    }
}
