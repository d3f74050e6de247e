package dev.gyre.metrics;

import dev.gyre.handler.internal.BlockingLoad;
import dev.gyre.loop.EventLoop;
import dev.gyre.metrics.internal.ServerMeters;
import dev.gyre.observe.ExchangeObserver;
import dev.gyre.server.GyreServer;
import dev.gyre.ws.internal.SessionCounters;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * The server's meters in a Micrometer registry: {@code Gyre.builder().metrics(GyreMetrics.of(registry))}.
 * Micrometer is an optional dependency: a server built without {@code metrics(…)} runs without it on the
 * class path ({@code AbsentObservabilityLibrariesTest}).
 *
 * <p>Meters (the list is in {@code docs/operations.md}): the request meters of {@link RequestMeters};
 * the WebSocket meters of {@link WebSocketMeters};
 * {@code gyre.connections.open}; {@code gyre.blocking.running}, {@code gyre.blocking.queued} and
 * {@code gyre.blocking.rejected} for the blocking handlers; per loop (tag {@code loop}) the cumulative
 * {@code gyre.loop.busy} time and the sampled {@code gyre.loop.busy.ratio} and {@code gyre.loop.lag} (see
 * {@link LoopSampler}). What a loop pays: one volatile add per turn of the loop, one task a second, and
 * per request the observation of {@link RequestMeters}. Every meter is removed from the registry when
 * the server stops, so one registry can outlive several servers.
 */
public final class GyreMetrics {
    private final MeterRegistry registry;
    private final RequestMeters requests;
    private final WebSocketMeters webSockets;

    static {
        ServerMeters.install(new ServerMeters.Access() {
            @Override
            public ExchangeObserver requests(GyreMetrics metrics) {
                return metrics.requests;
            }

            @Override
            public SessionCounters webSockets(GyreMetrics metrics) {
                return metrics.webSockets;
            }

            @Override
            public AutoCloseable bind(GyreMetrics metrics, GyreServer server, List<EventLoop> loops,
                                      BlockingLoad blocking) {
                return metrics.bind(server, loops, blocking);
            }
        });
    }

    private GyreMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.requests = new RequestMeters(registry);
        this.webSockets = new WebSocketMeters(registry);
    }

    /** Meters for one server, recorded into {@code registry}; give each server its own instance. */
    public static GyreMetrics of(MeterRegistry registry) {
        return new GyreMetrics(Objects.requireNonNull(registry, "registry"));
    }

    private AutoCloseable bind(GyreServer server, List<EventLoop> loops, BlockingLoad blocking) {
        List<Meter> meters = new ArrayList<>();
        meters.add(Gauge.builder("gyre.connections.open", server, GyreServer::openConnections)
                .description("Open HTTP and WebSocket connections").register(registry));
        meters.add(Gauge.builder("gyre.blocking.running", blocking, BlockingLoad::running)
                .description("Blocking handlers running").register(registry));
        meters.add(Gauge.builder("gyre.blocking.queued", blocking, BlockingLoad::queued)
                .description("Blocking handlers waiting for a permit").register(registry));
        meters.add(FunctionCounter.builder("gyre.blocking.rejected", blocking, BlockingLoad::rejected)
                .description("Blocking requests refused with 503 because permits and queue were full")
                .register(registry));
        LoopSampler sampler = new LoopSampler(loops);
        for (EventLoop loop : loops) {
            String index = Integer.toString(loop.index());
            LoopSampler.Sample sample = sampler.sample(loop.index());
            meters.add(FunctionCounter.builder("gyre.loop.busy", loop,
                            l -> l.busyNanos() / (double) TimeUnit.SECONDS.toNanos(1))
                    .baseUnit("seconds").tag("loop", index)
                    .description("Time the loop spent working rather than waiting in select()").register(registry));
            meters.add(Gauge.builder("gyre.loop.busy.ratio", sample, LoopSampler.Sample::busyRatio)
                    .tag("loop", index).description("Share of the last second the loop spent working")
                    .register(registry));
            meters.add(Gauge.builder("gyre.loop.lag", sample, LoopSampler.Sample::lagSeconds)
                    .baseUnit("seconds").tag("loop", index)
                    .description("How long a task waited in the loop's queue, sampled each second")
                    .register(registry));
        }
        return () -> {
            sampler.close();
            requests.meters().forEach(registry::remove);
            webSockets.meters().forEach(registry::remove);
            meters.forEach(registry::remove);
        };
    }
}
