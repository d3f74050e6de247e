package dev.gyre.server;

import dev.gyre.handler.internal.Dispatcher;
import dev.gyre.handler.internal.ExceptionHandlers;
import dev.gyre.handler.internal.HandlerCompiler;
import dev.gyre.handler.internal.Route;
import dev.gyre.inject.internal.Providers;
import dev.gyre.json.JsonCodec;
import dev.gyre.loop.BlockedLoopWatchdog;
import dev.gyre.loop.BufferBudget;
import dev.gyre.metrics.internal.ServerMeters;
import dev.gyre.openapi.internal.OpenApiServing;
import dev.gyre.route.Router;
import dev.gyre.tracing.internal.ServerTracing;
import dev.gyre.ws.internal.WebSocketEndpoints;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * What {@link Gyre.Builder#start()} does, in order: compile the handlers into routes (and the OpenAPI
 * document's, when asked for), choose where blocking handlers run, wrap the routes in the handlers in front
 * of them ({@link HandlerChain}), start the connection layer ({@link HttpServer}), then bind the meters and
 * log the start-up line. Runs once per server, on the thread that calls {@code start()}; what it reads of the
 * builder is not changed by it.
 */
final class ServerAssembly {
    private ServerAssembly() {
    }

    /**
     * @throws IllegalArgumentException for a handler mistake (the message names the method)
     * @throws java.io.UncheckedIOException when a port cannot be bound
     */
    static GyreServer start(Gyre.Builder b) {
        Supplier<JsonCodec> codec = StartupTasks.jsonCodec(b.json);
        ExceptionHandlers errors = b.exceptionHandlers.build();
        Providers provided = b.providers.build();
        BufferBudget bodyBudget = new BufferBudget(b.config.limits().maxBufferedBodies());
        HandlerCompiler compiler = new HandlerCompiler(codec, provided, b.filters, errors, b.executors)
                .uploadLimits(b.uploads).uploadMemory(bodyBudget);
        List<Object> endpoints = b.handlers.stream().filter(WebSocketEndpoints::isEndpoint).toList();
        Router<Route> router = new Router<>();
        List<Route> routes = new ArrayList<>();
        for (Object h : b.handlers) {
            if (!endpoints.contains(h)) {
                route(compiler.compile(h), router, routes);
            }
        }
        if (b.openApi != null) {
            for (Object h : OpenApiServing.endpoints(b.openApi, b.docs, List.copyOf(routes), provided)) {
                route(compiler.compile(h), router, routes);
            }
        }
        router.freeze();
        codec.get();
        BlockingPool pool = BlockingPool.of(b.blockingExecutor, b.blockingThreads, b.blockingLimits, b.tracing);
        BlockedLoopWatchdog watchdog = b.watchdogThreshold == null ? null
                : new BlockedLoopWatchdog(b.watchdogThreshold, b.config.loops());
        Dispatcher dispatcher = new Dispatcher(router, pool.executor(), pool.limits(), errors, b.filters, watchdog,
                b.tracing != null ? ServerTracing.capture(b.tracing) : UnaryOperator.identity());
        HandlerChain chain;
        try {
            chain = HandlerChain.around(dispatcher, b, pool.executor(), provided, errors, endpoints, bodyBudget);
        } catch (RuntimeException e) {
            pool.abandon();
            throw e;
        }
        GyreServer server = HttpServer.start(b.config, listeners(b), chain.handler(), pool.executor(),
                pool.owned(), List.copyOf(routes), watchdog, provided, b.lifespan.build(), chain.draining(),
                bodyBudget, b.http2);
        if (b.metrics != null) {
            server.onStop(ServerMeters.bind(b.metrics, server, server.loops(), dispatcher.blockingLoad()));
        }
        chain.draining().state().started();
        StartupLog.started(server, b.config.loops(), pool.description());
        StartupTasks.prepareValidation(compiler);
        return server;
    }

    private static void route(List<Route> compiled, Router<Route> router, List<Route> routes) {
        for (Route r : compiled) {
            router.add(r.httpMethod(), r.template(), r, r.describe());
            routes.add(r);
        }
    }

    /** The builder's {@code port} first (also when nothing else was asked for), then its {@code listen}s in order. */
    private static List<ServerListeners.Spec> listeners(Gyre.Builder b) {
        List<ServerListeners.Spec> specs = new ArrayList<>();
        if (b.portSet || b.listens.isEmpty()) {
            specs.add(new ServerListeners.Spec(b.config.port(), null));
        }
        specs.addAll(b.listens);
        return specs;
    }
}
