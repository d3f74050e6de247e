package dev.gyre.health.internal;

import dev.gyre.health.HealthCheck;
import dev.gyre.health.HealthOptions;
import dev.gyre.http.Exchange;
import dev.gyre.http.HttpHandler;
import dev.gyre.http.RequestHead;
import dev.gyre.http.Response;
import dev.gyre.json.internal.JsonStrings;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Answers the liveness and readiness probes in front of every other handler (so probes pass no filter,
 * are not routed, and are not in the OpenAPI document, the access log, the metrics or the traces), and
 * hands every other request on.
 *
 * <pre>
 *   GET live  ─▶ loops alive? ─ yes ─▶ 200 {"status":"UP"}
 *                            └─ no ──▶ 503 {"status":"DOWN","reason":…}
 *   GET ready ─▶ state reason? ─ draining / starting / loop died ─▶ 503 {"status":"DOWN","reason":…}
 *                  └─ none ─▶ every check on its own virtual thread, each under the timeout
 *                               └─ all up ─▶ 200 {"status":"UP","checks":{…}}  any down ─▶ 503, same shape
 * </pre>
 *
 * <p>Liveness fails only when a loop has died: that server can no longer serve its share of connections,
 * and only a restart mends it. A failing check or a drain makes the server unready, never dead. The
 * answers carry {@code Cache-Control: no-store}. Only {@code GET} and {@code HEAD} are probes; other
 * methods on those paths go on to the routes.
 */
public final class HealthHandler implements HttpHandler {
    private final HttpHandler next;
    private final HealthOptions options;
    private final Map<String, HealthCheck> checks;
    private final ServerState state;

    public HealthHandler(HttpHandler next, HealthOptions options, Map<String, HealthCheck> checks,
                         ServerState state) {
        this.next = next;
        this.options = options;
        this.checks = Map.copyOf(checks);
        this.state = state;
    }

    @Override
    public void handle(Exchange exchange) {
        String probe = probe(exchange.request().method(), exchange.request().path());
        if (probe == null) {
            next.handle(exchange);
        } else if (probe.equals(options.livePath())) {
            exchange.respond(state.loopsAlive() ? answer(200, "UP", null, Map.of())
                    : answer(503, "DOWN", "an event loop has died", Map.of()));
        } else {
            ready(exchange);
        }
    }

    private void ready(Exchange exchange) {
        String reason = state.notReadyReason();
        if (reason != null) {
            exchange.respond(answer(503, "DOWN", reason, Map.of()));
            return;
        }
        if (checks.isEmpty()) {
            exchange.respond(answer(200, "UP", null, Map.of()));
            return;
        }
        Map<String, CompletableFuture<String>> runs = new LinkedHashMap<>();
        checks.keySet().stream().sorted().forEach(name ->
                runs.put(name, CheckRun.start(name, checks.get(name), options.checkTimeout())));
        CompletableFuture.allOf(runs.values().toArray(CompletableFuture[]::new)).whenComplete((ignored, t) -> {
            Map<String, String> reasons = new LinkedHashMap<>();
            boolean up = true;
            for (Map.Entry<String, CompletableFuture<String>> run : runs.entrySet()) {
                String down = run.getValue().join();
                reasons.put(run.getKey(), down);
                up &= down == null;
            }
            String drained = state.notReadyReason();
            exchange.respond(answer(up && drained == null ? 200 : 503, up && drained == null ? "UP" : "DOWN",
                    drained, reasons));
        });
    }

    private String probe(String method, String path) {
        if (!"GET".equals(method) && !"HEAD".equals(method)) {
            return null;
        }
        return path.equals(options.livePath()) || path.equals(options.readyPath()) ? path : null;
    }

    /** {@code {"status":…,"reason":…,"checks":{"name":{"status":…,"reason":…}}}}, reasons only when down. */
    private static Response answer(int status, String overall, String reason, Map<String, String> checkReasons) {
        StringBuilder json = new StringBuilder(64).append("{\"status\":\"").append(overall).append('"');
        if (reason != null) {
            json.append(",\"reason\":");
            JsonStrings.quote(reason, json);
        }
        if (!checkReasons.isEmpty()) {
            json.append(",\"checks\":{");
            String comma = "";
            for (Map.Entry<String, String> check : checkReasons.entrySet()) {
                json.append(comma);
                JsonStrings.quote(check.getKey(), json);
                json.append(":{\"status\":\"").append(check.getValue() == null ? "UP" : "DOWN").append('"');
                if (check.getValue() != null) {
                    json.append(",\"reason\":");
                    JsonStrings.quote(check.getValue(), json);
                }
                json.append('}');
                comma = ",";
            }
            json.append('}');
        }
        json.append('}');
        return Response.of(status).header("Content-Type", "application/json")
                .header("Cache-Control", "no-store")
                .body(json.toString().getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public Response screen(RequestHead head) {
        return probe(head.method(), head.path()) != null ? null : next.screen(head);
    }

    @Override
    public boolean streamsBody(RequestHead head) {
        return probe(head.method(), head.path()) == null && next.streamsBody(head);
    }
}
