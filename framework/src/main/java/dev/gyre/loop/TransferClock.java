package dev.gyre.loop;

import dev.gyre.server.MinDataRate;

/**
 * Times one transfer (a request body arriving, a response waiting for its reader, or an unfinished
 * WebSocket message) against a {@link MinDataRate}: when it started and how many bytes it has moved since.
 * Loop thread only.
 */
public final class TransferClock {
    private final MinDataRate rate;
    private boolean running;
    private long startNanos;
    private long bytes;

    public TransferClock(MinDataRate rate) {
        this.rate = rate;
    }

    /** Starts a transfer at {@code nowNanos}, with nothing moved yet. */
    public void start(long nowNanos) {
        running = true;
        startNanos = nowNanos;
        bytes = 0;
    }

    public void stop() {
        running = false;
    }

    public boolean isRunning() {
        return running;
    }

    public void add(long moved) {
        bytes += moved;
    }

    /** Milliseconds from {@code nowNanos} until the transfer falls below its rate (0 if it has). */
    public long millisUntilTooSlow(long nowNanos) {
        if (!running) {
            return Long.MAX_VALUE;
        }
        long limit = tooSlowAfterMillis(bytes);
        if (limit == Long.MAX_VALUE) {
            return Long.MAX_VALUE;
        }
        long elapsed = (nowNanos - startNanos) / 1_000_000;
        return Math.max(0, limit - elapsed);
    }

    /** Milliseconds from a transfer's start at which {@code moved} bytes become too few; {@code Long.MAX_VALUE} if never. */
    private long tooSlowAfterMillis(long moved) {
        long perSecond = rate.bytesPerSecond();
        if (perSecond == 0) {
            return Long.MAX_VALUE;
        }
        long whole = moved / perSecond;
        long needed = whole > Long.MAX_VALUE / 1000 ? Long.MAX_VALUE
                : whole * 1000 + (moved % perSecond) * 1000 / perSecond;
        return Math.max(rate.grace().toMillis(), needed);
    }
}
