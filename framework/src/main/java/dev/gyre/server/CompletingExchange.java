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
 */
abstract class CompletingExchange implements Exchange {
    /** {@link #answered} flips once, from whichever thread answers first; a field, not an AtomicBoolean per request. */
    private static final VarHandle ANSWERED;

    static {
        try {
            ANSWERED = MethodHandles.lookup().findVarHandle(CompletingExchange.class, "answered", boolean.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    @SuppressWarnings("unused") // through ANSWERED
    private volatile boolean answered;
    private volatile Runnable onComplete;
    private boolean completed;
    private volatile boolean delivered;

    /**
     * Runs {@code action} on the connection's loop when the exchange is over, or soon when it already is
     * (another answer won, or the client left). An action that throws is logged; later actions still run.
     */
    @Override
    public final void onComplete(Runnable action) {
        Runnable contained = () -> Containment.run(action, "onComplete", request());
        synchronized (this) {
            if (!completed) {
                Runnable earlier = onComplete;
                onComplete = earlier == null ? contained : () -> {
                    earlier.run();
                    contained.run();
                };
                return;
            }
        }
        loop().runInLoop(contained);
    }

    /** Sends the response; safe from any thread. Returns false when the exchange was already answered. */
    @Override
    public final boolean respond(Response response) {
        Objects.requireNonNull(response, "response");
        if (!ANSWERED.compareAndSet(this, false, true)) {
            return false;
        }
        EventLoop loop = loop();
        // not EventLoop.runInLoop: a loop handler answers on the loop, and that hot path allocates no lambda
        if (loop.inLoop()) {
            answer(response);
        } else {
            loop.execute(() -> answer(response));
        }
        return true;
    }

    /** Loop: the first answer, to be sent by the protocol. */
    /** The connection's loop: the exchange's own, not only the {@link LoopExecutor} users see. */
    @Override
    public abstract EventLoop loop();

    abstract void answer(Response response);

    @Override
    public final boolean isDelivered() {
        return delivered;
    }

    final boolean wantsCompletion() {
        return onComplete != null;
    }

    /** Loop: the exchange is over; runs the completion action once. */
    final void completed(boolean wasDelivered) {
        Runnable action;
        synchronized (this) {
            if (completed) {
                return;
            }
            completed = true;
            action = onComplete;
            onComplete = null;
            delivered = wasDelivered;
        }
        if (action != null) {
            action.run();
        }
    }
}
