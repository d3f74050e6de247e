package dev.gyre.loop;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs code that the loop does not trust, so that whatever it throws ends there: the loop outlives every
 * task, timer and callback it runs (Netty's {@code SingleThreadEventExecutor.safeExecute} does the same).
 *
 * <p>Every {@link Throwable} is caught, {@link Error}s included. A {@link VirtualMachineError} is caught too:
 * an {@code OutOfMemoryError} on a loop is most often one oversized allocation of one exchange, whose memory
 * is free again once that exchange is dropped, and a loop that stops instead takes every other connection
 * with it. The failure is logged once, at ERROR, naming {@code where} it happened; deciding what else ends
 * (the exchange, the connection) is the caller's job, told by the return value. Logging is guarded: on a
 * full heap the log call can throw again, and that second failure is dropped, so {@link #run} never throws.
 */
public final class Containment {
    private static final Logger log = LoggerFactory.getLogger(Containment.class);

    private Containment() {
    }

    /**
     * Runs {@code task}; returns whether it ended normally. The log line names {@code what} ran (a callback,
     * "a task") and for whom: {@code subject} is the request, route, endpoint or loop, whose
     * {@code toString()} is called only on failure, so that the happy path builds no string.
     */
    public static boolean run(Runnable task, String what, Object subject) {
        try {
            task.run();
            return true;
        } catch (Throwable t) {
            logFailure("{} of {} failed; the loop goes on", what, subject, t);
            return false;
        }
    }

    /**
     * Logs at ERROR, the last argument being the throwable; a failure to log (an {@code OutOfMemoryError}
     * while formatting) is dropped.
     */
    static void logFailure(String format, Object... arguments) {
        try {
            log.error(format, arguments);
        } catch (Throwable again) {
            // the heap is full; the caller's cleanup matters more than this line
        }
    }
}
