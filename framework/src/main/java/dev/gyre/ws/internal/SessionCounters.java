package dev.gyre.ws.internal;

/**
 * What a server's meters hear of its WebSocket sessions. Every call comes from the session's loop, so an
 * implementation must be cheap and must not block; it may be called from several loops at once.
 */
public interface SessionCounters {
    /** Hears nothing: the counters of a server without meters. */
    SessionCounters NONE = new SessionCounters() {
        @Override
        public void opened() {
        }

        @Override
        public void closed() {
        }

        @Override
        public void received() {
        }

        @Override
        public void sent() {
        }
    };

    /** A session began (after the handshake, before {@code onOpen}). */
    void opened();

    /** A session ended (once, when {@code onClose} is queued). */
    void closed();

    /** A whole message (text or binary) arrived and goes to the endpoint. */
    void received();

    /** A message the application sent was framed for the socket. */
    void sent();
}
