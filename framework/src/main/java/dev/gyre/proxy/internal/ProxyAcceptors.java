package dev.gyre.proxy.internal;

import dev.gyre.http.internal.Lent;
import dev.gyre.loop.ChannelAcceptor;
import dev.gyre.proxy.ProxyProtocol;
import dev.gyre.transport.internal.TlsListener;
import dev.gyre.transport.internal.TransportAcceptor;

/**
 * How the server's listeners accept connections that start with a PROXY protocol header. The header reader
 * is package-private in {@code dev.gyre.proxy}; {@link ProxyProtocol} lends these two factories here when it
 * is initialised, and this package is not exported, so an application only ever names
 * {@link ProxyProtocol#required()}. The acceptors made run on the loop that accepted the channel.
 */
public final class ProxyAcceptors {
    private static final Lent<Access> ACCESS = new Lent<>(ProxyProtocol.class);

    private ProxyAcceptors() {
    }

    /** What {@code dev.gyre.proxy} lends. */
    public interface Access {
        ChannelAcceptor cleartext(long timeoutMillis, TransportAcceptor protocol);

        ChannelAcceptor tls(long timeoutMillis, TlsListener tls, TransportAcceptor protocol);
    }

    /** Called once, by {@link ProxyProtocol}'s static initialiser. */
    public static void install(Access access) {
        ACCESS.lend(access);
    }

    /**
     * Reads the header on each accepted channel within {@code timeoutMillis}, then gives {@code protocol} a
     * cleartext transport whose peer is the named client.
     */
    public static ChannelAcceptor cleartext(long timeoutMillis, TransportAcceptor protocol) {
        return ACCESS.get().cleartext(timeoutMillis, protocol);
    }

    /**
     * Reads the header within {@code timeoutMillis}, then runs {@code tls}'s handshake, starting with the bytes
     * read past the header; {@code protocol} gets a transport whose peer is the named client.
     */
    public static ChannelAcceptor tls(long timeoutMillis, TlsListener tls, TransportAcceptor protocol) {
        return ACCESS.get().tls(timeoutMillis, tls, protocol);
    }
}
