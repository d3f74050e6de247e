package dev.gyre.handler;

/**
 * How much blocking work the server takes on before it answers {@code 503} with {@code Retry-After}.
 *
 * @param maxConcurrent blocking handlers running at once
 * @param maxQueued     blocking handlers waiting for one of those slots; 0 means none wait
 */
public record BlockingLimits(int maxConcurrent, int maxQueued) {
    /**
     * The default cap for virtual threads. A virtual thread costs a few kilobytes, so the cap is not
     * about threads: a blocked handler nearly always holds something scarce further down (a database
     * connection, a socket to another service). 1024 is above any usual connection pool, so the limit
     * only bites when something downstream is stuck, and then turns the pile-up into quick 503s.
     */
    public static final int DEFAULT_MAX_CONCURRENT = 1024;
    /** The default wait queue: one more full wave of work, about a second's worth for fast handlers. */
    public static final int DEFAULT_MAX_QUEUED = 1024;

    public BlockingLimits {
        if (maxConcurrent < 1 || maxQueued < 0) {
            throw new IllegalArgumentException("need maxConcurrent >= 1 and maxQueued >= 0: "
                    + maxConcurrent + ", " + maxQueued);
        }
    }

    public static BlockingLimits defaults() {
        return new BlockingLimits(DEFAULT_MAX_CONCURRENT, DEFAULT_MAX_QUEUED);
    }
}
