package dev.gyre.server;

import dev.gyre.handler.Route;
import dev.gyre.inject.Providers;
import dev.gyre.loop.BlockedLoopWatchdog;
import dev.gyre.loop.EventLoopGroup;
import dev.gyre.loop.Listeners;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running server: where it listens, what it routes, and how to stop it.
 *
 * <p>{@link #stop(Duration)} is graceful: the port is released at once, idle keep-alive connections close,
 * requests already received are answered (with {@code Connection: close}) until the grace period ends,
 * and then whatever is left is closed and every thread the server started has ended. Connections are
 * closed before handler threads are interrupted, so a handler cut short cannot answer any more. Then the
 * stop hooks ({@code onStop}) run, newest first, and last the app-wide values registered with
 * {@code provide(type, value)} that are {@link AutoCloseable} are closed, newest first.
 */
public final class GyreServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(GyreServer.class);
    public static final Duration DEFAULT_GRACE = Duration.ofSeconds(10);

    private final EventLoopGroup group;
    private final Listeners listeners;
    private final List<LoopContext> contexts;
    private final ConnectionCounter counter;
    private final ExecutorService ownedExecutor;
    private final List<Route> routes;
    private final BlockedLoopWatchdog watchdog;
    private final Providers provided;
    private final Lifespan lifespan;
    private final Object stopLock = new Object();
    private boolean stopped;

    GyreServer(EventLoopGroup group, Listeners listeners, List<LoopContext> contexts, ConnectionCounter counter,
               ExecutorService ownedExecutor, List<Route> routes, BlockedLoopWatchdog watchdog, Providers provided,
               Lifespan lifespan) {
        this.group = group;
        this.listeners = listeners;
        this.contexts = contexts;
        this.counter = counter;
        this.ownedExecutor = ownedExecutor;
        this.routes = routes;
        this.watchdog = watchdog;
        this.provided = provided;
        this.lifespan = lifespan;
    }

    /** The bound port; useful when the server was started on port 0. */
    public int port() {
        return listeners.address().getPort();
    }

    public InetSocketAddress address() {
        return listeners.address();
    }

    /** {@code http://host:port}, with {@code 127.0.0.1} standing for a wildcard bind. */
    public String url() {
        InetSocketAddress a = listeners.address();
        String host = a.getAddress().isAnyLocalAddress() ? "127.0.0.1" : a.getAddress().getHostAddress();
        if (host.contains(":")) {
            host = "[" + host + "]";
        }
        return "http://" + host + ":" + a.getPort();
    }

    /** The compiled routes, in registration order. */
    public List<Route> routes() {
        return routes;
    }

    /** How many connections are open right now, across all loops. */
    public int openConnections() {
        return counter.open();
    }

    /** Stops with the {@linkplain #DEFAULT_GRACE default grace period}. */
    public void stop() {
        stop(DEFAULT_GRACE);
    }

    /** Stops gracefully, waiting at most {@code grace} for requests under way; see the class comment. */
    public void stop(Duration grace) {
        synchronized (stopLock) {
            if (stopped) {
                return;
            }
            stopped = true;
        }
        long deadline = System.nanoTime() + grace.toNanos();
        if (watchdog != null) {
            watchdog.stop();
        }
        listeners.close();
        group.onEach(loop -> {
            LoopContext ctx = contexts.get(loop.index());
            ctx.draining = true;
            List.copyOf(ctx.connections).forEach(HttpConnection::drain);
            List.copyOf(ctx.upgraded).forEach(dev.gyre.http.Upgrade.Upgraded::drain);
        }).join();
        try {
            if (!counter.awaitZero(deadline)) {
                log.info("grace period over with {} connections open; closing them", counter.open());
            }
            if (!group.shutdown(5_000)) {
                log.warn("some event loops did not stop within 5 s");
            }
            if (ownedExecutor != null) {
                ownedExecutor.shutdownNow();
            }
            if (ownedExecutor != null && !ownedExecutor.awaitTermination(5, TimeUnit.SECONDS)) {
                log.warn("some handler threads did not stop within 5 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            lifespan.stop();
            provided.closeValues();
        }
    }

    @Override
    public void close() {
        stop();
    }
}
