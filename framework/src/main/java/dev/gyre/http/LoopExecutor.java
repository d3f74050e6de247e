package dev.gyre.http;

import java.time.Duration;
import java.util.concurrent.Executor;

/**
 * The event loop that owns a connection, as a handler may use it: run a task there, run one later, and
 * ask whether the current thread is that loop. This is all a handler gets of the loop ({@code
 * Exchange.loop()}, {@code ResponseStream.loop()}, {@code SseStream.loop()}, {@code Wire.loop()}); registering
 * channels, closing them and the loop's own timer wheel stay inside the framework, so no caller can break the
 * rule that a connection is touched by its loop's thread only. The object handed out is not the loop itself, so
 * no cast reaches those either (the loop's package is not exported; on the class path its public classes are not
 * API, and code that calls into them can reach anything).
 *
 * <p>Every method is safe from any thread. Tasks run on the loop's thread one at a time, so they must not
 * block: a task that waits stalls every connection of the loop. A task that throws is logged and the loop
 * goes on.
 */
public interface LoopExecutor extends Executor {

    /** Runs {@code task} on the loop's thread, after the work already queued there. */
    @Override
    void execute(Runnable task);

    /**
     * Runs {@code task} on the loop's thread once {@code delay} has passed, rounded up to the loop's timer
     * tick (100 ms); a delay of zero or less runs it at the next tick.
     *
     * @return a handle that cancels the task if it has not run yet
     */
    Scheduled schedule(Runnable task, Duration delay);

    /** Whether the calling thread is this loop's thread, where connection state may be touched directly. */
    boolean inLoop();

    /** A task waiting for its delay. */
    interface Scheduled {

        /** Drops the task if it has not started; harmless when it has run or was cancelled. Any thread. */
        void cancel();
    }
}
