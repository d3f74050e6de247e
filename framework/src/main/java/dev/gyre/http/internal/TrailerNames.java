package dev.gyre.http.internal;

import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * The field names RFC 9110 §6.5.1 keeps out of trailer sections, as two lists: what the server refuses in a
 * request's trailers, and the longer list of what a handler may not send in a response's.
 *
 * <p><b>Refused on receipt</b> (the HTTP/1.1 parser answers 400, the HTTP/2 engine resets the stream with
 * PROTOCOL_ERROR, as for any other bad field): the fields whose meaning an intermediary or a later stage could
 * take from the trailers and be misled by, because they frame, route, qualify or authenticate the request:
 * <ul>
 *   <li>framing and connection: {@code Content-Length}, {@code Transfer-Encoding}, {@code Trailer}, {@code TE},
 *       {@code Connection}, {@code Keep-Alive}, {@code Proxy-Connection}, {@code Upgrade};</li>
 *   <li>routing and request modifiers (RFC 9110 §7, §10.1, §13): {@code Host}, {@code Expect},
 *       {@code Max-Forwards}, {@code Range}, {@code If-Match}, {@code If-None-Match}, {@code If-Modified-Since},
 *       {@code If-Unmodified-Since}, {@code If-Range};</li>
 *   <li>authentication and cookies (RFC 9110 §11, RFC 6265): {@code Authorization},
 *       {@code Proxy-Authorization}, {@code Cookie}.</li>
 * </ul>
 * Other fields §6.5.1 names ({@code Content-Type}, {@code Vary} …) are accepted from clients, as conformance
 * corpora expect (llhttp's "chunked body with trailer fields"): they are kept apart from the head, so nothing
 * reads them as if they were header fields.
 *
 * <p><b>Forbidden to send</b> ({@code Response.trailer} throws {@link IllegalArgumentException}): all of the
 * above, and what a client needs before the content or to cache and authenticate the response:
 * {@code WWW-Authenticate}, {@code Proxy-Authenticate}, {@code Authentication-Info},
 * {@code Proxy-Authentication-Info}, {@code Set-Cookie}; {@code Cache-Control}, {@code Expires}, {@code Age},
 * {@code Pragma}, {@code Vary}, {@code Date}, {@code Location}, {@code Retry-After} (RFC 9111 §5, RFC 9110
 * §10.2); {@code Content-Type}, {@code Content-Encoding}, {@code Content-Range}.
 *
 * <p>Names compare case-insensitively. Stateless and thread-safe.
 */
public final class TrailerNames {
    private static final Set<String> REFUSED_ON_RECEIPT = Set.of(
            "content-length", "transfer-encoding", "trailer", "te", "connection", "keep-alive",
            "proxy-connection", "upgrade",
            "host", "expect", "max-forwards", "range", "if-match", "if-none-match", "if-modified-since",
            "if-unmodified-since", "if-range",
            "authorization", "proxy-authorization", "cookie");
    private static final Set<String> FORBIDDEN_TO_SEND = union(REFUSED_ON_RECEIPT, Set.of(
            "www-authenticate", "proxy-authenticate", "authentication-info", "proxy-authentication-info",
            "set-cookie",
            "cache-control", "expires", "age", "pragma", "vary", "date", "location", "retry-after",
            "content-type", "content-encoding", "content-range"));

    private TrailerNames() {
    }

    /** Whether a request trailer of this name is refused. */
    public static boolean isRefusedOnReceipt(String name) {
        return REFUSED_ON_RECEIPT.contains(name.toLowerCase(Locale.ROOT));
    }

    /** Whether a response may not carry a trailer of this name. */
    public static boolean isForbiddenToSend(String name) {
        return FORBIDDEN_TO_SEND.contains(name.toLowerCase(Locale.ROOT));
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> all = new HashSet<>(a);
        all.addAll(b);
        return Set.copyOf(all);
    }
}
