package dev.gyre.http.internal;

import dev.gyre.http.Headers;
import dev.gyre.http.Request;
import dev.gyre.http.RequestHead;
import dev.gyre.http.StreamedBody;
import java.net.InetSocketAddress;
import java.util.Map;

/**
 * What the framework does with a {@link Request} that a handler may not: make one on a connection's shared
 * {@link Peer}, and record after it was made the path parameters and template of the route that took it, the
 * failure a handler ended with, what a trusted proxy said about the client, and the trailers of a whole body.
 * {@code Request} has no public setter for these; it hands this class an {@link Access} to its private ones when
 * it is initialised (the JDK's "shared secrets" pattern), and this package is not exported, so only the
 * framework's own packages reach them.
 *
 * <p>Each call is made on the thread that owns the request at that moment (the loop while routing, the
 * handler's thread when it fails); the values are then read by the handler, the meters and the spans.
 */
public final class Requests {
    private static final Lent<Access> ACCESS = new Lent<>(Request.class);

    private Requests() {
    }

    /** The factories and setters a {@link Request} lends the framework. */
    public interface Access {
        Request whole(RequestHead head, byte[] body, Peer peer);

        Request streamed(RequestHead head, StreamedBody body, Peer peer);

        void routed(Request request, String template, Map<String, String> params);

        void failure(Request request, Throwable failure);

        void forwarded(Request request, InetSocketAddress client, String scheme, String host);

        void trailers(Request request, Headers trailers);
    }

    /** Called once, by {@link Request}'s static initialiser. */
    public static void install(Access setters) {
        ACCESS.lend(setters);
    }

    /** A whole request ({@code body} {@code null} for none) from the connection {@code peer} describes. */
    public static Request whole(RequestHead head, byte[] body, Peer peer) {
        return access().whole(head, body, peer);
    }

    /** A request handed to its handler while the body still arrives, from the connection {@code peer} describes. */
    public static Request streamed(RequestHead head, StreamedBody body, Peer peer) {
        return access().streamed(head, body, peer);
    }

    /**
     * Sets the template of whatever took the request (a route, a static mount, a WebSocket endpoint) and the
     * parameters its router captured (copied).
     */
    public static void routed(Request request, String template, Map<String, String> params) {
        access().routed(request, template, params);
    }

    /** Records the exception a handler failed with, once it was turned into the response. */
    public static void failure(Request request, Throwable failure) {
        access().failure(request, failure);
    }

    /** Records what a trusted proxy vouched for; any argument may be {@code null} for "not said". */
    public static void forwarded(Request request, InetSocketAddress client, String scheme, String host) {
        access().forwarded(request, client, scheme, host);
    }

    /** Sets the trailer fields that ended a whole (not streamed) body, before the handler sees the request. */
    public static void trailers(Request request, Headers trailers) {
        access().trailers(request, trailers);
    }

    private static Access access() {
        return ACCESS.get();
    }
}
