package dev.gyre.http2.config;

import java.util.Objects;

/**
 * How a server offers HTTP/2: ALPN {@code h2} on every TLS listener (always), and on cleartext listeners h2c by
 * prior knowledge (the client preface as the first bytes, RFC 9113 §3.3) and by {@code Upgrade: h2c}
 * (RFC 7540 §3.2), each on by default and switchable; and the limits of every HTTP/2 connection.
 *
 * @param priorKnowledge whether a cleartext connection that starts with the client preface speaks HTTP/2
 *                       (off: it gets HTTP/1.1's {@code 505})
 * @param upgrade        whether an HTTP/1.1 request with {@code Upgrade: h2c} and {@code HTTP2-Settings} is
 *                       answered {@code 101} and continued as stream 1 (off: it is answered in HTTP/1.1)
 * @param limits         the limits and SETTINGS of each connection
 */
public record Http2Options(boolean priorKnowledge, boolean upgrade, Http2Limits limits) {

    public Http2Options {
        Objects.requireNonNull(limits, "limits");
    }

    /** Both h2c paths on, {@link Http2Limits#defaults()}. */
    public static Http2Options defaults() {
        return new Http2Options(true, true, Http2Limits.defaults());
    }

    public Http2Options withPriorKnowledge(boolean on) {
        return new Http2Options(on, upgrade, limits);
    }

    public Http2Options withUpgrade(boolean on) {
        return new Http2Options(priorKnowledge, on, limits);
    }

    public Http2Options withLimits(Http2Limits newLimits) {
        return new Http2Options(priorKnowledge, upgrade, newLimits);
    }
}
