package dev.gyre.http;

/**
 * What the parser knows once a request's line and header section are complete: everything but the body.
 *
 * <p>Framing facts ({@link #contentLength()}, {@link #chunked()}) are already validated against
 * RFC 9112 §6 when a head is handed out, so the connection can trust them. {@link #keepAlive()} applies
 * RFC 9112 §9.3: HTTP/1.1 persists unless {@code Connection: close}; HTTP/1.0 only with
 * {@code Connection: keep-alive}.
 *
 * @param method         the method token, e.g. {@code GET}; common methods are shared constants
 * @param target         the request-target exactly as sent (origin form, or {@code *} for OPTIONS)
 * @param path           the path part of the target, still percent-encoded
 * @param query          the query part after {@code ?}, still encoded; {@code null} when there is none
 * @param version        the protocol version
 * @param headers        the header fields in order
 * @param contentLength  the declared body length, or {@code -1} when there is none or it is chunked
 * @param chunked        whether the body uses the chunked transfer coding
 * @param keepAlive      whether the client allows the connection to persist after this exchange
 * @param expectContinue whether the client sent {@code Expect: 100-continue}
 * @param upgrade        whether the client's {@code Connection} field lists {@code upgrade}, which every
 *                       protocol upgrade (WebSocket, {@code h2c}) needs (RFC 9110 §7.8); false in HTTP/2,
 *                       which has no {@code Connection} field
 */
public record RequestHead(
        String method,
        String target,
        String path,
        String query,
        HttpVersion version,
        Headers headers,
        long contentLength,
        boolean chunked,
        boolean keepAlive,
        boolean expectContinue,
        boolean upgrade) {

    /** Whether a body follows the head. */
    public boolean hasBody() {
        return chunked || contentLength > 0;
    }
}
