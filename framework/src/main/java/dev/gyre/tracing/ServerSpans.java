package dev.gyre.tracing;

import dev.gyre.http.Request;
import dev.gyre.http.Response;
import dev.gyre.observe.ExchangeObserver;
import dev.gyre.observe.Observation;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapPropagator;
import java.net.InetSocketAddress;
import java.util.Set;

/**
 * One {@code SERVER} span per request, child of the context the propagator extracts from the headers
 * (W3C {@code traceparent} and {@code tracestate} with the usual propagator), named {@code METHOD route}
 * once a route took the request ({@code GET /items/{id}}) and plain {@code METHOD} when none did, as the
 * semantic conventions ask. Attributes follow the HTTP server conventions: {@code http.request.method},
 * {@code url.path}, {@code url.scheme}, {@code client.address} (as trusted proxies gave it),
 * {@code http.route}, {@code http.response.status_code}. A 5xx sets the span's status to {@code ERROR};
 * an exception a handler threw is recorded on it.
 *
 * <p>The method is the client's text, so only the methods the conventions know (RFC 9110's eight and
 * {@code PATCH}, case-sensitive) are used as they are. Any other is {@code _OTHER} in
 * {@code http.request.method}, {@code HTTP} in the span name ({@code HTTP /items/{id}}), and the client's
 * text, as sent, in {@code http.request.method_original}, as the conventions ask; a backend that groups
 * spans by name or method then sees a fixed set whatever clients send.
 *
 * <p>The span is current on the loop while the request is handed to the handlers, which covers
 * {@code @NonBlocking} handlers and filters' request side; a blocking handler's task carries it to its
 * virtual thread. The span ends when the response is handed to the connection.
 */
final class ServerSpans implements ExchangeObserver {
    private static final Set<String> KNOWN_METHODS =
            Set.of("CONNECT", "DELETE", "GET", "HEAD", "OPTIONS", "PATCH", "POST", "PUT", "TRACE");

    private final Tracer tracer;
    private final TextMapPropagator propagator;

    ServerSpans(Tracer tracer, TextMapPropagator propagator) {
        this.tracer = tracer;
        this.propagator = propagator;
    }

    @Override
    public boolean makesCurrent() {
        return true;
    }

    @Override
    public Observation begin(Request request) {
        Context parent = propagator.extract(Context.root(), request, RequestHeaders.INSTANCE);
        String method = request.method();
        boolean known = KNOWN_METHODS.contains(method);
        String spanMethod = known ? method : "HTTP";
        var builder = tracer.spanBuilder(spanMethod).setParent(parent).setSpanKind(SpanKind.SERVER)
                .setAttribute("http.request.method", known ? method : "_OTHER")
                .setAttribute("url.path", request.path())
                .setAttribute("url.scheme", request.scheme());
        if (!known) {
            builder.setAttribute("http.request.method_original", method);
        }
        InetSocketAddress client = request.clientAddress();
        if (client != null && client.getAddress() != null) {
            builder.setAttribute("client.address", client.getAddress().getHostAddress());
        }
        Span span = builder.startSpan();
        Context context = parent.with(span);
        return new Observation() {
            @Override
            public Scope enter() {
                return context.makeCurrent()::close;
            }

            @Override
            public void end(Request req, Response response) {
                String route = req.route();
                if (route != null) {
                    span.updateName(spanMethod + " " + route);
                    span.setAttribute("http.route", route);
                }
                span.setAttribute("http.response.status_code", response.status());
                if (req.failure() != null) {
                    span.recordException(req.failure());
                }
                if (response.status() >= 500) {
                    span.setStatus(StatusCode.ERROR);
                }
                span.end();
            }
        };
    }
}
