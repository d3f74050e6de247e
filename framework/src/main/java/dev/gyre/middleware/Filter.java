package dev.gyre.middleware;

import dev.gyre.http.Request;
import dev.gyre.http.Response;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Code around handlers: Starlette's middleware, Netty's handler. A filter sees the request, decides
 * whether to call {@link Next#proceed()}, and may change the response that comes back.
 *
 * <p>Registered on the builder, for every route ({@code filter(f)}) or for a path prefix
 * ({@code filter("/api", f)}); the first registered is the outermost. A route without filters pays
 * nothing for the feature.
 *
 * <p>Where it runs: the request side on the event loop, the response side on the thread that produced
 * the response (the loop, or the handler's virtual thread). So a filter must not block; it may compute
 * (compress, sign, log). {@link Next#proceed()} never completes exceptionally: a failing handler has
 * already become its error response (404, 422, 500, …), so filters see every answer the client gets.
 */
@FunctionalInterface
public interface Filter {

    CompletionStage<Response> filter(Request request, Next next);

    /** A filter that runs {@code before} first; a non-null response it returns answers the request. */
    static Filter before(Before before) {
        Objects.requireNonNull(before, "before");
        return (request, next) -> {
            Response early = before.before(request);
            return early != null ? CompletableFuture.completedFuture(early) : next.proceed();
        };
    }

    /** A filter that lets {@code after} change or replace every response on its way out. */
    static Filter after(After after) {
        Objects.requireNonNull(after, "after");
        return (request, next) -> next.proceed().thenApply(response -> after.after(request, response));
    }

    /** The request side of a filter. */
    @FunctionalInterface
    interface Before {
        /** Returns {@code null} to go on to the handler, or the response to answer with instead. */
        Response before(Request request);
    }

    /** The response side of a filter. */
    @FunctionalInterface
    interface After {
        /** Returns the response to send: {@code response} itself, changed or not, or another one. */
        Response after(Request request, Response response);
    }
}
