package dev.gyre.server;

import dev.gyre.handler.internal.Route;
import dev.gyre.http.HttpHandler;
import dev.gyre.http2.config.Http2Options;
import dev.gyre.inject.internal.Providers;
import dev.gyre.loop.BlockedLoopWatchdog;
import dev.gyre.loop.BufferBudget;
import dev.gyre.loop.EventLoop;
import dev.gyre.loop.EventLoopGroup;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.concurrent.ExecutorService;

/** Starts the connection layer for a handler; the builder's last step. */
final class HttpServer {
    private HttpServer() {
    }

    /**
     * Runs the start hooks, then starts the loops and binds. When either fails, what was opened is released
     * before the failure is thrown: the stop hooks of the start hooks that ran, the loops and the executor the
     * builder made. The app-wide values are not closed: the server never ran, so they are still the caller's.
     */
    static GyreServer start(ServerConfig config, List<ServerListeners.Spec> specs,
                            HttpHandler handler, ExecutorService blocking,
                            ExecutorService owned, List<Route> routes, BlockedLoopWatchdog watchdog,
                            Providers provided, Lifespan lifespan, GyreServer.Draining draining) {
        return start(config, specs, handler, blocking, owned, routes, watchdog, provided, lifespan, draining,
                new BufferBudget(config.limits().maxBufferedBodies()));
    }

    /** As above, with the body budget the routes' upload binders already share. */
    static GyreServer start(ServerConfig config, List<ServerListeners.Spec> specs,
                            HttpHandler handler, ExecutorService blocking,
                            ExecutorService owned, List<Route> routes, BlockedLoopWatchdog watchdog,
                            Providers provided, Lifespan lifespan, GyreServer.Draining draining,
                            BufferBudget bodyBudget) {
        return start(config, specs, handler, blocking, owned, routes, watchdog, provided, lifespan, draining,
                bodyBudget, Http2Options.defaults());
    }

    /** As above, with the builder's HTTP/2 options. */
    static GyreServer start(ServerConfig config, List<ServerListeners.Spec> specs,
                            HttpHandler handler, ExecutorService blocking,
                            ExecutorService owned, List<Route> routes, BlockedLoopWatchdog watchdog,
                            Providers provided, Lifespan lifespan, GyreServer.Draining draining,
                            BufferBudget bodyBudget, Http2Options http2) {
        try {
            lifespan.start();
        } catch (RuntimeException e) {
            if (owned != null) {
                owned.shutdownNow();
            }
            throw e;
        }
        EventLoopGroup group = new EventLoopGroup(config.loops(), "gyre-loop-");
        ConnectionCounter counter = new ConnectionCounter();
        draining.state().watchLoops(() -> group.loops().stream().noneMatch(EventLoop::hasDied));
        List<LoopContext> contexts = group.loops().stream()
                .map(loop -> new LoopContext(loop, config, handler, counter, bodyBudget, blocking, http2))
                .toList();
        group.start();
        try {
            ServerListeners listeners = ServerListeners.bind(config.host(), config.backlog(), specs, group,
                    config.timeouts().requestHead().toMillis(),
                    (transport, loop) -> {
                        LoopContext ctx = contexts.get(loop.index());
                        new Connection(transport, ctx).open(Http2Negotiation.firstProtocol(transport, ctx));
                    });
            if (watchdog != null) {
                watchdog.start(group.loops());
            }
            return new GyreServer(group, listeners, contexts, counter, owned, routes, watchdog, provided, lifespan,
                    draining);
        } catch (IOException e) {
            stopQuietly(group, owned, lifespan);
            throw new UncheckedIOException("cannot listen on " + config.host() + ":" + specs.stream()
                    .map(s -> String.valueOf(s.port())).toList() + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            stopQuietly(group, owned, lifespan);
            throw e;
        }
    }

    private static void stopQuietly(EventLoopGroup group, ExecutorService owned, Lifespan lifespan) {
        try {
            group.shutdown(2_000);
        } catch (InterruptedException ie) {
            Thread.currentThread().interrupt();
        }
        if (owned != null) {
            owned.shutdownNow();
        }
        lifespan.stop();
    }
}
