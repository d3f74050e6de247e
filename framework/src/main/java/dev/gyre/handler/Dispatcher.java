package dev.gyre.handler;

import dev.gyre.http.ErrorResponse;
import dev.gyre.http.Request;
import dev.gyre.http.Response;
import dev.gyre.route.RouteMatch;
import dev.gyre.route.Router;
import dev.gyre.http.Exchange;
import dev.gyre.http.HttpHandler;
import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Routes each request and runs its handler where the route says: inline on the loop, or on the
 * blocking executor with the response travelling back to the loop through {@link Exchange#respond}.
 *
 * <p>Every outcome becomes a response: unknown path {@code 404}, wrong method {@code 405} with
 * {@code Allow}, bad input {@code 422}, an {@link HttpException} its own status, anything else
 * {@code 500} with one log line carrying the stack. The connection always gets an answer.
 */
public final class Dispatcher implements HttpHandler {
    private static final Logger log = LoggerFactory.getLogger(Dispatcher.class);

    private final Router<Route> router;
    private final Executor blocking;
    private final boolean anyStreamingRoute;

    public Dispatcher(Router<Route> router, Executor blocking, java.util.List<Route> routes) {
        this.router = router;
        this.blocking = blocking;
        this.anyStreamingRoute = routes.stream().anyMatch(Route::streamsBody);
    }

    /** Refuses an {@code Expect: 100-continue} request for a path or method no route serves. */
    @Override
    public Response screen(dev.gyre.http.RequestHead head) {
        try {
            RouteMatch<Route> match = router.match(head.method(), head.path());
            return match.found() ? null : noRoute(head.method(), match);
        } catch (IllegalArgumentException e) {
            return ErrorResponse.of(400, e.getMessage());
        }
    }

    /** Routes the head once more only when some route streams its body; free otherwise. */
    @Override
    public boolean streamsBody(dev.gyre.http.RequestHead head) {
        if (!anyStreamingRoute) {
            return false;
        }
        try {
            RouteMatch<Route> match = router.match(head.method(), head.path());
            return match.found() && match.target().streamsBody();
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    @Override
    public void handle(Exchange exchange) {
        Request request = exchange.request();
        if ("*".equals(request.target())) {
            exchange.respond("OPTIONS".equals(request.method())
                    ? allow(Response.of(204), router.allMethods())
                    : ErrorResponse.of(400, "'*' is only a target for OPTIONS"));
            return;
        }
        RouteMatch<Route> match;
        try {
            match = router.match(request.method(), request.path());
        } catch (IllegalArgumentException e) {
            exchange.respond(ErrorResponse.of(400, e.getMessage()));
            return;
        }
        if (!match.found()) {
            exchange.respond(noRoute(request.method(), match));
            return;
        }
        request.pathParams(match.pathParams());
        Route route = match.target();
        if (route.runsOnLoop()) {
            run(route, exchange);
            return;
        }
        try {
            blocking.execute(() -> run(route, exchange));
        } catch (RejectedExecutionException e) {
            exchange.respond(ErrorResponse.of(503, "server is shutting down or overloaded")
                    .header("Retry-After", "1"));
        }
    }

    private static Response noRoute(String method, RouteMatch<Route> match) {
        if (!match.methodNotAllowed()) {
            return ErrorResponse.of(404, "Not Found");
        }
        if ("OPTIONS".equals(method)) {
            return allow(Response.of(204), match.allowed());
        }
        return allow(ErrorResponse.of(405, "Method Not Allowed"), match.allowed());
    }

    private static Response allow(Response response, Set<String> methods) {
        return response.header("Allow", String.join(", ", methods));
    }

    private static void run(Route route, Exchange exchange) {
        Request request = exchange.request();
        Object result;
        try {
            result = route.invoke(request);
        } catch (Throwable t) {
            exchange.respond(failure(route, request, t));
            return;
        }
        if (route.async()) {
            if (result == null) {
                exchange.respond(failure(route, request, new NullPointerException("handler returned no CompletionStage")));
                return;
            }
            ((CompletionStage<?>) result).whenComplete((value, error) -> exchange.respond(
                    error == null ? write(route, request, value) : failure(route, request, error)));
            return;
        }
        exchange.respond(write(route, request, result));
    }

    private static Response write(Route route, Request request, Object value) {
        try {
            return route.writer().write(value);
        } catch (RuntimeException e) {
            return failure(route, request, e);
        }
    }

    /** The answer for a handler that threw; only unexpected failures are logged. */
    static Response failure(Route route, Request request, Throwable t) {
        Throwable cause = t instanceof CompletionException && t.getCause() != null ? t.getCause() : t;
        if (cause instanceof BindingException b) {
            return b.toResponse();
        }
        if (cause instanceof HttpException h) {
            return ErrorResponse.of(h.status(), h.detail());
        }
        log.error("{} failed on {}", route.describe(), request, cause);
        return ErrorResponse.of(500, "Internal Server Error");
    }
}
