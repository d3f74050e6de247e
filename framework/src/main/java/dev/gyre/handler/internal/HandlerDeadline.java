package dev.gyre.handler.internal;

import dev.gyre.handler.Timeout;
import dev.gyre.http.ErrorResponse;
import dev.gyre.http.Exchange;
import dev.gyre.http.LoopExecutor;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link Timeout} of one request: a timer on the connection's loop that answers {@code 503} when it
 * fires first, and then interrupts the blocking handler's thread if one is running (in that order, so
 * that what the interrupted handler answers cannot overtake the 503).
 *
 * <pre>
 *   WAITING ──running(thread)──▶ RUNNING ──done()──▶ DONE        (the handler answers)
 *      └──────────────┴────── timer ──▶ EXPIRED: 503, interrupt   (the handler is late)
 * </pre>
 */
final class HandlerDeadline {
    private static final Logger log = LoggerFactory.getLogger(HandlerDeadline.class);
    private static final Object WAITING = new Object();
    private static final Object DONE = new Object();
    private static final Object EXPIRED = new Object();

    private final AtomicReference<Object> state = new AtomicReference<>(WAITING);
    private final LoopExecutor.Scheduled timer;

    private HandlerDeadline(Exchange exchange, long millis, String route) {
        this.timer = exchange.loop().schedule(() -> expire(exchange, millis, route), Duration.ofMillis(millis));
    }

    /**
     * Arms the deadline of {@code route}, or returns {@code null} when it has none. A handler that answers
     * inline on the loop gets none: no timer can fire while it runs (the blocked-loop watchdog reports
     * it instead). Loop thread.
     */
    static HandlerDeadline arm(Exchange exchange, Route route) {
        boolean answersInline = route.runsOnLoop() && !route.async();
        return route.timeoutMillis() > 0 && !answersInline
                ? new HandlerDeadline(exchange, route.timeoutMillis(), route.toString())
                : null;
    }

    /** The handler starts on this thread; false if the deadline already passed (then it should not run). */
    boolean running() {
        return state.compareAndSet(WAITING, Thread.currentThread());
    }

    /** The handler finished; false if it was too late and its answer must be dropped. */
    boolean done() {
        Object s = state.get();
        if (s == EXPIRED || !state.compareAndSet(s, DONE)) {
            Thread.interrupted();
            return false;
        }
        timer.cancel();
        return true;
    }

    private void expire(Exchange exchange, long millis, String route) {
        Object s = state.get();
        if (s == DONE || !state.compareAndSet(s, EXPIRED)) {
            return;
        }
        log.warn("{} did not answer within {} ms; answered 503", route, millis);
        exchange.respond(ErrorResponse.of(503, "the handler did not answer within " + millis + " ms")
                .header("Retry-After", "1"));
        if (s instanceof Thread handlerThread) {
            handlerThread.interrupt();
        }
    }
}
