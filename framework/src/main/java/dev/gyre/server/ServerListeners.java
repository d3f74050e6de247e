package dev.gyre.server;

import dev.gyre.loop.ChannelAcceptor;
import dev.gyre.loop.EventLoopGroup;
import dev.gyre.loop.Listeners;
import dev.gyre.proxy.ProxyProtocol;
import dev.gyre.proxy.internal.ProxyAcceptors;
import dev.gyre.transport.Tls;
import dev.gyre.transport.internal.TlsListener;
import dev.gyre.transport.internal.Transport;
import dev.gyre.transport.internal.TransportAcceptor;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ScheduledExecutorService;

/**
 * Every port a server listens on, each cleartext or TLS, with or without the PROXY protocol, in the order
 * they were configured, and the one executor their TLS handshakes share (created only when some listener
 * speaks TLS). Whatever the transport, an accepted connection ends up in the same protocol
 * ({@code protocol}: HTTP/1.1 today).
 */
final class ServerListeners {

    /** One configured port: {@code tls} is {@code null} for cleartext, {@code proxy} without the PROXY protocol. */
    record Spec(int port, Tls tls, ProxyProtocol proxy) {
        Spec {
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("port out of range: " + port);
            }
        }

        Spec(int port, Tls tls) {
            this(port, tls, null);
        }
    }

    private record Bound(Listeners listeners, TlsListener tls) {
    }

    private final List<Bound> bound;
    private final ScheduledExecutorService tlsExecutor;

    private ServerListeners(List<Bound> bound, ScheduledExecutorService tlsExecutor) {
        this.bound = bound;
        this.tlsExecutor = tlsExecutor;
    }

    /**
     * Reads every listener's certificates, then binds every port. On a failure nothing stays bound.
     *
     * @throws IllegalArgumentException or {@link java.io.UncheckedIOException} for unusable TLS files
     */
    static ServerListeners bind(String host, int backlog, List<Spec> specs, EventLoopGroup group,
                                long headTimeoutMillis, TransportAcceptor protocol) throws IOException {
        ScheduledExecutorService executor = specs.stream().anyMatch(s -> s.tls() != null)
                ? TlsListener.newExecutor() : null;
        List<TlsListener> tls = new ArrayList<>();
        List<Bound> bound = new ArrayList<>();
        ServerListeners listeners = new ServerListeners(bound, executor);
        try {
            for (Spec spec : specs) {
                tls.add(spec.tls() == null ? null : TlsListener.open(spec.tls(), executor));
            }
            for (int i = 0; i < specs.size(); i++) {
                ChannelAcceptor acceptor = acceptor(tls.get(i), specs.get(i).proxy(), headTimeoutMillis, protocol);
                InetSocketAddress address = new InetSocketAddress(host, specs.get(i).port());
                bound.add(new Bound(Listeners.bind(address, backlog, group, acceptor), tls.get(i)));
            }
            return listeners;
        } catch (IOException | RuntimeException e) {
            tls.stream().filter(Objects::nonNull).forEach(TlsListener::close);
            try {
                listeners.close(System.nanoTime() + GyreServer.STOP_MARGIN.toNanos());
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
            }
            listeners.stopExecutor();
            throw e;
        }
    }

    /** What runs on each accepted channel: the PROXY header if asked for, the TLS handshake if any, the protocol. */
    private static ChannelAcceptor acceptor(TlsListener tls, ProxyProtocol proxy, long headTimeoutMillis,
                                            TransportAcceptor protocol) {
        if (proxy != null) {
            return tls == null ? ProxyAcceptors.cleartext(headTimeoutMillis, protocol)
                    : ProxyAcceptors.tls(headTimeoutMillis, tls, protocol);
        }
        return tls == null ? (channel, loop) -> protocol.accepted(Transport.plain(channel), loop)
                : (channel, loop) -> tls.handshake(channel, loop, protocol);
    }

    /** The first listener: what {@link GyreServer#port()} and {@link GyreServer#url()} report. */
    InetSocketAddress firstAddress() {
        return bound.getFirst().listeners().address();
    }

    boolean firstIsTls() {
        return bound.getFirst().tls() != null;
    }

    List<InetSocketAddress> addresses() {
        return bound.stream().map(b -> b.listeners().address()).toList();
    }

    List<Boolean> tlsFlags() {
        return bound.stream().map(b -> b.tls() != null).toList();
    }

    /** Reloads the certificates of every TLS listener; returns how many there are. */
    int reloadTls() {
        int n = 0;
        for (Bound b : bound) {
            if (b.tls() != null) {
                b.tls().reload();
                n++;
            }
        }
        return n;
    }

    /**
     * Closes every port (each on its own loop, or from here after {@code deadlineNanos}; see
     * {@link Listeners#close}) and stops the file watches; handshakes under way go on.
     */
    void close(long deadlineNanos) throws InterruptedException {
        for (Bound b : bound) {
            b.listeners().close(deadlineNanos);
            if (b.tls() != null) {
                b.tls().close();
            }
        }
    }

    /** Stops the TLS executor, once the loops are stopped and no handshake can need it. */
    void stopExecutor() {
        if (tlsExecutor != null) {
            tlsExecutor.shutdownNow();
        }
    }
}
