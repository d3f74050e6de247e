package dev.gyre.loop;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.SelectionKey;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The listening sockets of a server and the accept path.
 *
 * <p>Where the platform has {@code SO_REUSEPORT} (Linux, macOS), every loop binds its own listener on
 * the same port and the kernel spreads new connections across them: no thread hands sockets to
 * another, and a busy loop does not delay accepts for the others. Elsewhere loop 0 accepts alone and
 * hands each channel to the next loop in turn through {@link EventLoop#execute}.
 *
 * <p>{@code SO_REUSEPORT} would also let a second server process silently share the port, so the port
 * is first bound once without it: a port that anybody already holds fails with "address in use", as
 * users expect.
 *
 * <p>When {@code accept} fails (out of file descriptors), the listener pauses rather than spins; see
 * {@link AcceptBackOff}.
 *
 * <p>A loop that dies ({@link EventLoop#hasDied()}) takes its listener along: the port stays open on the
 * others, so the kernel sends new connections only to loops that accept them; without {@code SO_REUSEPORT},
 * loop 0 hands no channel to a dead loop.
 */
public final class Listeners {
    private static final Logger log = LoggerFactory.getLogger(Listeners.class);
    private static final int ACCEPTS_PER_WAKEUP = 64;

    private final EventLoopGroup group;
    private final List<ServerSocketChannel> channels;
    private final InetSocketAddress boundAddress;
    private final boolean reusePort;

    private Listeners(EventLoopGroup group, List<ServerSocketChannel> channels, InetSocketAddress bound,
                      boolean reusePort) {
        this.group = group;
        this.channels = channels;
        this.boundAddress = bound;
        this.reusePort = reusePort;
    }

    /**
     * Binds the listeners and registers them with their loops (which must be running). Returns when
     * the server accepts connections.
     */
    public static Listeners bind(InetSocketAddress address, int backlog, EventLoopGroup group,
                                 ChannelAcceptor acceptor) throws IOException {
        InetSocketAddress bound = probe(address);
        boolean reusePort = group.size() > 1
                && ServerSocketChannel.open().supportedOptions().contains(StandardSocketOptions.SO_REUSEPORT);
        List<ServerSocketChannel> channels = new ArrayList<>();
        try {
            int count = reusePort ? group.size() : 1;
            for (int i = 0; i < count; i++) {
                ServerSocketChannel ch = ServerSocketChannel.open();
                channels.add(ch);
                ch.setOption(StandardSocketOptions.SO_REUSEADDR, true);
                if (reusePort) {
                    ch.setOption(StandardSocketOptions.SO_REUSEPORT, true);
                }
                ch.bind(bound, backlog);
            }
        } catch (IOException e) {
            closeAll(channels);
            throw e;
        }
        Listeners listeners = new Listeners(group, List.copyOf(channels), bound, reusePort);
        listeners.register(acceptor);
        return listeners;
    }

    /** Binds once without SO_REUSEPORT to claim the port (and learn it, for port 0), then lets go. */
    private static InetSocketAddress probe(InetSocketAddress address) throws IOException {
        try (ServerSocketChannel probe = ServerSocketChannel.open()) {
            probe.setOption(StandardSocketOptions.SO_REUSEADDR, true);
            probe.bind(address, 1);
            return (InetSocketAddress) probe.getLocalAddress();
        }
    }

    private void register(ChannelAcceptor acceptor) throws IOException {
        try {
            for (int i = 0; i < channels.size(); i++) {
                ServerSocketChannel ch = channels.get(i);
                EventLoop loop = group.loops().get(i);
                loop.submit(() -> {
                    try {
                        loop.register(ch, SelectionKey.OP_ACCEPT, new AcceptHandler(ch, loop, acceptor));
                        loop.afterDeath(() -> closeAll(List.of(ch)));
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }).join();
            }
        } catch (CompletionException e) {
            closeAll(channels);
            throw new IOException("cannot register listener", e.getCause());
        }
    }

    public InetSocketAddress address() {
        return boundAddress;
    }

    public boolean reusePort() {
        return reusePort;
    }

    /**
     * Closes every listener on its own loop, so the port is free when this returns. A loop that has ended,
     * or does not run the close by {@code deadlineNanos} (it is stuck in a handler), has its listener closed
     * from this thread instead: no new connection is accepted, but the port may stay held until that loop
     * lets go of the key.
     */
    public void close(long deadlineNanos) throws InterruptedException {
        for (int i = 0; i < channels.size(); i++) {
            ServerSocketChannel ch = channels.get(i);
            EventLoop loop = group.loops().get(i);
            try {
                loop.submit(() -> loop.closeNow(ch)).get(Math.max(0, deadlineNanos - System.nanoTime()),
                        TimeUnit.NANOSECONDS);
            } catch (ExecutionException | TimeoutException e) {
                log.warn("{} did not close its listener ({}); closing it from here", loop, e.toString());
                closeAll(List.of(ch));
            }
        }
    }

    private static void closeAll(List<ServerSocketChannel> channels) {
        for (ServerSocketChannel ch : channels) {
            try {
                ch.close();
            } catch (IOException e) {
                log.debug("close listener", e);
            }
        }
    }

    private final class AcceptHandler implements IoHandler {
        private final ServerSocketChannel server;
        private final EventLoop loop;
        private final ChannelAcceptor acceptor;
        private final AcceptBackOff backOff;

        AcceptHandler(ServerSocketChannel server, EventLoop loop, ChannelAcceptor acceptor) {
            this.server = server;
            this.loop = loop;
            this.acceptor = acceptor;
            this.backOff = new AcceptBackOff(loop, boundAddress);
        }

        @Override
        public void onReady(SelectionKey key, int readyOps) {
            for (int i = 0; i < ACCEPTS_PER_WAKEUP; i++) {
                SocketChannel ch;
                try {
                    ch = server.accept();
                } catch (IOException e) {
                    backOff.failed(key, e);
                    return;
                }
                if (ch == null) {
                    return;
                }
                backOff.accepted();
                hand(ch);
            }
        }

        private void hand(SocketChannel ch) {
            EventLoop target = reusePort ? loop : group.next();
            if (target == loop) {
                accept(ch, loop);
            } else {
                target.execute(() -> accept(ch, target));
            }
        }

        private void accept(SocketChannel ch, EventLoop owner) {
            try {
                ch.configureBlocking(false);
                ch.setOption(StandardSocketOptions.TCP_NODELAY, true);
                acceptor.accepted(ch, owner);
            } catch (Throwable e) {
                try {
                    ch.close();
                } catch (IOException closeFailed) {
                    e.addSuppressed(closeFailed);
                }
                if (e instanceof Error error) {
                    throw error; // the loop's containment logs it (and handles an OutOfMemoryError); the channel is closed
                }
                log.debug("dropping connection that failed during setup", e);
            }
        }

        @Override
        public void onLoopClosing() {
            // the loop closes the listening channel itself
        }

        /** A failure while handing a channel over is that channel's; the listener goes on accepting. */
        @Override
        public void onFailure(Throwable cause) {
            // the loop has logged it
        }
    }
}
