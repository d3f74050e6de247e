package dev.gyre.handler.internal;

import dev.gyre.handler.BlockingLimits;
import dev.gyre.handler.RunOn;
import dev.gyre.http.ErrorResponse;
import dev.gyre.http.Exchange;
import dev.gyre.http.HttpHandler;
import dev.gyre.http.Request;
import dev.gyre.http.RequestHead;
import dev.gyre.http.Response;
import dev.gyre.http.internal.DirectResponder;
import dev.gyre.http.internal.Requests;
import dev.gyre.loop.BlockedLoopWatchdog;
import dev.gyre.loop.EventLoop;
import dev.gyre.route.RouteMatch;
import dev.gyre.route.Router;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Routes each request and runs its handler where the route says: inline on the loop, or on the
 * blocking executor (through the {@link BlockingLimiter}) with the response travelling back to the
 * loop through {@link Exchange#respond}.
 *
 * <pre>
 *   handle ─▶ route ─┬─ no filters, @NonBlocking ──▶ invoke inline ─────────────┐
 *                    │                        └─ a value of bytes, the protocol's own exchange:
 *                    │                           its parts straight to the encoder, no Response
 *                    ├─ no filters, CompletionStage ▶ invoke inline, await stage ┤
 *                    ├─ no filters, blocking ──▶ limiter ─▶ executor: invoke ────┤─▶ respond ─▶ after-work
 *                    │                            └─ full: 503 + Retry-After ────┤   (tasks, closing
 *                    └─ filters ─▶ chain on the loop ─▶ one of the three above ──┘    dependencies)
 * </pre>
 * A blocking route with {@link RunOn} goes to its named executor instead of the limiter; a refusal
 * there is the same {@code 503}.
 *
 * <p>Every outcome becomes a response: unknown path {@code 404}, wrong method {@code 405} with
 * {@code Allow}, a failure whatever {@link ExceptionHandlers} says. The connection always gets an
 * answer. Routes without filters, parameters or after-work take the first line and pay nothing for
 * those features; the watchdog, when on, costs two stores around inline work. On that line a {@code String},
 * {@code byte[]} or JSON value answering the protocol's own exchange, or an observed one that still takes
 * parts (see {@link DirectResponder}) is sent as its status, field and bytes, without a {@code Response}.
 */
public final class Dispatcher implements HttpHandler {
    private static final Logger log = LoggerFactory.getLogger(Dispatcher.class);

    private final Router<Route> router;
    private final Executor blocking;
    private final BlockingLimiter limiter;
    private final ExceptionHandlers errors;
    private final PathFilters unroutedFilters;
    private final BlockedLoopWatchdog watchdog;
    private final boolean anyStreamingRoute;

    /**
     * @param blocking the executor for blocking handlers and after-response work
     * @param filters  every filter registration, to run around requests no route matched
     * @param watchdog told which route runs inline on a loop; {@code null} when off
     * @param capture  applied on the loop to each blocking task as it is offered, to carry the loop's
     *                 current context (a span) to the thread that runs it; {@code UnaryOperator.identity()}
     *                 when nothing needs carrying
     */
    public Dispatcher(Router<Route> router, Executor blocking, BlockingLimits limits, ExceptionHandlers errors,
                      List<FilterRegistration> filters, BlockedLoopWatchdog watchdog, UnaryOperator<Runnable> capture) {
        this.router = router;
        this.blocking = blocking;
        this.limiter = new BlockingLimiter(blocking, limits, capture);
        this.errors = errors;
        this.unroutedFilters = new PathFilters(filters, errors);
        this.watchdog = watchdog;
        this.anyStreamingRoute = router.targets().stream().anyMatch(Route::streamsBody);
    }

    /** How busy the blocking handlers are. */
    public BlockingLoad blockingLoad() {
        return limiter;
    }

    /** Refuses an {@code Expect: 100-continue} request for a path or method no route serves. */
    @Override
    public Response screen(RequestHead head) {
        try {
            RouteMatch<Route> match = router.match(head.method(), head.path());
            return match.found() ? null : noRoute(head.method(), match);
        } catch (IllegalArgumentException e) {
            return ErrorResponse.of(400, e.getMessage());
        }
    }

    /** Routes the head once more only when some route streams its body; free otherwise. */
    @Override
    public boolean streamsBody(RequestHead head) {
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
            unrouted(exchange, noRoute(request, match));
            return;
        }
        Route route = match.target();
        Requests.routed(request, route.template().text(), match.pathParams());
        Invocation invocation = route.hasParameters() ? new Invocation(request) : null;
        HandlerDeadline deadline = HandlerDeadline.arm(exchange, route);
        if (route.filters() != null) {
            filtered(route, exchange, invocation, deadline);
            return;
        }
        dispatch(route, exchange, request, invocation, deadline);
    }

    /** The unfiltered paths: no future is made for a handler that answers inline. */
    private void dispatch(Route route, Exchange exchange, Request request, Invocation invocation,
                          HandlerDeadline deadline) {
        if (!route.runsOnLoop()) {
            if (!submit(route, () -> finish(exchange, callBlocking(exchange, route, request, invocation, deadline),
                    invocation))) {
                exchange.respond(overloaded());
            }
        } else if (route.async()) {
            EventLoop loop = enter(exchange, route);
            try {
                deadlined(callAsync(route, request, invocation), deadline)
                        .whenComplete((response, t) -> settle(exchange, response, t, invocation, route));
            } finally {
                exit(loop);
            }
        } else {
            EventLoop loop = enter(exchange, route);
            Response response;
            try {
                response = exchange instanceof DirectResponder direct ? callDirect(route, request, invocation, direct)
                        : call(route, request, invocation);
            } finally {
                exit(loop);
            }
            if (response != null) {
                finish(exchange, response, invocation);
            }
        }
    }

    private void filtered(Route route, Exchange exchange, Invocation invocation, HandlerDeadline deadline) {
        Request request = exchange.request();
        EventLoop loop = enter(exchange, route);
        try {
            AtomicReference<Response> produced = new AtomicReference<>();
            route.filters().run(request, () -> execute(exchange, route, request, invocation, deadline)
                            .thenApply(response -> {
                                produced.set(response);
                                return response;
                            }))
                    .whenComplete((response, t) -> {
                        PathFilters.closeIfReplaced(produced.get(), response);
                        settle(exchange, response, t, invocation, route);
                    });
        } finally {
            exit(loop);
        }
    }

    /** The end of a filter chain: the handler, where it belongs. */
    private CompletionStage<Response> execute(Exchange exchange, Route route, Request request, Invocation invocation,
                                              HandlerDeadline deadline) {
        if (route.runsOnLoop()) {
            return route.async() ? deadlined(callAsync(route, request, invocation), deadline)
                    : CompletableFuture.completedFuture(call(route, request, invocation));
        }
        CompletableFuture<Response> done = new CompletableFuture<>();
        if (!submit(route, () -> done.complete(callBlocking(exchange, route, request, invocation, deadline)))) {
            return CompletableFuture.completedFuture(overloaded());
        }
        return done;
    }

    /**
     * Hands a blocking handler's task to its executor: the one its {@link RunOn} names, whose own queue bounds
     * it, else the default one through the limiter; false when either refuses.
     */
    private boolean submit(Route route, Runnable task) {
        Executor named = route.runOn();
        if (named == null) {
            return limiter.tryExecute(task);
        }
        try {
            named.execute(task);
            return true;
        } catch (RejectedExecutionException e) {
            return false;
        }
    }

    private void unrouted(Exchange exchange, Response response) {
        unroutedFilters.answer(exchange, "unrouted " + exchange.request(),
                () -> CompletableFuture.completedFuture(response));
    }

    /**
     * Runs a blocking handler under its deadline, if it has one: not at all when its client has gone or the
     * deadline passed while it waited for a thread (under overload, the queue does not spend threads on answers
     * nobody will read); a late answer is replaced by the 503 the deadline already sent (the exchange
     * takes only its first answer), so only its after-work still runs.
     */
    private Response callBlocking(Exchange exchange, Route route, Request request, Invocation invocation,
                                  HandlerDeadline deadline) {
        if (!exchange.isOpen()) {
            return ErrorResponse.of(503, "the client left while the request waited for a thread");
        }
        if (deadline == null) {
            return call(route, request, invocation);
        }
        if (!deadline.running()) {
            return ErrorResponse.of(503, "the handler did not start in time");
        }
        Response response = call(route, request, invocation);
        deadline.done();
        return response;
    }

    /** Disarms the deadline when an asynchronous handler's stage completes. */
    private static CompletionStage<Response> deadlined(CompletionStage<Response> stage, HandlerDeadline deadline) {
        return deadline == null ? stage : stage.whenComplete((response, failure) -> deadline.done());
    }

    /** Runs a handler that returns a value; any failure becomes its response. */
    private Response call(Route route, Request request, Invocation invocation) {
        try {
            return route.respond(route.invoke(invocation), invocation);
        } catch (Throwable t) {
            return errors.respond(t, request, route.toString());
        }
    }

    /**
     * Runs a handler on the loop of an exchange that takes a response's parts: its value goes out without a
     * {@code Response} when the route can send it so ({@link Route#send}), and {@code null} is returned; else the
     * response to send, as {@link #call} gives it.
     */
    private Response callDirect(Route route, Request request, Invocation invocation, DirectResponder direct) {
        try {
            Object result = route.invoke(invocation);
            return route.send(result, invocation, direct) ? null : route.respond(result, invocation);
        } catch (Throwable t) {
            return errors.respond(t, request, route.toString());
        }
    }

    /** Runs a handler that returns a {@code CompletionStage}; the stage completes with the response. */
    private CompletionStage<Response> callAsync(Route route, Request request, Invocation invocation) {
        Object stage;
        try {
            stage = route.invoke(invocation);
        } catch (Throwable t) {
            return CompletableFuture.completedFuture(errors.respond(t, request, route.toString()));
        }
        if (stage == null) {
            return CompletableFuture.completedFuture(errors.respond(
                    new NullPointerException("handler returned no CompletionStage"), invocation.request(),
                    route.toString()));
        }
        return ((CompletionStage<?>) stage).handle((value, failure) -> {
            if (failure != null) {
                return errors.respond(failure, request, route.toString());
            }
            try {
                return route.respond(value, invocation);
            } catch (Throwable e) {
                return errors.respond(e, request, route.toString());
            }
        });
    }

    /**
     * Sends what a stage completed with. Every stage here is guarded to complete with a response; one that
     * fails anyway (an {@code Error} past the guards) still answers, with a 500.
     */
    private void settle(Exchange exchange, Response response, Throwable failure, Invocation invocation,
                        Object where) {
        finish(exchange, response != null ? response : errors.respond(
                failure != null ? failure : new NullPointerException("a stage completed without a response"),
                exchange.request(), String.valueOf(where)), invocation);
    }

    /**
     * Sends the response; work that must follow it (background tasks, closing request-scoped values)
     * starts on the blocking executor once the connection reports the response's last byte sent, or the
     * connection gone.
     */
    private void finish(Exchange exchange, Response response, Invocation invocation) {
        if (invocation != null && invocation.hasAfterWork()) {
            exchange.onComplete(() -> afterResponse(exchange, invocation));
        }
        exchange.respond(response);
    }

    private void afterResponse(Exchange exchange, Invocation invocation) {
        try {
            blocking.execute(invocation::finish);
        } catch (RejectedExecutionException e) {
            log.debug("executor refused after-work of {} (stopping); running it here", exchange.request());
            invocation.finish();
        }
    }

    private EventLoop enter(Exchange exchange, Route route) {
        if (watchdog == null) {
            return null;
        }
        EventLoop loop = EventLoop.of(exchange.loop());
        watchdog.enter(loop, route.toString());
        return loop;
    }

    private void exit(EventLoop loop) {
        if (loop != null) {
            watchdog.exit(loop);
        }
    }

    private static Response overloaded() {
        return ErrorResponse.of(503, "too many blocking requests in progress; retry later")
                .header("Retry-After", "1");
    }

    private static Response noRoute(Request request, RouteMatch<Route> match) {
        return noRoute(request.method(), match);
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
}
