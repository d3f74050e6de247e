package dev.gyre.sample;

import dev.gyre.handler.Get;
import dev.gyre.handler.RunOn;
import dev.gyre.http.Response;
import dev.gyre.openapi.Hidden;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * {@code GET /metrics}: every meter of the registry in the Prometheus text format, for a scraper. Kept out
 * of the OpenAPI document: it is for machines of the operator, not for the API's clients.
 *
 * <p>The scrape runs on its own executor ({@link #EXECUTOR}, one virtual thread, four scrapes queued at
 * most, {@code 503} beyond), not under the blocking limit: metrics matter most when the handlers are
 * saturated, and a scraper must not be turned away with the requests it is meant to count. Not on the loop
 * either: a scrape formats every meter (about 0.4 ms for the sample's 14 KB on a loaded machine, more on
 * a large registry), which would stall every connection of that loop.
 */
public final class MetricsApi {
    static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    /** The name the scrape's executor is registered under ({@link #executor()}). */
    static final String EXECUTOR = "metrics-scrape";

    private final PrometheusMeterRegistry registry;

    public MetricsApi(PrometheusMeterRegistry registry) {
        this.registry = registry;
    }

    /**
     * A new executor for scrapes: one virtual thread (so it keeps no JVM alive and costs nothing idle) and
     * a queue of four; a scrape beyond those is refused, which the server answers {@code 503}.
     */
    static Executor executor() {
        return new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS, new ArrayBlockingQueue<>(4),
                Thread.ofVirtual().name(EXECUTOR).factory());
    }

    @Get("/metrics")
    @Hidden
    @RunOn(EXECUTOR)
    public Response scrape() {
        return Response.bytes(registry.scrape().getBytes(StandardCharsets.UTF_8), CONTENT_TYPE);
    }
}
