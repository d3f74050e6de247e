package dev.gyre.sample;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.zaxxer.hikari.HikariDataSource;
import dev.gyre.server.Gyre;
import dev.gyre.server.GyreServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The sample app's operations endpoints: probes, Prometheus metrics, and its proxy and metrics options. */
class SampleOperationsTest {
    private final HttpClient client = HttpClient.newHttpClient();
    private GyreServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(Duration.ofSeconds(1));
        }
    }

    private HttpResponse<String> get(String path) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create(server.url() + path)).timeout(Duration.ofSeconds(20))
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void probesAndPrometheusMetricsAreOnByDefault() throws Exception {
        server = SampleApp.start(new SampleApp.Options(0, 2, 0));
        assertEquals(200, get("/health/live").statusCode());
        assertEquals(200, get("/health/ready").statusCode());
        assertEquals(404, get("/items/1").statusCode(), "no item 1 yet");
        assertEquals("Hello, World!", get("/plaintext").body());
        HttpResponse<String> metrics = get("/metrics");
        assertEquals(200, metrics.statusCode());
        assertEquals(MetricsApi.CONTENT_TYPE, metrics.headers().firstValue("Content-Type").orElseThrow());
        String text = metrics.body();
        assertTrue(text.contains("# TYPE http_server_requests_seconds summary"), text);
        assertTrue(text.contains("http_server_requests_seconds_count{exception=\"none\",method=\"GET\","
                + "outcome=\"CLIENT_ERROR\",status=\"404\",uri=\"/items/{id}\"} 1"), text);
        assertTrue(text.contains("uri=\"/plaintext\""), text);
        assertFalse(text.contains("uri=\"/items/1\""), "never the raw path");
        assertFalse(text.contains("/health/"), "probes are not measured");
        assertTrue(text.contains("gyre_loop_lag_seconds{loop=\"1\"}"), text);
        assertTrue(text.contains("gyre_loop_busy_seconds_total{loop=\"0\"}"), text);
        assertTrue(text.contains("gyre_connections_open"), text);
        assertTrue(text.contains("jvm_memory_used_bytes"), text);
        assertFalse(get("/openapi.json").body().contains("/metrics"), "not part of the API document");
    }

    /** A scrape must get through exactly when the handlers are saturated: that is when it matters. */
    @Test
    void metricsAreServedWhileTheBlockingLimitTurnsRequestsAway() throws Exception {
        server = SampleApp.configure(Gyre.builder().port(0).loops(1).blockingLimits(1, 0)).start();
        CompletableFuture<HttpResponse<String>> held = client.sendAsync(HttpRequest.newBuilder(
                URI.create(server.url() + "/threads/blocking?sleepMs=15000")).build(), HttpResponse.BodyHandlers.ofString());
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        int turnedAway;
        do {
            Thread.sleep(50);
            turnedAway = get("/threads/blocking").statusCode();
        } while (turnedAway != 503 && System.nanoTime() < deadline);
        assertEquals(503, turnedAway, "the one blocking permit is held");
        for (int i = 0; i < 10; i++) {
            HttpResponse<String> metrics = get("/metrics");
            assertEquals(200, metrics.statusCode(), metrics.body());
            assertTrue(metrics.body().contains("status=\"503\",uri=\"/threads/blocking\""), metrics.body());
        }
        held.cancel(true);
    }

    /**
     * The doc's promise: 503 while the pool cannot hand out a connection within 1 s. Before the sample set
     * the timeout, the probe waited the framework's 2 s default; the bound here leaves a second for a loaded
     * machine.
     */
    @Test
    void readinessFailsWithinASecondWhenThePoolHasNoConnectionToGive() throws Exception {
        try (HikariDataSource pool = Database.embedded().open()) {
            assertEquals(Database.READINESS_TIMEOUT.toMillis(), pool.getValidationTimeout());
        }
        server = SampleApp.start(SampleApp.Options.parse(new String[] {"--port", "0", "--loops", "1",
                "--database-pool", "1"}, null));
        assertEquals(200, get("/health/ready").statusCode());
        CompletableFuture<HttpResponse<String>> held = client.sendAsync(HttpRequest.newBuilder(
                URI.create(server.url() + "/threads/database?sleepMs=15000")).build(), HttpResponse.BodyHandlers.ofString());
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        HttpResponse<String> ready;
        long took;
        do {
            long start = System.nanoTime();
            ready = get("/health/ready");
            took = System.nanoTime() - start;
        } while (ready.statusCode() != 503 && System.nanoTime() < deadline);
        assertEquals(503, ready.statusCode(), ready.body());
        assertTrue(took < TimeUnit.MILLISECONDS.toNanos(1_900), "the probe took " + took / 1_000_000 + " ms");
        held.cancel(true);
    }

    @Test
    void metricsCanBeTurnedOffAndProxiesTrusted() throws Exception {
        server = SampleApp.start(SampleApp.Options.parse(new String[] {"--port", "0", "--loops", "1",
                "--metrics", "off", "--trusted-proxy", "127.0.0.1", "--trusted-proxy=10.0.0.0/8"}, null));
        assertEquals(404, get("/metrics").statusCode());
        assertEquals(200, get("/health/ready").statusCode());
    }

    @Test
    void badOptionsAreRefused() {
        assertThrows(IllegalArgumentException.class,
                () -> SampleApp.Options.parse(new String[] {"--trusted-proxy", "proxy.internal"}, null));
        assertThrows(IllegalArgumentException.class,
                () -> SampleApp.Options.parse(new String[] {"--metrics", "maybe"}, null));
        SampleApp.Options options = SampleApp.Options.parse(new String[] {"--drain-delay", "5",
                "--trusted-proxy", "192.168.0.0/16"}, null);
        assertEquals(Duration.ofSeconds(5), options.drainDelay());
        assertEquals(List.of("192.168.0.0/16"), options.trustedProxies());
    }
}
