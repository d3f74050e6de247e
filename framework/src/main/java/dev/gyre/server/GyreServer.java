package dev.gyre.server;

import dev.gyre.handler.Route;
import dev.gyre.loop.BlockedLoopWatchdog;
import dev.gyre.loop.EventLoopGroup;
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
 * closed before handler threads are interrupted, so a handler cut short cannot answer any more.
 */
public final class GyreServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(GyreServer.class);
    public static final Duration DEFAULT_GRACE = Duration.ofSeconds(10);

    private final EventLoopGroup group;
    private final ServerListeners listeners;
    private final List<LoopContext> contexts;
    private final ConnectionCounter counter;
    private final ExecutorService ownedExecutor;
    private final List<Route> routes;
    private final BlockedLoopWatchdog watchdog;
    private final Object stopLock = new Object();
    private boolean stopped;

    GyreServer(EventLoopGroup group, ServerListeners listeners, List<LoopContext> contexts, ConnectionCounter counter,
               ExecutorService ownedExecutor, List<Route> routes, BlockedLoopWatchdog watchdog) {
        this.group = group;
        this.listeners = listeners;
        this.contexts = contexts;
        this.counter = counter;
        this.ownedExecutor = ownedExecutor;
        this.routes = routes;
        this.watchdog = watchdog;
    }

    /** The first listener's bound port; useful when the server was started on port 0. */
    public int port() {
        return listeners.firstAddress().getPort();
    }

    /** The first listener's address. */
    public InetSocketAddress address() {
        return listeners.firstAddress();
    }

    /** Every listener's bound address, in the order they were configured. */
    public List<InetSocketAddress> addresses() {
        return listeners.addresses();
    }

    /**
     * The first listener's {@code http://host:port} (or {@code https://} when it speaks TLS), with
     * {@code 127.0.0.1} standing for a wildcard bind.
     */
    public String url() {
        return url(listeners.firstAddress(), listeners.firstIsTls());
    }

    /** Every listener's URL, in the order they were configured; see {@link #url()}. */
    public List<String> urls() {
        List<InetSocketAddress> all = listeners.addresses();
        List<Boolean> tls = listeners.tlsFlags();
        return java.util.stream.IntStream.range(0, all.size()).mapToObj(i -> url(all.get(i), tls.get(i))).toList();
    }

    private static String url(InetSocketAddress a, boolean tls) {
        String host = a.getAddress().isAnyLocalAddress() ? "127.0.0.1" : a.getAddress().getHostAddress();
        if (host.contains(":")) {
            host = "[" + host + "]";
        }
        return (tls ? "https://" : "http://") + host + ":" + a.getPort();
    }

    /**
     * Reads every TLS listener's certificate and key files again: handshakes from now on use the new ones,
     * connections already open keep theirs. When a file cannot be used, the current certificates stay.
     *
     * @throws IllegalStateException when no listener speaks TLS
     * @throws IllegalArgumentException or {@link java.io.UncheckedIOException} when a file cannot be used
     */
    public void reloadTls() {
        if (listeners.reloadTls() == 0) {
            throw new IllegalStateException("no listener of this server speaks TLS");
        }
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
            listeners.stopExecutor();
            if (ownedExecutor != null) {
                ownedExecutor.shutdownNow();
            }
            if (ownedExecutor != null && !ownedExecutor.awaitTermination(5, TimeUnit.SECONDS)) {
                log.warn("some handler threads did not stop within 5 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        stop();
    }
}
