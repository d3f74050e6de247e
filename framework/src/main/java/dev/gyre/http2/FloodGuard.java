package dev.gyre.http2;

import dev.gyre.http2.config.FloodLimits;
import java.util.Arrays;
import java.util.function.LongSupplier;

/**
 * Counts the frames {@link FloodLimits} names, in fixed windows of time, and says when a peer passed a limit.
 *
 * <p>Fixed windows (all counts restart when a window has passed) rather than sliding ones: a peer can at most
 * double a limit across a window boundary, and the guard costs two longs per kind and no allocation. The clock
 * is given so that tests need not sleep. Not thread-safe: the connection's loop owns it.
 */
final class FloodGuard {
    enum Kind { RESET, SETTINGS, PING, EMPTY_FRAME, WINDOW_UPDATE, PRIORITY }

    private final int[] limits;
    private final int[] counts = new int[Kind.values().length];
    private final long windowNanos;
    private final LongSupplier nanoClock;
    private long windowStart;

    FloodGuard(FloodLimits limits, LongSupplier nanoClock) {
        this.limits = new int[] {limits.resets(), limits.settings(), limits.pings(), limits.emptyFrames(),
            limits.windowUpdates(), limits.priorities()};
        this.windowNanos = limits.window().toNanos();
        this.nanoClock = nanoClock;
        this.windowStart = nanoClock.getAsLong();
    }

    /**
     * Counts one frame of {@code kind}.
     *
     * @throws Http2Exception a connection error ENHANCE_YOUR_CALM once the count passes the kind's limit
     */
    void count(Kind kind) throws Http2Exception {
        long now = nanoClock.getAsLong();
        if (now - windowStart >= windowNanos) {
            windowStart = now;
            Arrays.fill(counts, 0);
        }
        if (++counts[kind.ordinal()] > limits[kind.ordinal()]) {
            throw Http2Exception.connection(Http2ErrorCode.ENHANCE_YOUR_CALM,
                    "more than " + limits[kind.ordinal()] + " " + kind + " frames in " + windowNanos / 1_000_000
                            + " ms");
        }
    }
}
