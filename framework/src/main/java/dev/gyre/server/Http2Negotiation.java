package dev.gyre.server;

import dev.gyre.connection.Protocol;
import dev.gyre.http.Headers;
import dev.gyre.http.HttpVersion;
import dev.gyre.http.Request;
import dev.gyre.http.RequestHead;
import dev.gyre.http.Response;
import dev.gyre.http.internal.ParsedHeaders;
import dev.gyre.http2.ConnectionSpecificFields;
import dev.gyre.transport.TlsInfo;
import dev.gyre.transport.internal.Transport;
import java.util.Locale;

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
        return new Http1Protocol(ctx, transport.preambleNanos());
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
        if (!request.head().upgrade() || !ctx.http2.upgrade() || request.isBodyStreamed()
                || request.version() != HttpVersion.HTTP_1_1
                || !headers.containsToken("Upgrade", "h2c") || !headers.containsToken("Connection", "HTTP2-Settings") || headers.count("HTTP2-Settings") != 1) {
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

    /**
     * The head an upgraded request has as stream 1: version HTTP/2, and without HTTP/1.1's connection-specific
     * fields, which HTTP/2 does not carry (RFC 9113 §8.2.2): {@code Connection}, {@code Keep-Alive},
     * {@code Proxy-Connection}, {@code Transfer-Encoding}, {@code Upgrade}, {@code HTTP2-Settings} and whatever
     * else {@code Connection} names (RFC 9110 §7.6.1), except {@code Host}: it is the request's authority, which
     * a {@code Connection} field cannot take away. Its body, read whole, is {@code bodyLength} long.
     */
    static RequestHead streamOne(RequestHead head, int bodyLength) {
        Headers given = head.headers();
        String[] kept = new String[2 * given.size()];
        int n = 0;
        for (int i = 0; i < given.size(); i++) {
            String name = given.name(i);
            String lower = name.toLowerCase(Locale.ROOT);
            boolean dropped = ConnectionSpecificFields.contains(lower) || lower.equals("http2-settings")
                    || given.containsToken("Connection", name);
            if (lower.equals("host") || !dropped) {
                kept[n++] = name;
                kept[n++] = given.value(i);
            }
        }
        return new RequestHead(head.method(), head.target(), head.path(), head.query(), HttpVersion.HTTP_2,
                ParsedHeaders.copyOf(kept, n / 2), head.chunked() ? bodyLength : head.contentLength(), false, true,
                head.expectContinue(), false);
    }
}
