package dev.gyre.server;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The bytes all loops together may hold for whole request bodies while they arrive
 * ({@link dev.gyre.http.HttpLimits#maxBufferedBodies()}). Each {@link BodyAccumulator} reserves what it
 * grows by before growing and gives it back when its body is handed to the handler or dropped, so the
 * sum of the arrays being filled never passes the budget; a body that cannot reserve is refused with
 * {@code 503} instead. Thread-safe: shared by every loop of a server.
 */
final class BodyBudget {
    private final long limit;
    private final AtomicLong held = new AtomicLong();

    BodyBudget(long limit) {
        this.limit = limit;
    }

    /** Takes {@code bytes} from the budget; false, taking nothing, when they would pass it. */
    boolean reserve(long bytes) {
        long now;
        do {
            now = held.get();
            if (bytes > limit - now) {
                return false;
            }
        } while (!held.compareAndSet(now, now + bytes));
        return true;
    }

    void release(long bytes) {
        held.addAndGet(-bytes);
    }

    /** Whether nothing is left: a new body would be refused at its first byte, so it is refused at its head. */
    boolean exhausted() {
        return held.get() >= limit;
    }
}
