package dev.gyre.observe;

import dev.gyre.http.Request;
import dev.gyre.http.Response;

/** One observer's view of one request, from {@link ExchangeObserver#begin} to {@link #end}. */
public interface Observation {

    /** The scope of an observation that has nothing to make current. */
    Scope NO_SCOPE = () -> { };

    /**
     * Makes this observation current on the loop thread while the request is handed to the handlers (a
     * span's context, for one); the scope is closed on the same thread when the handing-over returns.
     */
    default Scope enter() {
        return NO_SCOPE;
    }

    /**
     * Called once, when the response is handed to the connection, on the thread that answered (the loop
     * or a handler's thread). Must not block; {@code response} must not be changed.
     */
    void end(Request request, Response response);

    /**
     * Called once on the connection's loop when a streamed response (one {@link Response#isStreamed()})
     * is over: its last byte sent, or the connection gone. Not called for other responses.
     */
    default void streamEnded() {
    }

    /** What {@link #enter} opened; closing it cannot fail. */
    @FunctionalInterface
    interface Scope extends AutoCloseable {
        @Override
        void close();
    }
}
