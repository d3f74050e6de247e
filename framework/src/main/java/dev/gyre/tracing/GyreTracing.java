package dev.gyre.tracing;

import dev.gyre.observe.ExchangeObserver;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.context.Context;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.function.UnaryOperator;

/**
 * Traces requests through the OpenTelemetry API: {@code Gyre.builder().tracing(GyreTracing.of(otel))},
 * where {@code otel} is the application's SDK (or {@code GlobalOpenTelemetry.get()}). The API is an
 * optional dependency: a server built without {@code tracing(…)} runs without
 * it on the class path ({@code AbsentObservabilityLibrariesTest}). What a span holds is
 * {@link ServerSpans}'s to say.
 */
public final class GyreTracing {
    /** The instrumentation scope the spans are reported under. */
    public static final String SCOPE = "dev.gyre";

    private final ServerSpans spans;

    private GyreTracing(OpenTelemetry openTelemetry) {
        this.spans = new ServerSpans(openTelemetry.getTracer(SCOPE),
                openTelemetry.getPropagators().getTextMapPropagator());
    }

    public static GyreTracing of(OpenTelemetry openTelemetry) {
        return new GyreTracing(Objects.requireNonNull(openTelemetry, "openTelemetry"));
    }

    /** The observer that makes the spans; the builder puts it in front of the handlers. */
    public ExchangeObserver requests() {
        return spans;
    }

    /** The blocking executor, wrapped so that each task runs in the context current when it was submitted. */
    public ExecutorService propagating(ExecutorService executor) {
        return Context.taskWrapping(executor);
    }

    /** Binds a blocking handler's task to the context current when it is offered (the request's span). */
    public UnaryOperator<Runnable> capture() {
        return task -> Context.current().wrap(task);
    }
}
