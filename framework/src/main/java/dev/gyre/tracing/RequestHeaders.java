package dev.gyre.tracing;

import dev.gyre.http.Request;
import io.opentelemetry.context.propagation.TextMapGetter;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Lets a propagator read {@code traceparent}, {@code tracestate} and the like from a request's headers. */
enum RequestHeaders implements TextMapGetter<Request> {
    INSTANCE;

    @Override
    public Iterable<String> keys(Request request) {
        Set<String> names = new LinkedHashSet<>();
        for (int i = 0; i < request.headers().size(); i++) {
            names.add(request.headers().name(i));
        }
        return names;
    }

    @Override
    public String get(Request request, String key) {
        if (request == null) {
            return null;
        }
        List<String> values = request.headers().all(key);
        return values.isEmpty() ? null : String.join(",", values);
    }
}
