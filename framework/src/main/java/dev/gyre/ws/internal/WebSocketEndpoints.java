package dev.gyre.ws.internal;

import dev.gyre.handler.internal.PathFilters;
import dev.gyre.http.HttpHandler;
import dev.gyre.http.internal.Lent;
import dev.gyre.inject.internal.Providers;
import dev.gyre.loop.BufferBudget;
import dev.gyre.ws.WebSocketOptions;
import java.util.List;
import java.util.concurrent.Executor;

/**
 * How the builder puts an application's {@link dev.gyre.ws.WebSocket} endpoints in front of its routes. The
 * dispatcher that answers their handshakes is package-private in {@code dev.gyre.ws}; {@link WebSocketOptions}
 * lends its factory here when it is initialised, and this package is not exported, so the dispatcher is no
 * part of the API. Called once per server, at start-up, on the thread that starts it.
 */
public final class WebSocketEndpoints {
    private static final Lent<Access> ACCESS = new Lent<>(WebSocketOptions.class);

    private WebSocketEndpoints() {
    }

    /** What {@code dev.gyre.ws} lends. */
    public interface Access {
        boolean isEndpoint(Object handler);

        HttpHandler dispatcher(List<Object> endpoints, WebSocketOptions options, Executor blocking, HttpHandler http,
                               Providers providers, PathFilters filters, SessionCounters counters,
                               BufferBudget budget);
    }

    /** Called once, by {@link WebSocketOptions}'s static initialiser. */
    public static void install(Access access) {
        ACCESS.lend(access);
    }

    /** Whether {@code handler} is a WebSocket endpoint (its class is annotated {@link dev.gyre.ws.WebSocket}). */
    public static boolean isEndpoint(Object handler) {
        return ACCESS.get().isEndpoint(handler);
    }

    /**
     * A handler that answers the handshakes of {@code endpoints} and hands every other request to {@code http}.
     *
     * @param blocking where callbacks without {@code @NonBlocking} run
     * @param filters  the filters registered on the server, run around each handshake
     * @param counters told of every session and message, for the meters
     * @param budget   the server's budget for bytes buffered on behalf of clients, shared with request bodies
     * @throws IllegalArgumentException for a mistake in an endpoint class, naming it
     */
    public static HttpHandler dispatcher(List<Object> endpoints, WebSocketOptions options, Executor blocking,
                                         HttpHandler http, Providers providers, PathFilters filters,
                                         SessionCounters counters, BufferBudget budget) {
        return ACCESS.get().dispatcher(endpoints, options, blocking, http, providers, filters, counters, budget);
    }
}
