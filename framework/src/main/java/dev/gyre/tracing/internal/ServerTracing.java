package dev.gyre.tracing.internal;

import dev.gyre.http.internal.Lent;
import dev.gyre.observe.ExchangeObserver;
import dev.gyre.tracing.GyreTracing;
import java.util.concurrent.ExecutorService;
import java.util.function.UnaryOperator;

/**
 * How the builder wires a {@link GyreTracing} into the server it starts: the observer that makes the spans, and
 * the context carried to blocking handlers. An application only hands {@code GyreTracing} to the builder, so
 * these are not its methods; it lends them here when it is initialised, and this package is not exported.
 * Nothing here names OpenTelemetry, so a server without tracing never loads it. Called at start-up.
 */
public final class ServerTracing {
    private static final Lent<Access> ACCESS = new Lent<>(GyreTracing.class);

    private ServerTracing() {
    }

    /** What {@link GyreTracing} lends. */
    public interface Access {
        ExchangeObserver requests(GyreTracing tracing);

        ExecutorService propagating(GyreTracing tracing, ExecutorService executor);

        UnaryOperator<Runnable> capture(GyreTracing tracing);
    }

    /** Called once, by {@link GyreTracing}'s static initialiser. */
    public static void install(Access access) {
        ACCESS.lend(access);
    }

    /** The observer that makes the spans; the builder puts it in front of the handlers. */
    public static ExchangeObserver requests(GyreTracing tracing) {
        return ACCESS.get().requests(tracing);
    }

    /** {@code executor}, wrapped so that each task runs in the context current when it was submitted. */
    public static ExecutorService propagating(GyreTracing tracing, ExecutorService executor) {
        return ACCESS.get().propagating(tracing, executor);
    }

    /** Binds a blocking handler's task to the context current when it is offered (the request's span). */
    public static UnaryOperator<Runnable> capture(GyreTracing tracing) {
        return ACCESS.get().capture(tracing);
    }
}
