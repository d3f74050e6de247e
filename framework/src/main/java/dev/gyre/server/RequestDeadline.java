package dev.gyre.server;

import dev.gyre.connection.Deadline;
import dev.gyre.connection.Wire;
import dev.gyre.loop.TransferClock;
import java.util.function.Consumer;

/**
 * The deadline of the HTTP/1.1 request phase a connection is in: waiting for a request, reading its head,
 * or reading its body. These phases follow one another, so one timer serves them; the write deadline
 * belongs to the {@link Connection} and runs on a timer of its own, so a slow body and a slow reader of the
 * previous response are timed apart.
 *
 * <p>The first request's head may have begun before the protocol did: a PROXY header is part of getting it
 * in. Its head deadline is shorter by the time that preamble took, so the two together get the request-head
 * timeout once. Waiting for that first request ({@link Kind#IDLE}) keeps the charge; arming any other phase,
 * or disarming (the head arrived whole, was refused, or the protocol changed), spends it, so no later request
 * pays it. Loop thread only.
 */
final class RequestDeadline {

    /** The request phases with a deadline, each with its duration from {@link Timeouts}. */
    enum Kind { IDLE, HEAD, BODY }

    private final Timeouts timeouts;
    private final Deadline deadline;
    private Kind armed;
    /** What the first request's head has spent before the protocol began; 0 once that head is over. */
    private long firstHeadSpentMillis;

    /**
     * @param preambleNanos how long the bytes before the protocol's took to arrive (0 for none), taken from the
     *                      first head's deadline
     * @param onExpiry called on the loop with the phase whose deadline passed
     */
    RequestDeadline(Wire wire, Timeouts timeouts, long preambleNanos, Consumer<Kind> onExpiry) {
        this.timeouts = timeouts;
        this.firstHeadSpentMillis = preambleNanos / 1_000_000;
        this.deadline = wire.newDeadline(() -> {
            Kind expired = armed;
            armed = null;
            if (expired != null) {
                onExpiry.accept(expired);
            }
        });
    }

    /** Starts (or restarts) the deadline of {@code kind} from now. */
    void arm(Kind kind) {
        armed = kind;
        deadline.arm(millis(kind));
    }

    /**
     * Starts (or restarts) the deadline of {@code kind} from now, or the moment {@code clock}'s transfer
     * falls below its minimum rate if that comes first: a body that is slow on average times out even when
     * each of its pieces comes within the plain timeout.
     */
    void arm(Kind kind, TransferClock clock) {
        armed = kind;
        deadline.arm(Math.min(millis(kind), clock.millisUntilTooSlow(System.nanoTime())));
    }

    private long millis(Kind kind) {
        long spent = firstHeadSpentMillis;
        if (kind != Kind.IDLE) {
            firstHeadSpentMillis = 0;
        }
        return switch (kind) {
            case IDLE -> timeouts.idle().toMillis();
            case HEAD -> Math.max(0, timeouts.requestHead().toMillis() - spent);
            case BODY -> timeouts.bodyRead().toMillis();
        };
    }

    void disarm() {
        firstHeadSpentMillis = 0;
        armed = null;
        deadline.disarm();
    }

    boolean is(Kind kind) {
        return armed == kind;
    }
}
