package dev.gyre.middleware;

import dev.gyre.http.Request;
import dev.gyre.http.Response;
import java.time.Duration;
import java.util.concurrent.CompletionStage;

/**
 * Adds {@code Strict-Transport-Security} (RFC 6797) to responses sent over TLS, so that browsers use HTTPS
 * only for the host from then on. Responses over cleartext never carry it (§7.2: a browser ignores it
 * there, and it would tell a man in the middle nothing he may not strip). A header the handler set is kept.
 *
 * <pre>{@code builder.filter(Hsts.maxAge(Duration.ofDays(365)).includeSubDomains())}</pre>
 */
public final class Hsts implements Filter {
    static final String HEADER = "Strict-Transport-Security";

    private final long maxAgeSeconds;
    private final boolean includeSubDomains;
    private final boolean preload;
    private final String value;

    private Hsts(long maxAgeSeconds, boolean includeSubDomains, boolean preload) {
        this.maxAgeSeconds = maxAgeSeconds;
        this.includeSubDomains = includeSubDomains;
        this.preload = preload;
        this.value = "max-age=" + maxAgeSeconds + (includeSubDomains ? "; includeSubDomains" : "")
                + (preload ? "; preload" : "");
    }

    /** How long browsers remember to use HTTPS only; 0 tells them to forget. */
    public static Hsts maxAge(Duration maxAge) {
        if (maxAge.isNegative()) {
            throw new IllegalArgumentException("max-age cannot be negative: " + maxAge);
        }
        return new Hsts(maxAge.toSeconds(), false, false);
    }

    /** The rule covers every subdomain too. */
    public Hsts includeSubDomains() {
        return new Hsts(maxAgeSeconds, true, preload);
    }

    /** Asks to be put on the browsers' built-in list (hstspreload.org wants a year and subdomains). */
    public Hsts preload() {
        return new Hsts(maxAgeSeconds, includeSubDomains, true);
    }

    /** The header value sent. */
    public String value() {
        return value;
    }

    @Override
    public CompletionStage<Response> filter(Request request, Next next) {
        if (request.tls().isEmpty()) {
            return next.proceed();
        }
        return next.proceed().thenApply(response -> {
            if (!response.headers().contains(HEADER)) {
                response.headers().set(HEADER, value);
            }
            return response;
        });
    }
}
