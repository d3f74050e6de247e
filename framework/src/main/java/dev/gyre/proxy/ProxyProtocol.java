package dev.gyre.proxy;

import dev.gyre.loop.ChannelAcceptor;
import dev.gyre.proxy.internal.ProxyAcceptors;
import dev.gyre.transport.internal.TlsListener;
import dev.gyre.transport.internal.Transport;
import dev.gyre.transport.internal.TransportAcceptor;
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
 * within the server's request-head timeout. The time the header took to arrive is taken from the first
 * request head's timeout, so the two together get it once. See {@code docs/operations.md}.
 */
public final class ProxyProtocol {
    private static final ProxyProtocol REQUIRED = new ProxyProtocol();

    static {
        ProxyAcceptors.install(new ProxyAcceptors.Access() {
            @Override
            public ChannelAcceptor cleartext(long timeoutMillis, TransportAcceptor protocol) {
                return ProxyProtocol.cleartext(timeoutMillis, protocol);
            }

            @Override
            public ChannelAcceptor tls(long timeoutMillis, TlsListener tls, TransportAcceptor protocol) {
                return ProxyProtocol.tls(timeoutMillis, tls, protocol);
            }
        });
    }

    private ProxyProtocol() {
    }

    /** Every connection on the listener must start with a PROXY header (version 1 or 2). */
    public static ProxyProtocol required() {
        return REQUIRED;
    }

    private static ChannelAcceptor cleartext(long timeoutMillis, TransportAcceptor protocol) {
        return (channel, loop) -> ProxyHeaderReader.start(channel, loop, timeoutMillis,
                (ch, l, header, rest, headerNanos) -> protocol.accepted(
                        new ProxiedTransport(Transport.plain(ch), header.source(), rest, headerNanos), l));
    }

    private static ChannelAcceptor tls(long timeoutMillis, TlsListener tls, TransportAcceptor protocol) {
        return (channel, loop) -> ProxyHeaderReader.start(channel, loop, timeoutMillis,
                (ch, l, header, rest, headerNanos) -> tls.handshake(ch, l, rest,
                        (transport, owner) -> protocol.accepted(new ProxiedTransport(transport, header.source(),
                                ByteBuffer.allocate(0), headerNanos), owner)));
    }

    @Override
    public String toString() {
        return "ProxyProtocol.required()";
    }
}
