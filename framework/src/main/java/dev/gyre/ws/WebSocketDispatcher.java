package dev.gyre.ws;

import dev.gyre.http.ErrorResponse;
import dev.gyre.http.Exchange;
import dev.gyre.http.HttpHandler;
import dev.gyre.inject.Providers;
import dev.gyre.http.Request;
import dev.gyre.http.RequestHead;
import dev.gyre.http.Response;
import dev.gyre.route.RouteMatch;
import dev.gyre.route.Router;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;

/**
 * Puts WebSocket endpoints in front of the HTTP handler: a request whose path matches a {@link WebSocket}
 * template is a handshake, answered here with {@code 101} (and the connection handed to a
 * {@link WebSocketConnection}) or with the refusal RFC 6455 §4.2.2 asks for; every other request goes to
 * {@code http} untouched, including {@link #screen} and {@link #streamsBody}.
 *
 * <p>The handshake runs on the loop: it is a few header checks and one SHA-1, cheaper than a hand-off.
 * Immutable and thread-safe.
 */
public final class WebSocketDispatcher implements HttpHandler {
    private final Router<Endpoint> router = new Router<>();
    private final HttpHandler http;
    private final WebSocketOptions options;
    private final Executor blocking;

    /**
     * @param endpoints objects of classes annotated {@link WebSocket}
     * @param blocking  where callbacks without {@code @NonBlocking} run
     * @throws IllegalArgumentException for a mistake in an endpoint class, naming it
     */
    public WebSocketDispatcher(List<Object> endpoints, WebSocketOptions options, Executor blocking, HttpHandler http,
                               Providers providers) {
        this.http = http;
        this.options = options;
        this.blocking = blocking;
        for (Object o : endpoints) {
            Endpoint e = EndpointCompiler.compile(o, options.protocol(), providers);
            router.add("GET", e.template(), e, "WebSocket " + e.description());
        }
        router.freeze();
    }

    /** Whether {@code handler} is a WebSocket endpoint (its class is annotated {@link WebSocket}). */
    public static boolean isEndpoint(Object handler) {
        return EndpointCompiler.isEndpoint(handler);
    }

    @Override
    public void handle(Exchange exchange) {
        Request request = exchange.request();
        RouteMatch<Endpoint> match = match(request.path());
        if (match == null) {
            http.handle(exchange);
            return;
        }
        Endpoint endpoint = match.target();
        request.pathParams(match.pathParams());
        switch (endpoint.handshake().check(request.head())) {
            case HandshakeResult.Rejected r -> exchange.respond(r.response());
            case HandshakeResult.Accepted a -> {
                Map<String, Object> values;
                try {
                    values = endpoint.convert(match.pathParams());
                } catch (IllegalArgumentException e) {
                    exchange.respond(ErrorResponse.of(400, e.getMessage()));
                    return;
                }
                exchange.respond(a.response().upgrade(ctx ->
                        new WebSocketConnection(ctx, endpoint, a, values, options, blocking).start()));
            }
        }
    }

    @Override
    public Response screen(RequestHead head) {
        return match(head.path()) != null ? null : http.screen(head);
    }

    @Override
    public boolean streamsBody(RequestHead head) {
        return match(head.path()) == null && http.streamsBody(head);
    }

    /** The endpoint for this path, or {@code null} when the path is HTTP's (or does not parse). */
    private RouteMatch<Endpoint> match(String path) {
        try {
            RouteMatch<Endpoint> m = router.match("GET", path);
            return m.found() ? m : null;
        } catch (IllegalArgumentException malformed) {
            return null;
        }
    }
}
