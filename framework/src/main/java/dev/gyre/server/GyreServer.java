package dev.gyre.server;

import dev.gyre.handler.internal.Route;
import dev.gyre.health.internal.ServerState;
import dev.gyre.inject.internal.Providers;
import dev.gyre.loop.BlockedLoopWatchdog;
import dev.gyre.loop.EventLoop;
import dev.gyre.loop.EventLoopGroup;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running server: where it listens, what it routes, and how to stop it.
 *
 * <p>{@link #stop(Duration)} is graceful: the port is released at once, idle keep-alive connections close,
 * requests already received are answered (with {@code Connection: close}) until the grace period ends,
 * and then whatever is left is closed. Connections are closed before handler threads are interrupted, so a
 * handler cut short cannot answer any more. It returns within the grace period plus three times
 * {@link #STOP_MARGIN} (the loops closing their listeners and draining, the loops ending, the handler threads
 * ending), even when a loop has died or is stuck in a handler; a thread still running then is logged, not
 * waited for. Then the stop hooks ({@code onStop}) run, newest first, and last the app-wide values registered with {@code provide(type, value)} that are
 * {@link AutoCloseable} are closed, newest first.
 *
 * <p>{@link #healthy()} is false once any loop's thread has ended without being asked to (see
 * {@link dev.gyre.loop.EventLoop#hasDied()}): its connections are closed and its listener no longer
 * accepts, so a health check should take the process out of service.
 *
 * <p>{@link #ready()} is what the readiness probe reports before its checks: false until the builder's
 * {@code start()} has returned, false once {@link #stop} has begun, false when a loop has died. With
 * probes on, {@code stop} first turns readiness off, keeps serving for the drain delay (so that load
 * balancers see the probe fail and send no more), and only then does what is described above; it then
 * returns within drain delay plus grace plus the margins.
 */
public final class GyreServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(GyreServer.class);
    public static final Duration DEFAULT_GRACE = Duration.ofSeconds(10);
    /** How long {@link #stop} waits beyond the grace period for each of the loops and the handler threads. */
    public static final Duration STOP_MARGIN = Duration.ofSeconds(5);

    private final EventLoopGroup group;
    private final ServerListeners listeners;
    private final List<LoopContext> contexts;
    private final ConnectionCounter counter;
    private final ExecutorService ownedExecutor;
    private final List<Route> routes;
    private final BlockedLoopWatchdog watchdog;
    private final Providers provided;
    private final Lifespan lifespan;
    private final Draining draining;
    private final List<AutoCloseable> stopActions = new CopyOnWriteArrayList<>();
    private final Object stopLock = new Object();
    private boolean stopped;

    GyreServer(EventLoopGroup group, ServerListeners listeners, List<LoopContext> contexts, ConnectionCounter counter,
               ExecutorService ownedExecutor, List<Route> routes, BlockedLoopWatchdog watchdog, Providers provided,
               Lifespan lifespan, Draining draining) {
        this.group = group;
        this.listeners = listeners;
        this.contexts = contexts;
        this.counter = counter;
        this.ownedExecutor = ownedExecutor;
        this.routes = routes;
        this.watchdog = watchdog;
        this.provided = provided;
        this.lifespan = lifespan;
        this.draining = draining;
    }

    /** How a server leaves service: the state its probes read, and how long it serves on once unready. */
    record Draining(ServerState state, Duration delay) {
        /** For a server without probes: nobody reads readiness, so nothing is waited for. */
        static Draining immediate() {
            return new Draining(new ServerState(), Duration.ZERO);
        }
    }

    /** Something to close once the server has stopped (a metrics sampler), after the handler threads. */
    void onStop(AutoCloseable action) {
        stopActions.add(action);
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
    List<Route> routes() {
        return routes;
    }

    /** How many connections are open right now, across all loops. */
    public int openConnections() {
        return counter.open();
    }

    /**
     * Whether every loop is running: false once a loop has died (logged at ERROR when it happened), and
     * after {@link #stop}. Cheap enough for a health endpoint to call on every probe.
     */
    public boolean healthy() {
        synchronized (stopLock) {
            if (stopped) {
                return false;
            }
        }
        return draining.state().loopsAlive();
    }

    /** Whether the server is in service: started, not stopping, every loop alive; see the class comment. */
    public boolean ready() {
        return draining.state().notReadyReason() == null;
    }

    /** The event loops, in index order; for the meters that watch them, which the builder binds. */
    List<EventLoop> loops() {
        return group.loops();
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
        draining.state().draining();
        if (draining.delay().isPositive()) {
            log.info("readiness is off; serving {} more before closing the listeners", draining.delay());
            try {
                Thread.sleep(draining.delay());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        long start = System.nanoTime();
        long deadline = start + grace.toNanos();
        long margin = STOP_MARGIN.toNanos();
        if (watchdog != null) {
            watchdog.stop();
        }
        try {
            listeners.close(start + margin);
            awaitDrain(start + margin);
            if (!counter.awaitZero(deadline)) {
                log.info("grace period over with {} connections open; closing them", counter.open());
            }
            if (!group.shutdown(STOP_MARGIN.toMillis())) {
                log.warn("some event loops did not stop within {}", STOP_MARGIN);
            }
            listeners.stopExecutor();
            if (ownedExecutor != null) {
                ownedExecutor.shutdownNow();
            }
            if (ownedExecutor != null && !ownedExecutor.awaitTermination(margin, TimeUnit.NANOSECONDS)) {
                log.warn("some handler threads did not stop within {}", STOP_MARGIN);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            lifespan.stop();
            provided.closeValues();
            stopActions.forEach(GyreServer::closeQuietly);
        }
    }

    /** Marks every loop draining and drains its connections; a loop that is gone or stuck is not waited for. */
    private void awaitDrain(long deadlineNanos) throws InterruptedException {
        try {
            group.onEach(loop -> {
                LoopContext ctx = contexts.get(loop.index());
                ctx.draining = true;
                List.copyOf(ctx.connections).forEach(Connection::drain);
            }).get(Math.max(0, deadlineNanos - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (ExecutionException | TimeoutException e) {
            log.warn("not every loop drained its connections: {}", e.toString());
        }
    }

    private static void closeQuietly(AutoCloseable action) {
        try {
            action.close();
        } catch (Exception e) {
            log.warn("closing {} at stop failed", action, e);
        }
    }

    @Override
    public void close() {
        stop();
    }
}
