package dev.gyre.metrics.internal;

import dev.gyre.handler.internal.BlockingLoad;
import dev.gyre.http.internal.Lent;
import dev.gyre.loop.EventLoop;
import dev.gyre.metrics.GyreMetrics;
import dev.gyre.observe.ExchangeObserver;
import dev.gyre.server.GyreServer;
import dev.gyre.ws.internal.SessionCounters;
import java.util.List;

/**
 * How the builder wires a {@link GyreMetrics} into the server it starts: the request observer, the WebSocket
 * counters, and the meters that watch the running server (its loops, its blocking handlers). An application
 * only hands {@code GyreMetrics} to the builder, so these are not its methods; {@code GyreMetrics} lends them
 * here when it is initialised, and this package is not exported. Called at start-up, on the thread that starts
 * the server.
 */
public final class ServerMeters {
    private static final Lent<Access> ACCESS = new Lent<>(GyreMetrics.class);

    private ServerMeters() {
    }

    /** What {@link GyreMetrics} lends. */
    public interface Access {
        ExchangeObserver requests(GyreMetrics metrics);

        SessionCounters webSockets(GyreMetrics metrics);

        AutoCloseable bind(GyreMetrics metrics, GyreServer server, List<EventLoop> loops, BlockingLoad blocking);
    }

    /** Called once, by {@link GyreMetrics}'s static initialiser. */
    public static void install(Access access) {
        ACCESS.lend(access);
    }

    /** The observer that times requests; the builder puts it in front of the handlers. */
    public static ExchangeObserver requests(GyreMetrics metrics) {
        return ACCESS.get().requests(metrics);
    }

    /** What the WebSocket sessions report to. */
    public static SessionCounters webSockets(GyreMetrics metrics) {
        return ACCESS.get().webSockets(metrics);
    }

    /**
     * Registers the meters that watch a running server and starts the loop sampler; the builder calls it once
     * the server listens, and closes what it returns (removing every meter) when the server stops.
     */
    public static AutoCloseable bind(GyreMetrics metrics, GyreServer server, List<EventLoop> loops,
                                     BlockingLoad blocking) {
        return ACCESS.get().bind(metrics, server, loops, blocking);
    }
}
