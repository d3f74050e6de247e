package dev.gyre.proxy;

import dev.gyre.loop.ChannelAcceptor;
import dev.gyre.transport.TlsListener;
import dev.gyre.transport.Transport;
import dev.gyre.transport.TransportAcceptor;
import java.nio.ByteBuffer;

/**
 * The PROXY protocol (HAProxy's, version 1 and 2) on a listener: every connection must begin with the
 * header, before its HTTP request or its TLS ClientHello, and the client it names becomes the connection's
 * peer ({@code Request.remoteAddress()}, and from it the client address, {@code TrustedProxies}, the access
 * log and the meters). Turn it on only for a port that nothing but the proxy can reach: whoever connects
 * there chooses the address the server believes.
 *
 * <p>{@link #required()} is the only mode: the specification forbids guessing whether a header is there, so a
 * connection without one is closed, as is one with a malformed header or one that has not sent it whole
 * within the server's request-head timeout. See {@code docs/operations.md}.
 */
public final class ProxyProtocol {
    private static final ProxyProtocol REQUIRED = new ProxyProtocol();

    private ProxyProtocol() {
    }

    /** Every connection on the listener must start with a PROXY header (version 1 or 2). */
    public static ProxyProtocol required() {
        return REQUIRED;
    }

    /**
     * For the server's listeners: reads the header on each accepted channel within {@code timeoutMillis}, then
     * gives {@code protocol} a cleartext transport whose peer is the named client.
     */
    public ChannelAcceptor cleartext(long timeoutMillis, TransportAcceptor protocol) {
        return (channel, loop) -> ProxyHeaderReader.start(channel, loop, timeoutMillis,
                (ch, l, header, rest) -> protocol.accepted(
                        new ProxiedTransport(Transport.plain(ch), header.source(), rest), l));
    }

    /**
     * For the server's listeners: reads the header within {@code timeoutMillis}, then runs {@code tls}'s
     * handshake, starting with the bytes read past the header; {@code protocol} gets a transport whose peer
     * is the named client.
     */
    public ChannelAcceptor tls(long timeoutMillis, TlsListener tls, TransportAcceptor protocol) {
        return (channel, loop) -> ProxyHeaderReader.start(channel, loop, timeoutMillis,
                (ch, l, header, rest) -> tls.handshake(ch, l, rest, (transport, owner) -> protocol.accepted(
                        new ProxiedTransport(transport, header.source(), ByteBuffer.allocate(0)), owner)));
    }

    @Override
    public String toString() {
        return "ProxyProtocol.required()";
    }
}
