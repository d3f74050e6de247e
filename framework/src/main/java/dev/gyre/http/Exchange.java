package dev.gyre.http;


/**
 * One request and the promise of its response.
 *
 * <p>{@link #respond} may be called from any thread, exactly once; later calls are ignored. The
 * response is written on the connection's loop in request order, so pipelined responses never
 * overtake each other.
 */
public interface Exchange {

    Request request();

    /** Sends the response; safe from any thread. Returns false when the exchange was already answered. */
    boolean respond(Response response);

    /**
     * The loop that owns the connection; work that must not block may continue there. Implementations
     * inside the framework return the {@code EventLoop} itself (a covariant return); a caller sees only
     * the scheduling it may use.
     */
    LoopExecutor loop();

    /** False once the client has gone or the connection was closed; a handler may stop early. */
    boolean isOpen();

    /**
     * Runs {@code action} once on the connection's loop when this exchange is over: the last byte of its
     * response was taken by the socket (for a streamed response, after its end), or the connection closed
     * before that. Register it before {@link #respond}. This is where work that must follow the response
     * belongs (background tasks, closing request-scoped resources); {@link #isDelivered()} tells which way
     * it ended.
     */
    void onComplete(Runnable action);

    /** After completion: whether the whole response reached the socket. */
    boolean isDelivered();
}
