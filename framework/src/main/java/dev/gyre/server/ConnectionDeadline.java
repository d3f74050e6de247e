package dev.gyre.server;

import dev.gyre.loop.TimerWheel;
import java.util.function.Consumer;

/**
 * The one deadline a connection has at a time, on its loop's timer wheel: which phase it guards and
 * when it expires. A connection is always in exactly one phase that can time out (waiting for a request,
 * reading a head or body, waiting for the client to read, lingering), so one reusable timer suffices.
 */
final class ConnectionDeadline {

    /** The phases with a deadline, each with its duration from {@link Timeouts}. */
    enum Kind { IDLE, HEAD, BODY, WRITE, LINGER }

    private final LoopContext ctx;
    private final TimerWheel.Timer timer;
    private Kind armed;

    /** @param onExpiry called on the loop with the phase whose deadline passed */
    ConnectionDeadline(LoopContext ctx, Consumer<Kind> onExpiry) {
        this.ctx = ctx;
        this.timer = ctx.loop.timers().newTimer(() -> {
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
        ctx.loop.timers().schedule(timer, millis(kind), System.nanoTime());
    }

    /**
     * Starts (or restarts) the deadline of {@code kind} from now, or the moment {@code clock}'s transfer
     * falls below its minimum rate if that comes first: a body or a write that is slow on average times
     * out even when each of its pieces comes within the plain timeout.
     */
    void arm(Kind kind, TransferClock clock) {
        long now = System.nanoTime();
        armed = kind;
        ctx.loop.timers().schedule(timer, Math.min(millis(kind), clock.millisUntilTooSlow(now)), now);
    }

    private long millis(Kind kind) {
        Timeouts t = ctx.config.timeouts();
        return switch (kind) {
            case IDLE -> t.idle().toMillis();
            case HEAD -> t.requestHead().toMillis();
            case BODY -> t.bodyRead().toMillis();
            case WRITE -> t.write().toMillis();
            case LINGER -> t.linger().toMillis();
        };
    }

    void disarm() {
        armed = null;
        ctx.loop.timers().cancel(timer);
    }

    boolean is(Kind kind) {
        return armed == kind;
    }
}
