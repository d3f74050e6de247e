package dev.gyre.handler.internal;

import dev.gyre.http.Exchange;
import dev.gyre.http.Request;
import dev.gyre.http.Response;
import dev.gyre.http.internal.Responses;
import java.io.IOException;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The filters registered on a server, for whatever answers a request outside the compiled routes: a
 * WebSocket handshake, a static file, a request no route matched. So a filter registered for a prefix
 * guards every path below it, whichever handler answers.
 *
 * <p>The filters of a path are chosen per request (routes choose theirs once, at start-up) and run as
 * for routes: outermost first, the request side on the calling thread, every failure turned into its
 * error response by the {@link ExceptionHandlers}. Immutable and thread-safe.
 */
public final class PathFilters {
    private static final Logger log = LoggerFactory.getLogger(PathFilters.class);
    private final List<FilterRegistration> registrations;
    private final ExceptionHandlers errors;

    public PathFilters(List<FilterRegistration> registrations, ExceptionHandlers errors) {
        this.registrations = List.copyOf(registrations);
        this.errors = Objects.requireNonNull(errors, "errors");
    }

    /** No filters at all: every answer passes straight through. */
    public static PathFilters none() {
        return new PathFilters(List.of(), ExceptionHandlers.defaults());
    }

    /**
     * Answers {@code exchange} with what the filters of its path make of {@code terminal}'s response. The
     * terminal is called only if every filter proceeds, so a filter that refuses (a 401 from an
     * authentication filter) keeps it from running at all; a file region in a terminal response that a
     * filter replaced is closed, since it will never be sent. Without filters for the path the terminal
     * answers directly.
     *
     * @param where names the answering handler in error logs, e.g. {@code WebSocket ChatSocket}
     * @return completes once the answer is handed to the exchange: whether the terminal ran
     */
    public CompletionStage<Boolean> answer(Exchange exchange, String where,
                                           Supplier<CompletionStage<Response>> terminal) {
        Request request = exchange.request();
        FilterChain chain = registrations.isEmpty() ? null
                : FilterChain.forPath(registrations, request.path(), errors, where);
        if (chain == null) {
            return terminal.get().handle((response, failure) -> {
                exchange.respond(orError(response, failure, request, where));
                return true;
            });
        }
        AtomicReference<Response> produced = new AtomicReference<>();
        return chain.run(request, () -> terminal.get().thenApply(response -> {
            produced.set(response);
            return response;
        })).handle((response, failure) -> {
            Response own = produced.get();
            closeIfReplaced(own, response);
            exchange.respond(orError(response, failure, request, where));
            return own != null;
        });
    }

    /** A stage that failed, or completed without a response, still answers: with its error response. */
    private Response orError(Response response, Throwable failure, Request request, String where) {
        if (response != null) {
            return response;
        }
        return errors.respond(failure != null ? failure : new NullPointerException("a stage completed without a response"),
                request, where);
    }

    /**
     * Closes the file of the response a terminal produced when a filter sent another one instead (or the
     * chain failed): that file will never be sent, and nothing else would close it.
     */
    static void closeIfReplaced(Response produced, Response sent) {
        if (produced == null || produced == sent || Responses.file(produced) == null) {
            return;
        }
        try {
            Responses.file(produced).channel().close();
        } catch (IOException e) {
            log.debug("closing the file of a replaced response", e);
        }
    }
}
