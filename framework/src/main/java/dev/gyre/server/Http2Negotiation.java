package dev.gyre.server;

import dev.gyre.connection.Protocol;
import dev.gyre.http.Request;
import dev.gyre.http.Response;
import dev.gyre.transport.TlsInfo;
import dev.gyre.transport.Transport;

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
     * For {@code Upgrade: h2c}: a 101 that continues {@code request} as stream 1, or {@code null} when the request
     * does not ask for it, the server does not offer it, or its {@code HTTP2-Settings} is bad (then it is
     * answered in HTTP/1.1 as if it had not asked).
     */
    static Response h2cUpgrade(Request request, LoopContext ctx) {
        var headers = request.headers();
        if (!ctx.http2.upgrade() || request.isBodyStreamed() || !headers.containsToken("Upgrade", "h2c")
                || headers.count("HTTP2-Settings") != 1) {
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
