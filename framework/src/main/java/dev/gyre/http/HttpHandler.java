package dev.gyre.http;

/**
 * Receives each complete request on the loop that owns its connection.
 *
 * <p>Runs on the loop thread, so it must not block: it either answers at once or hands the work to
 * another thread and answers later through {@link Exchange#respond}. The dispatcher that turns
 * annotated methods into handlers is the usual implementation.
 */
@FunctionalInterface
public interface HttpHandler {

    /** Handles a request whose body (if any) has been read whole, or is being streamed. */
    void handle(Exchange exchange);

    /**
     * Looks at a request's head before its body is read, for a client that sent
     * {@code Expect: 100-continue}: a non-null answer is sent at once, the body is never read, and the
     * connection closes afterwards. {@code null} lets the request in; the server then sends
     * {@code 100 Continue}.
     */
    default Response screen(RequestHead head) {
        return null;
    }

    /**
     * Whether this request's body should reach the handler as a stream while it arrives, rather than
     * whole after it arrived. A streaming request is handed to {@link #handle} as soon as its head is
     * read.
     */
    default boolean streamsBody(RequestHead head) {
        return false;
    }
}
