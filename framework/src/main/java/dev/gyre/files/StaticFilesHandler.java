package dev.gyre.files;

import dev.gyre.handler.internal.PathFilters;
import dev.gyre.http.ErrorResponse;
import dev.gyre.http.Exchange;
import dev.gyre.http.HttpHandler;
import dev.gyre.http.Request;
import dev.gyre.http.RequestHead;
import dev.gyre.http.Response;
import dev.gyre.http.internal.Requests;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves {@link StaticFiles} at a path prefix, in front of another handler (the routes) that gets every
 * request it does not answer: so mounts compose, with each other and with anything else that wraps an
 * {@link HttpHandler}.
 *
 * <pre>
 *   loop: handle ── not GET/HEAD, or not below the prefix ─────────────────────▶ next.handle
 *            │ GET/HEAD below the prefix
 *            ▼
 *   blocking executor: decode, look up, open ── found ── loop: filters ─▶ 200 / 206 / 304 / 412 / 416
 *                                           │                        │      (see Representation)
 *                                           │                        └─ a filter refuses: its answer,
 *                                           │                           the file closed unsent
 *                                           ├─ folder without its slash ── loop: filters ─▶ 301 Location: …/
 *                                           └─ missing or refused ── loop: ───▶ next.handle
 * </pre>
 *
 * <p>Looking a file up and opening it is blocking I/O, so it runs on the blocking executor (a virtual thread
 * by default), never on the loop; the body is then sent by the loop with {@code transferTo}. A miss falls
 * through to {@code next} on the connection's loop, as if this handler were not there: a route below the
 * prefix still works, and a path that is neither gets the routes' ordinary {@code 404}. The price is one
 * file-system lookup for every {@code GET} below the prefix that no file answers, which matters only for a
 * mount at {@code /}.
 *
 * <p>What a mount answers passes through the {@linkplain PathFilters filters} of its path, as a route's
 * answer does, so an authentication filter for {@code /static} guards the files too. They run after the
 * lookup, on the loop: a miss is not this handler's answer, and the routes run the filters for it.
 */
final class StaticFilesHandler implements HttpHandler {
    private static final Logger log = LoggerFactory.getLogger(StaticFilesHandler.class);

    private final String prefix;
    private final StaticFiles files;
    private final Executor blocking;
    private final HttpHandler next;
    private final PathFilters filters;

    /**
     * @param prefix   where the files appear: {@code /} or a path such as {@code /static} of unreserved
     *                 characters (no escapes), without a trailing slash
     * @param blocking where files are looked up and opened
     * @param next     the handler for everything this one does not answer
     * @param filters  the filters registered on the server, run around each answer of this mount
     */
    StaticFilesHandler(String prefix, StaticFiles files, Executor blocking, HttpHandler next,
                       PathFilters filters) {
        this.prefix = normalise(prefix);
        this.files = Objects.requireNonNull(files, "files");
        this.blocking = Objects.requireNonNull(blocking, "blocking");
        this.next = Objects.requireNonNull(next, "next");
        this.filters = Objects.requireNonNull(filters, "filters");
    }

    @Override
    public void handle(Exchange exchange) {
        String below = below(exchange.request().method(), exchange.request().path());
        if (below == null) {
            next.handle(exchange);
            return;
        }
        Requests.routed(exchange.request(), prefix + "/**", Map.of());
        try {
            blocking.execute(() -> serve(exchange, below));
        } catch (RejectedExecutionException e) {
            exchange.respond(ErrorResponse.of(503, "server is shutting down or overloaded").header("Retry-After", "1"));
        }
    }

    /** A {@code GET} or {@code HEAD} for a file is let in; anything else is for {@code next} to judge. */
    @Override
    public Response screen(RequestHead head) {
        return below(head.method(), head.path()) != null ? null : next.screen(head);
    }

    @Override
    public boolean streamsBody(RequestHead head) {
        return next.streamsBody(head);
    }

    /**
     * Looks the file up and answers; a request whose client has gone is answered too (503, without a lookup, as
     * a blocking route whose client left while it waited), since only an answer ends what observes it (the
     * active-requests gauge, the request timer, a trace span).
     */
    private void serve(Exchange exchange, String below) {
        if (!exchange.isOpen()) {
            exchange.respond(ErrorResponse.of(503, "the client left before the file was looked up"));
            return;
        }
        Request request = exchange.request();
        try {
            String path = RequestPaths.decode(below);
            StaticFiles.Lookup lookup = path == null ? new StaticFiles.Lookup.Missing()
                    : files.lookup(path, request.header("Accept-Encoding"));
            switch (lookup) {
                case StaticFiles.Lookup.Found found -> exchange.loop().execute(() -> answer(exchange, found));
                case StaticFiles.Lookup.AddSlash addSlash -> {
                    Response redirect = Response.of(301).header("Location",
                            request.path() + "/" + (request.rawQuery() == null ? "" : "?" + request.rawQuery()));
                    exchange.loop().execute(() -> filters.answer(exchange, where(),
                            () -> CompletableFuture.completedFuture(redirect)));
                }
                case StaticFiles.Lookup.Missing missing -> exchange.loop().execute(() -> next.handle(exchange));
            }
        } catch (Exception e) {
            log.error("serving {} from static files failed", request, e);
            exchange.respond(ErrorResponse.of(500, "Internal Server Error"));
        }
    }

    /** Loop: the file's answer through the filters; a file no filter let through is closed. */
    private void answer(Exchange exchange, StaticFiles.Lookup.Found found) {
        Representation representation = found.representation();
        filters.answer(exchange, where(),
                () -> CompletableFuture.completedFuture(representation.respond(exchange.request())))
                .thenAccept(ran -> {
                    if (!ran) {
                        representation.release();
                    }
                });
    }

    private String where() {
        return "static files at " + (prefix.isEmpty() ? "/" : prefix);
    }

    /**
     * The raw path below the prefix ({@code ""} for the prefix itself, else starting with {@code /}), or
     * {@code null} when the request is not a {@code GET} or {@code HEAD} below the prefix.
     */
    private String below(String method, String rawPath) {
        if (!"GET".equals(method) && !"HEAD".equals(method) || !rawPath.startsWith(prefix)) {
            return null;
        }
        String below = rawPath.substring(prefix.length());
        return below.isEmpty() || below.charAt(0) == '/' ? below : null;
    }

    private static String normalise(String prefix) {
        Objects.requireNonNull(prefix, "prefix");
        if (prefix.equals("/")) {
            return "";
        }
        if (!prefix.matches("(/[A-Za-z0-9._~!$&'()*+,;=:@-]+)+") || prefix.contains("/.")) {
            throw new IllegalArgumentException("a static files prefix is / or /name/..., without escapes, dot "
                    + "segments or a trailing slash: " + prefix);
        }
        return prefix;
    }
}
