package dev.gyre.ws;

import dev.gyre.handler.internal.PathFilters;
import dev.gyre.http.ErrorResponse;
import dev.gyre.http.Exchange;
import dev.gyre.http.HttpHandler;
import dev.gyre.inject.internal.Providers;
import dev.gyre.http.Request;
import dev.gyre.http.RequestHead;
import dev.gyre.http.internal.Requests;
import dev.gyre.http.Response;
import dev.gyre.loop.BufferBudget;
import dev.gyre.route.RouteMatch;
import dev.gyre.route.Router;
import dev.gyre.ws.internal.SessionCounters;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * Puts WebSocket endpoints in front of the HTTP handler: a request whose path matches a {@link WebSocket}
 * template is a handshake, answered here with {@code 101} (and the connection handed to a
 * {@link WebSocketProtocol}) or with the refusal RFC 6455 §4.2.2 asks for; every other request goes to
 * {@code http} untouched, including {@link #screen} and {@link #streamsBody}.
 *
 * <pre>
 *   request ── path of no endpoint ─────────────────────────────────────────────────▶ http
 *      │ path of an endpoint
 *      ├─ no Upgrade: websocket, and http lets it in (its screen says null) ───────────▶ http
 *      └─ otherwise: filters of the path ── all proceed ──▶ handshake: 101 / 400 / 426 …
 *                                        └─ one refuses ──▶ its answer (e.g. 401), no upgrade
 * </pre>
 *
 * So an endpoint and an HTTP route on the same path both work: a plain {@code GET} (or any other method)
 * without {@code Upgrade: websocket} reaches the route, and an upgrade request the endpoint. A plain request
 * for a path only the endpoint serves gets the handshake's {@code 426}.
 *
 * <p>The handshake runs on the loop, inside the {@linkplain PathFilters filters} registered for its path,
 * as a route would: it is a few header checks and one SHA-1, cheaper than a hand-off. Immutable and
 * thread-safe.
 */
final class WebSocketDispatcher implements HttpHandler {
    private final Router<Endpoint> router = new Router<>();
    private final HttpHandler http;
    private final WebSocketOptions options;
    private final Executor blocking;
    private final PathFilters filters;
    private final SessionCounters counters;
    private final BufferBudget budget;

    /**
     * @param endpoints objects of classes annotated {@link WebSocket}
     * @param blocking  where callbacks without {@code @NonBlocking} run
     * @param filters   the filters registered on the server, run around each handshake
     * @param counters  told of every session and message, for the meters
     * @param budget    the server's budget for bytes buffered on behalf of clients, shared with request
     *                  bodies: unfinished messages draw on it
     * @throws IllegalArgumentException for a mistake in an endpoint class, naming it
     */
    WebSocketDispatcher(List<Object> endpoints, WebSocketOptions options, Executor blocking, HttpHandler http,
                        Providers providers, PathFilters filters, SessionCounters counters, BufferBudget budget) {
        this.http = http;
        this.counters = counters;
        this.budget = budget;
        this.filters = filters;
        this.options = options;
        this.blocking = blocking;
        for (Object o : endpoints) {
            Endpoint e = EndpointCompiler.compile(o, options.protocol(), providers);
            router.add("GET", e.template(), e, "WebSocket " + e.description());
        }
        router.freeze();
    }

    /** Whether {@code handler} is a WebSocket endpoint (its class is annotated {@link WebSocket}). */
    static boolean isEndpoint(Object handler) {
        return EndpointCompiler.isEndpoint(handler);
    }

    @Override
    public void handle(Exchange exchange) {
        Request request = exchange.request();
        RouteMatch<Endpoint> match = handshakeMatch(request.head());
        if (match == null) {
            http.handle(exchange);
            return;
        }
        Endpoint endpoint = match.target();
        Requests.routed(request, endpoint.template().text(), match.pathParams());
        filters.answer(exchange, "WebSocket " + endpoint.description(),
                () -> CompletableFuture.completedFuture(handshake(endpoint, match, request)));
    }

    /** The answer to a handshake the filters let through: {@code 101} with the upgrade, or a refusal. */
    private Response handshake(Endpoint endpoint, RouteMatch<Endpoint> match, Request request) {
        return switch (endpoint.handshake().check(request.head())) {
            case HandshakeResult.Rejected r -> r.response();
            case HandshakeResult.Accepted a -> {
                Map<String, Object> values;
                try {
                    values = endpoint.convert(match.pathParams());
                } catch (IllegalArgumentException e) {
                    yield ErrorResponse.of(400, e.getMessage());
                }
                yield a.response().upgrade(ctx ->
                        new WebSocketProtocol(ctx, endpoint, a, values, options, blocking, counters, budget));
            }
        };
    }

    @Override
    public Response screen(RequestHead head) {
        return handshakeMatch(head) != null ? null : http.screen(head);
    }

    @Override
    public boolean streamsBody(RequestHead head) {
        return handshakeMatch(head) == null && http.streamsBody(head);
    }

    /**
     * The endpoint that answers this request, or {@code null} when it is HTTP's: its path is no endpoint's,
     * or it does not ask for WebSocket and the HTTP side lets it in ({@link HttpHandler#screen} is
     * {@code null}: a route, or a static mount, serves it).
     */
    private RouteMatch<Endpoint> handshakeMatch(RequestHead head) {
        RouteMatch<Endpoint> match = match(head.path());
        if (match == null || !head.headers().containsToken("Upgrade", "websocket") && http.screen(head) == null) {
            return null;
        }
        return match;
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
