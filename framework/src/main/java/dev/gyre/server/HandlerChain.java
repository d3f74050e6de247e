package dev.gyre.server;

import dev.gyre.files.internal.FileServing;
import dev.gyre.handler.internal.ExceptionHandlers;
import dev.gyre.handler.internal.PathFilters;
import dev.gyre.health.internal.DrainNotice;
import dev.gyre.health.internal.HealthHandler;
import dev.gyre.http.HttpHandler;
import dev.gyre.inject.internal.Providers;
import dev.gyre.loop.BufferBudget;
import dev.gyre.metrics.internal.ServerMeters;
import dev.gyre.observe.ExchangeObserver;
import dev.gyre.observe.internal.ObservingHandler;
import dev.gyre.tracing.internal.ServerTracing;
import dev.gyre.ws.internal.SessionCounters;
import dev.gyre.ws.internal.WebSocketEndpoints;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;

/**
 * The handlers a request passes through before the routes, as the builder configured them; a request meets
 * them from the outside in:
 *
 * <pre>
 *   DrainNotice ─▶ HealthHandler ─▶ ObservingHandler ─▶ WebSocket endpoints ─▶ static mounts ─▶ routes
 *   (with health)  (with health)    (with observers or    (with endpoints)      (first added
 *                                    trusted proxies)                            tried first)
 * </pre>
 *
 * Each handler hands on what it does not answer. Made once per server, on the thread that starts it.
 *
 * @param handler  the outermost handler, which the connections call
 * @param draining how {@link GyreServer#stop} turns readiness down before it stops accepting
 */
record HandlerChain(HttpHandler handler, GyreServer.Draining draining) {

    /**
     * @param routes    the dispatcher of the compiled routes, innermost
     * @param blocking  where static files are read and blocking WebSocket callbacks run
     * @param endpoints the handler objects that are WebSocket endpoints
     * @param budget    the server's budget for bytes buffered on behalf of clients
     * @throws IllegalArgumentException for a mistake in a WebSocket endpoint class or a static-files prefix
     */
    static HandlerChain around(HttpHandler routes, Gyre.Builder b, Executor blocking, Providers provided,
                               ExceptionHandlers errors, List<Object> endpoints, BufferBudget budget) {
        HttpHandler handler = routes;
        PathFilters pathFilters = new PathFilters(b.filters, errors);
        for (String prefix : b.staticFiles.sequencedKeySet().reversed()) {
            handler = FileServing.mount(prefix, b.staticFiles.get(prefix), blocking, handler, pathFilters);
        }
        if (!endpoints.isEmpty()) {
            handler = WebSocketEndpoints.dispatcher(endpoints, b.webSockets, blocking, handler, provided, pathFilters,
                    b.metrics != null ? ServerMeters.webSockets(b.metrics) : SessionCounters.NONE, budget);
        }
        List<ExchangeObserver> watching = new ArrayList<>();
        if (b.metrics != null) {
            watching.add(ServerMeters.requests(b.metrics));
        }
        if (b.tracing != null) {
            watching.add(ServerTracing.requests(b.tracing));
        }
        watching.addAll(b.observers);
        if (!watching.isEmpty() || !b.trustedProxies.isEmpty()) {
            handler = new ObservingHandler(handler, b.trustedProxies, watching);
        }
        GyreServer.Draining draining = GyreServer.Draining.immediate();
        if (b.health != null) {
            draining = new GyreServer.Draining(draining.state(), b.health.drainDelay());
            handler = new DrainNotice(new HealthHandler(handler, b.health, b.healthChecks, draining.state()),
                    draining.state());
        }
        return new HandlerChain(handler, draining);
    }
}
