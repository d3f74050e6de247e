package dev.gyre.tracing;

import dev.gyre.observe.ExchangeObserver;
import dev.gyre.tracing.internal.ServerTracing;
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

    static {
        ServerTracing.install(new ServerTracing.Access() {
            @Override
            public ExchangeObserver requests(GyreTracing tracing) {
                return tracing.spans;
            }

            @Override
            public ExecutorService propagating(GyreTracing tracing, ExecutorService executor) {
                return GyreTracing.propagating(executor);
            }

            @Override
            public UnaryOperator<Runnable> capture(GyreTracing tracing) {
                return GyreTracing.capture();
            }
        });
    }

    private GyreTracing(OpenTelemetry openTelemetry) {
        this.spans = new ServerSpans(openTelemetry.getTracer(SCOPE),
                openTelemetry.getPropagators().getTextMapPropagator());
    }

    public static GyreTracing of(OpenTelemetry openTelemetry) {
        return new GyreTracing(Objects.requireNonNull(openTelemetry, "openTelemetry"));
    }

    private static ExecutorService propagating(ExecutorService executor) {
        return Context.taskWrapping(executor);
    }

    private static UnaryOperator<Runnable> capture() {
        return task -> Context.current().wrap(task);
    }
}
