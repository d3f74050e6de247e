package dev.gyre.middleware;

import dev.gyre.http.ErrorResponse;
import dev.gyre.http.Request;
import dev.gyre.http.Response;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Answers every request that came over cleartext with {@code 308 Permanent Redirect} to the same host and
 * target over HTTPS; requests over TLS go on. Register it outermost on a server with a cleartext and a TLS
 * listener, and the cleartext port does nothing else. 308 keeps the method and body (RFC 9110 §15.4.9),
 * so a POST is redirected as a POST.
 *
 * <p>The host comes from the request's {@code Host}, its port replaced by the HTTPS one (left out when 443).
 * A request without a usable {@code Host} (missing, or not a host name or address) gets {@code 400}
 * rather than a redirect to somewhere the client did not name.
 */
public final class HttpsRedirect implements Filter {
    private final int httpsPort;

    private HttpsRedirect(int httpsPort) {
        this.httpsPort = httpsPort;
    }

    /** Redirects to HTTPS on {@code httpsPort}. */
    public static HttpsRedirect toPort(int httpsPort) {
        if (httpsPort < 1 || httpsPort > 65535) {
            throw new IllegalArgumentException("port out of range: " + httpsPort);
        }
        return new HttpsRedirect(httpsPort);
    }

    @Override
    public CompletionStage<Response> filter(Request request, Next next) {
        if (request.tls().isPresent()) {
            return next.proceed();
        }
        String host = hostName(request.header("Host"));
        if (host == null) {
            return CompletableFuture.completedFuture(ErrorResponse.of(400, "a Host header naming the server is needed"));
        }
        String location = "https://" + host + (httpsPort == 443 ? "" : ":" + httpsPort) + request.target();
        return CompletableFuture.completedFuture(Response.of(308).header("Location", location));
    }

    /** The host of a {@code Host} value without its port, or {@code null} when it is not a plain host. */
    static String hostName(String hostHeader) {
        if (hostHeader == null || hostHeader.isEmpty()) {
            return null;
        }
        String host;
        if (hostHeader.startsWith("[")) {
            int close = hostHeader.indexOf(']');
            if (close < 0) {
                return null;
            }
            host = hostHeader.substring(0, close + 1);
            return host.substring(1, close).chars().allMatch(c -> Character.digit(c, 16) >= 0 || c == ':' || c == '.')
                    ? host : null;
        }
        int colon = hostHeader.indexOf(':');
        host = colon >= 0 ? hostHeader.substring(0, colon) : hostHeader;
        return !host.isEmpty() && host.chars().allMatch(c -> c < 128 && (Character.isLetterOrDigit(c)
                || c == '-' || c == '.')) ? host : null;
    }
}
