package dev.gyre.server;

import dev.gyre.http.Exchange;
import dev.gyre.http.LoopExecutor;
import dev.gyre.http.Response;
import dev.gyre.loop.Containment;
import dev.gyre.loop.EventLoop;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Objects;

/**
 * The answer and the end of an {@link Exchange}, whatever protocol carries it (HTTP/1.1, one HTTP/2 stream): the
 * first {@link #respond} wins and is carried to the loop, the {@code onComplete} actions run once on the loop,
 * and whether the response was delivered is kept. A base class rather than a member so that an exchange costs
 * one object per request. {@link #respond} and {@link #onComplete} are safe from any thread; {@link #answer}
 * and {@link #completed} run on the loop.
 *
 * <p>All of it is one field, {@link #state}, changed only by compare-and-set: a shared {@link Flags} constant
 * while no action waits (the usual request: answering it allocates nothing), a {@link Waiting} while some do.
 * {@code null} is the first state, so that making an exchange writes nothing but its subclass's fields.
 *
 * <pre>
 *                  respond                      completed(delivered?)
 *   null ─────────────────────▶ ANSWERED ─────────────────────────────────▶ ANSWERED|COMPLETED[|DELIVERED]
 *    │ onComplete                  │ onComplete                              ▲
 *    ▼          respond            ▼           completed: run the actions    │
 *   Waiting(no) ──────────▶ Waiting(answered) ───────────────────────────────┘
 *   (completed before respond, the connection gone: COMPLETED, and a later respond adds ANSWERED)
 *   onComplete once COMPLETED: the action runs soon, on the loop
 * </pre>
 */
abstract class CompletingExchange implements Exchange {
    private static final VarHandle STATE;

    static {
        try {
            STATE = MethodHandles.lookup().findVarHandle(CompletingExchange.class, "state", Object.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** {@code null} (nothing yet), a {@link Flags} or a {@link Waiting}. */
    @SuppressWarnings("unused") // through STATE
    private volatile Object state;

    /** A state without waiting actions: which of answered, completed and delivered hold. One constant each. */
    private static final class Flags {
        static final int ANSWERED = 1;
        static final int COMPLETED = 2;
        static final int DELIVERED = 4;
        /** Indexed by bits; none set is {@code null}, the first state. */
        private static final Flags[] ALL = new Flags[8];

        static {
            for (int bits = 1; bits < ALL.length; bits++) {
                ALL[bits] = new Flags(bits);
            }
        }

        final int bits;

        private Flags(int bits) {
            this.bits = bits;
        }

        static Flags of(int bits) {
            return ALL[bits];
        }

        static int bitsOf(Object state) {
            return state instanceof Flags f ? f.bits : 0;
        }
    }

    /** Actions that wait for the end of an exchange not completed yet, and whether it was answered. */
    private record Waiting(boolean answered, Runnable actions) {
    }

    /**
     * Runs {@code action} on the connection's loop when the exchange is over, or soon when it already is
     * (another answer won, or the client left). An action that throws is logged; later actions still run.
     */
    @Override
    public final void onComplete(Runnable action) {
        Runnable contained = () -> Containment.run(action, "onComplete", request());
        while (true) {
            Object now = state;
            Waiting next;
            if (now instanceof Waiting waiting) {
                Runnable earlier = waiting.actions();
                next = new Waiting(waiting.answered(), () -> {
                    earlier.run();
                    contained.run();
                });
            } else if ((Flags.bitsOf(now) & Flags.COMPLETED) != 0) {
                eventLoop().runInLoop(contained);
                return;
            } else {
                next = new Waiting(now != null, contained);
            }
            if (STATE.compareAndSet(this, now, next)) {
                return;
            }
        }
    }

    /** Sends the response; safe from any thread. Returns false when the exchange was already answered. */
    @Override
    public final boolean respond(Response response) {
        Objects.requireNonNull(response, "response");
        if (!claim()) {
            return false;
        }
        EventLoop loop = eventLoop();
        // not EventLoop.runInLoop: a loop handler answers on the loop, and that hot path allocates no lambda
        if (loop.inLoop()) {
            answer(response);
        } else {
            loop.execute(() -> answer(response));
        }
        return true;
    }

    /** Whether this call is the exchange's first answer, which alone is sent; any thread. */
    final boolean claim() {
        while (true) {
            Object now = state;
            Object next;
            if (now instanceof Waiting waiting) {
                if (waiting.answered()) {
                    return false;
                }
                next = new Waiting(true, waiting.actions());
            } else {
                int bits = Flags.bitsOf(now);
                if ((bits & Flags.ANSWERED) != 0) {
                    return false;
                }
                next = Flags.of(bits | Flags.ANSWERED);
            }
            if (STATE.compareAndSet(this, now, next)) {
                return true;
            }
        }
    }

    /** The connection's loop as users get it: its {@linkplain EventLoop#executor() executor}, not the loop. */
    @Override
    public final LoopExecutor loop() {
        return eventLoop().executor();
    }

    /** The connection's loop itself, for what the exchange does there that users are not given ({@code runInLoop}). */
    abstract EventLoop eventLoop();

    /** Loop: the first answer, to be sent by the protocol. */
    abstract void answer(Response response);

    @Override
    public final boolean isDelivered() {
        return (Flags.bitsOf(state) & Flags.DELIVERED) != 0;
    }

    final boolean wantsCompletion() {
        return state instanceof Waiting;
    }

    /** Loop: the exchange is over; runs the completion actions once. */
    final void completed(boolean wasDelivered) {
        while (true) {
            Object now = state;
            int bits = Flags.bitsOf(now);
            if ((bits & Flags.COMPLETED) != 0) {
                return;
            }
            boolean answered = now instanceof Waiting waiting ? waiting.answered() : (bits & Flags.ANSWERED) != 0;
            Flags next = Flags.of((answered ? Flags.ANSWERED : 0) | Flags.COMPLETED
                    | (wasDelivered ? Flags.DELIVERED : 0));
            if (STATE.compareAndSet(this, now, next)) {
                if (now instanceof Waiting waiting) {
                    waiting.actions().run();
                }
                return;
            }
        }
    }
}
