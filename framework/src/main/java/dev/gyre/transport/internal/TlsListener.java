package dev.gyre.transport.internal;

import dev.gyre.loop.EventLoop;
import dev.gyre.transport.Tls;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.nio.channels.SocketChannel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The TLS side of one listening port: starts a handshake on each accepted socket, reloads certificates, and
 * watches their files when asked to. The server owns the executor passed in (delegated handshake tasks and
 * the file watch run on it) and shuts it down after {@link #close()}.
 */
public final class TlsListener implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(TlsListener.class);

    private final TlsContext context;
    private final ScheduledExecutorService executor;
    private final ScheduledFuture<?> watch;

    private TlsListener(TlsContext context, ScheduledExecutorService executor) {
        this.context = context;
        this.executor = executor;
        TlsSettings tls = context.settings();
        this.watch = tls.watchInterval() == null ? null : startWatch(tls.watchInterval().toMillis());
    }

    /**
     * Reads the certificates and keys of {@code tls} now.
     *
     * @throws IllegalArgumentException when a file is not what it should be (the message says which and why)
     * @throws java.io.UncheckedIOException when a file cannot be read
     */
    public static TlsListener open(Tls tls, ScheduledExecutorService executor) {
        return new TlsListener(new TlsContext(TlsSettings.of(tls)), executor);
    }

    /**
     * A small pool for what must not run on a loop: the engines' delegated tasks (whole handshake steps under
     * a provider other than the JDK's) and file watches.
     */
    public static ScheduledExecutorService newExecutor() {
        AtomicInteger n = new AtomicInteger();
        ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(
                Math.max(2, Runtime.getRuntime().availableProcessors()),
                task -> Thread.ofPlatform().name("gyre-tls-" + n.getAndIncrement()).daemon(true).unstarted(task));
        executor.setRemoveOnCancelPolicy(true);
        return executor;
    }

    /** Starts the handshake of a freshly accepted channel on its loop; {@code acceptor} gets the transport. */
    public void handshake(SocketChannel channel, EventLoop loop, TransportAcceptor acceptor) throws IOException {
        handshake(channel, loop, ByteBuffer.allocate(0), acceptor);
    }

    /**
     * As above, for a channel whose first bytes were already read (past a PROXY protocol header): the handshake
     * reads {@code read} before the socket.
     */
    public void handshake(SocketChannel channel, EventLoop loop, ByteBuffer read, TransportAcceptor acceptor)
            throws IOException {
        TlsHandshake.start(channel, context.newEngine(), loop, executor, context.handshakeOffLoop(),
                context.settings().handshakeTimeout().toMillis(), read, acceptor);
    }

    /**
     * Reads the files again: handshakes from now on use the new certificates, connections already open keep
     * theirs. A failure leaves the current certificates in place and is thrown.
     */
    public void reload() {
        context.reload();
        log.info("TLS certificates reloaded from {}", context.files());
    }

    @Override
    public void close() {
        if (watch != null) {
            watch.cancel(false);
        }
    }

    private ScheduledFuture<?> startWatch(long everyMillis) {
        List<Object> seen = new ArrayList<>(List.of(fingerprint()));
        return executor.scheduleWithFixedDelay(() -> {
            Object now = fingerprint();
            if (!now.equals(seen.getFirst())) {
                seen.set(0, now);
                try {
                    reload();
                } catch (RuntimeException e) {
                    log.warn("TLS files changed but cannot be used; keeping the current certificates: {}",
                            e.getMessage());
                }
            }
        }, everyMillis, everyMillis, TimeUnit.MILLISECONDS);
    }

    /** The modification times and sizes of the files; a change in any is a change. */
    private List<String> fingerprint() {
        List<String> stamps = new ArrayList<>();
        for (Path file : context.files()) {
            try {
                stamps.add(file + "@" + Files.getLastModifiedTime(file).toMillis() + "/" + Files.size(file));
            } catch (IOException e) {
                stamps.add(file + "@missing");
            }
        }
        return stamps;
    }
}
