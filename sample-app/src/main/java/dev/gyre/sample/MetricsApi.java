package dev.gyre.sample;

import dev.gyre.handler.Get;
import dev.gyre.http.Response;
import dev.gyre.openapi.Hidden;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.nio.charset.StandardCharsets;

/**
 * {@code GET /metrics}: every meter of the registry in the Prometheus text format, for a scraper. Kept out
 * of the OpenAPI document: it is for machines of the operator, not for the API's clients. A plain
 * (blocking) method, since a scrape formats every meter and may take a while on a large registry.
 */
public final class MetricsApi {
    static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private final PrometheusMeterRegistry registry;

    public MetricsApi(PrometheusMeterRegistry registry) {
        this.registry = registry;
    }

    @Get("/metrics")
    @Hidden
    public Response scrape() {
        return Response.bytes(registry.scrape().getBytes(StandardCharsets.UTF_8), CONTENT_TYPE);
    }
}
