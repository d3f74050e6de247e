package dev.gyre.server;

import dev.gyre.connection.Protocol;
import dev.gyre.http.HttpVersion;
import dev.gyre.http.Request;
import dev.gyre.http.Response;
import dev.gyre.transport.TlsInfo;
import dev.gyre.transport.internal.Transport;

/**
 * The ways onto {@link Http2Protocol} that are decided before HTTP/2 speaks: ALPN {@code h2} at accept, and the
 * {@code Upgrade: h2c} request of HTTP/1.1 (RFC 7540 §3.2). The third way, the client preface on a cleartext
 * connection, is {@link Http1Protocol}'s to see ({@link Http2Preface}). Stateless; loop thread.
 */
final class Http2Negotiation {

    private Http2Negotiation() {
    }

    /** The protocol an accepted connection starts with: HTTP/2 when the TLS handshake chose {@code h2}, else HTTP/1.1. */
    static Protocol firstProtocol(Transport transport, LoopContext ctx) {
        TlsInfo tls = transport.tls();
        if (tls != null && "h2".equals(tls.applicationProtocol())) {
            return new Http2Protocol(ctx, true);
        }
        return new Http1Protocol(ctx);
    }

    /**
     * For {@code Upgrade: h2c} on a cleartext connection (the caller's to check: over TLS h2c is not offered,
     * RFC 9113 §3.2): a 101 that continues {@code request} as stream 1, or {@code null} when the request does
     * not ask for it in full (HTTP/1.1, {@code Upgrade: h2c}, {@code Connection: Upgrade, HTTP2-Settings} and
     * one {@code HTTP2-Settings}, RFC 7540 §3.2 and §3.2.1), the server does not offer it, or its
     * {@code HTTP2-Settings} is bad; then it is answered in HTTP/1.1 as if it had not asked.
     */
    static Response h2cUpgrade(Request request, LoopContext ctx) {
        var headers = request.headers();
        if (!ctx.http2.upgrade() || request.isBodyStreamed() || request.version() != HttpVersion.HTTP_1_1
                || !headers.containsToken("Upgrade", "h2c") || !headers.containsToken("Connection", "Upgrade")
                || !headers.containsToken("Connection", "HTTP2-Settings") || headers.count("HTTP2-Settings") != 1) {
            return null;
        }
        Http2Protocol protocol = new Http2Protocol(ctx, true);
        try {
            protocol.acceptUpgrade(request, headers.get("HTTP2-Settings"));
        } catch (IllegalArgumentException e) {
            return null;
        }
        return Response.of(101).header("Connection", "Upgrade").header("Upgrade", "h2c").upgrade(context -> protocol);
    }
}
