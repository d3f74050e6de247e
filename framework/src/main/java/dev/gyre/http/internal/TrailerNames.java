package dev.gyre.http.internal;

import java.util.Locale;
import java.util.Set;

/**
 * The field names a trailer section may not carry, one list for both directions and both protocols: the
 * HTTP/1.1 parser and the HTTP/2 engine refuse them in a request's trailers (400, or a stream error
 * PROTOCOL_ERROR, as for any other bad field), and {@code Response.trailer} refuses them with an
 * {@link IllegalArgumentException} on the handler's thread.
 *
 * <p>RFC 9110 §6.5.1 forbids in trailers what a recipient needs before the content or to route, frame,
 * authenticate or cache the message; the list below is its categories made concrete:
 * <ul>
 *   <li>framing and connection: {@code Content-Length}, {@code Transfer-Encoding}, {@code Trailer},
 *       {@code TE}, {@code Connection}, {@code Keep-Alive}, {@code Proxy-Connection}, {@code Upgrade};</li>
 *   <li>routing and request modifiers (RFC 9110 §7, §10.1, §13): {@code Host}, {@code Expect},
 *       {@code Max-Forwards}, {@code Range}, {@code If-Match}, {@code If-None-Match},
 *       {@code If-Modified-Since}, {@code If-Unmodified-Since}, {@code If-Range};</li>
 *   <li>authentication and cookies (RFC 9110 §11, RFC 6265): {@code Authorization},
 *       {@code Proxy-Authorization}, {@code WWW-Authenticate}, {@code Proxy-Authenticate},
 *       {@code Authentication-Info}, {@code Proxy-Authentication-Info}, {@code Cookie}, {@code Set-Cookie};</li>
 *   <li>response control data (RFC 9111 §5, RFC 9110 §10.2): {@code Cache-Control}, {@code Expires},
 *       {@code Age}, {@code Pragma}, {@code Vary}, {@code Date}, {@code Location}, {@code Retry-After};</li>
 *   <li>how to process the content: {@code Content-Type}, {@code Content-Encoding}, {@code Content-Range}.</li>
 * </ul>
 * Stateless and thread-safe.
 */
public final class TrailerNames {
    private static final Set<String> FORBIDDEN = Set.of(
            "content-length", "transfer-encoding", "trailer", "te", "connection", "keep-alive",
            "proxy-connection", "upgrade",
            "host", "expect", "max-forwards", "range", "if-match", "if-none-match", "if-modified-since",
            "if-unmodified-since", "if-range",
            "authorization", "proxy-authorization", "www-authenticate", "proxy-authenticate", "authentication-info",
            "proxy-authentication-info", "cookie", "set-cookie",
            "cache-control", "expires", "age", "pragma", "vary", "date", "location", "retry-after",
            "content-type", "content-encoding", "content-range");

    private TrailerNames() {
    }

    /** Whether RFC 9110 §6.5.1 keeps a field of this name (any case) out of trailers. */
    public static boolean isForbidden(String name) {
        return FORBIDDEN.contains(name.toLowerCase(Locale.ROOT));
    }
}
