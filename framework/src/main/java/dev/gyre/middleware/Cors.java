package dev.gyre.middleware;

import dev.gyre.http.ErrorResponse;
import dev.gyre.http.Request;
import dev.gyre.http.Response;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.stream.Collectors;

/**
 * Cross-origin resource sharing (the Fetch standard's CORS protocol), as Starlette's
 * {@code CORSMiddleware} does it.
 *
 * <ul>
 *   <li>A preflight ({@code OPTIONS} with {@code Origin} and {@code Access-Control-Request-Method}) is
 *       answered here, without reaching a handler: {@code 204} with the allowed origin, methods, headers
 *       and max age, or {@code 400} naming what is not allowed.</li>
 *   <li>Any other request with an allowed {@code Origin} goes on, and its response gets
 *       {@code Access-Control-Allow-Origin} (plus credentials and exposed headers when configured).</li>
 *   <li>Requests without {@code Origin} pass untouched.</li>
 * </ul>
 * With credentials allowed, a wildcard origin is answered with the caller's own origin, since browsers
 * refuse {@code *} with credentials. {@code Vary: Origin} is set whenever the answer depends on it.
 */
public final class Cors implements Filter {
    private final Set<String> origins;
    private final boolean anyOrigin;
    private final Set<String> methods;
    private final Set<String> headers;
    private final boolean anyHeader;
    private final List<String> exposed;
    private final boolean credentials;
    private final Duration maxAge;

    private Cors(Builder b) {
        this.origins = Set.copyOf(b.origins);
        this.anyOrigin = origins.contains("*");
        this.methods = b.methods.stream().map(m -> m.toUpperCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet());
        this.headers = b.headers.stream().map(h -> h.toLowerCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet());
        this.anyHeader = headers.contains("*");
        this.exposed = List.copyOf(b.exposed);
        this.credentials = b.credentials;
        this.maxAge = b.maxAge;
    }

    /** Starts a configuration: nothing allowed until origins are given; methods default to the usual ones. */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    public CompletionStage<Response> filter(Request request, Next next) {
        String origin = request.header("Origin");
        if (origin == null) {
            return next.proceed();
        }
        String requestedMethod = request.header("Access-Control-Request-Method");
        if ("OPTIONS".equals(request.method()) && requestedMethod != null) {
            return CompletableFuture.completedFuture(preflight(origin, requestedMethod,
                    request.header("Access-Control-Request-Headers")));
        }
        if (!originAllowed(origin)) {
            return next.proceed();
        }
        return next.proceed().thenApply(response -> {
            allowOrigin(response, origin);
            if (!exposed.isEmpty()) {
                response.headers().set("Access-Control-Expose-Headers", String.join(", ", exposed));
            }
            return response;
        });
    }

    private Response preflight(String origin, String method, String requestedHeaders) {
        StringBuilder refused = new StringBuilder();
        if (!originAllowed(origin)) {
            refused.append(" origin");
        }
        if (!methods.contains(method.toUpperCase(Locale.ROOT))) {
            refused.append(" method");
        }
        if (requestedHeaders != null && !anyHeader && !Arrays.stream(requestedHeaders.split(","))
                .map(h -> h.trim().toLowerCase(Locale.ROOT)).filter(h -> !h.isEmpty()).allMatch(headers::contains)) {
            refused.append(" headers");
        }
        if (!refused.isEmpty()) {
            return ErrorResponse.of(400, "Disallowed CORS" + refused).header("Vary", "Origin");
        }
        Response response = Response.of(204);
        allowOrigin(response, origin);
        response.header("Access-Control-Allow-Methods", String.join(", ", methods.stream().sorted().toList()));
        if (requestedHeaders != null && !requestedHeaders.isBlank()) {
            response.header("Access-Control-Allow-Headers", anyHeader ? requestedHeaders
                    : String.join(", ", headers.stream().sorted().toList()));
        }
        response.header("Access-Control-Max-Age", Long.toString(maxAge.toSeconds()));
        return response;
    }

    private boolean originAllowed(String origin) {
        return anyOrigin || origins.contains(origin);
    }

    private void allowOrigin(Response response, String origin) {
        boolean echo = !anyOrigin || credentials;
        response.headers().set("Access-Control-Allow-Origin", echo ? origin : "*");
        if (echo) {
            response.header("Vary", "Origin");
        }
        if (credentials) {
            response.headers().set("Access-Control-Allow-Credentials", "true");
        }
    }

    /** The CORS settings; the defaults follow Starlette except for the methods, which allow the usual set. */
    public static final class Builder {
        private List<String> origins = List.of();
        private List<String> methods = List.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE");
        private List<String> headers = List.of();
        private List<String> exposed = List.of();
        private boolean credentials;
        private Duration maxAge = Duration.ofMinutes(10);

        private Builder() {
        }

        /** Exact origins such as {@code https://app.example}, or {@code *} for any. */
        public Builder allowOrigins(String... origins) {
            this.origins = List.of(origins);
            return this;
        }

        public Builder allowMethods(String... methods) {
            this.methods = List.of(methods);
            return this;
        }

        /** Request headers a page may send, or {@code *}; simple headers need not be listed. */
        public Builder allowHeaders(String... headers) {
            this.headers = List.of(headers);
            return this;
        }

        /** Response headers a page may read besides the simple ones. */
        public Builder exposeHeaders(String... headers) {
            this.exposed = List.of(headers);
            return this;
        }

        public Builder allowCredentials(boolean credentials) {
            this.credentials = credentials;
            return this;
        }

        /** How long a browser may cache a preflight answer; default 10 minutes. */
        public Builder maxAge(Duration maxAge) {
            this.maxAge = maxAge;
            return this;
        }

        public Cors build() {
            if (origins.isEmpty()) {
                throw new IllegalStateException("CORS needs allowOrigins(…): with none, it would refuse everything");
            }
            return new Cors(this);
        }
    }
}
