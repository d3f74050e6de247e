package dev.gyre.server;

import dev.gyre.handler.BlockingLimits;
import dev.gyre.tracing.GyreTracing;
import dev.gyre.tracing.internal.ServerTracing;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Where a server's blocking handlers run, as the builder was told: the executor it was given, a pool of
 * platform threads, or (by default) a virtual thread per request; and how many may run and wait.
 *
 * @param executor    what blocking handlers are submitted to (wrapped to carry the trace context when
 *                    tracing is on)
 * @param owned       the executor the server made and shuts down when it stops, or {@code null} when the
 *                    application gave one, which the server never shuts down
 * @param limits      how many may run and wait before the server answers {@code 503}
 * @param description what the start-up line says about it
 */
record BlockingPool(ExecutorService executor, ExecutorService owned, BlockingLimits limits, String description) {

    /**
     * @param given   the executor given to the builder, or {@code null}
     * @param threads the platform threads asked for, 0 for none
     * @param limits  the limits given to the builder, or {@code null} for the defaults of the kind chosen
     * @param tracing the tracing given to the builder, or {@code null}
     */
    static BlockingPool of(ExecutorService given, int threads, BlockingLimits limits, GyreTracing tracing) {
        ExecutorService owned = given != null ? null
                : threads > 0 ? Executors.newFixedThreadPool(threads,
                        Thread.ofPlatform().name("gyre-blocking-", 0).daemon(true).factory())
                : Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("gyre-handler-", 0).factory());
        ExecutorService executor = owned != null ? owned : given;
        if (tracing != null) {
            executor = ServerTracing.propagating(tracing, executor);
        }
        BlockingLimits chosen = limits != null ? limits
                : threads > 0 ? new BlockingLimits(threads, BlockingLimits.DEFAULT_MAX_QUEUED)
                : BlockingLimits.defaults();
        String description = given != null ? "the given " + given.getClass().getSimpleName()
                : threads > 0 ? threads + " platform threads" : "a virtual thread each";
        return new BlockingPool(executor, owned, chosen, description);
    }

    /** Releases what the server made, when its start fails before the server exists to stop it. */
    void abandon() {
        if (owned != null) {
            owned.shutdownNow();
        }
    }
}
