package dev.gyre.server;

import dev.gyre.http.Exchange;
import dev.gyre.http.Request;
import dev.gyre.http.RequestHead;
import dev.gyre.http.Response;
import dev.gyre.loop.Containment;
import dev.gyre.loop.EventLoop;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Objects;

/** The {@link Exchange} of one request on an {@link Http1Protocol}. */
final class HttpExchange implements Exchange {
    /** {@link #answered} flips once, from whichever thread answers first; a field, not an AtomicBoolean per request. */
    private static final VarHandle ANSWERED;

    static {
        try {
            ANSWERED = MethodHandles.lookup().findVarHandle(HttpExchange.class, "answered", boolean.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final Http1Protocol connection;
    private final Request request;
    private final RequestHead head;
    @SuppressWarnings("unused") // through ANSWERED
    private volatile boolean answered;
    private volatile Runnable onComplete;
    private boolean completed;
    private volatile boolean delivered;

    HttpExchange(Http1Protocol connection, Request request, RequestHead head) {
        this.connection = connection;
        this.request = request;
        this.head = head;
    }

    @Override
    public Request request() {
        return request;
    }

    RequestHead head() {
        return head;
    }

    @Override
    public boolean respond(Response response) {
        Objects.requireNonNull(response, "response");
        if (!ANSWERED.compareAndSet(this, false, true)) {
            return false;
        }
        EventLoop loop = connection.loop();
        // not EventLoop.runInLoop: a loop handler answers on the loop, and that hot path allocates no lambda
        if (loop.inLoop()) {
            connection.complete(this, response);
        } else {
            loop.execute(() -> connection.complete(this, response));
        }
        return true;
    }

    @Override
    public EventLoop loop() {
        return connection.loop();
    }

    @Override
    public boolean isOpen() {
        return connection.isOpen();
    }

    /**
     * Runs {@code action} on the connection's loop when the exchange is over, or soon when it already is
     * (another answer won, or the client left). An action that throws is logged; later actions still run.
     */
    @Override
    public void onComplete(Runnable action) {
        Runnable contained = () -> Containment.run(action, "onComplete", request);
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
        connection.loop().runInLoop(contained);
    }

    @Override
    public boolean isDelivered() {
        return delivered;
    }

    boolean wantsCompletion() {
        return onComplete != null;
    }

    /** Loop: the exchange is over; runs the completion action once. */
    void completed(boolean wasDelivered) {
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
