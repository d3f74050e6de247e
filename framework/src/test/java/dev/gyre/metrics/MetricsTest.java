package dev.gyre.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gyre.files.StaticFiles;
import dev.gyre.handler.Body;
import dev.gyre.handler.Get;
import dev.gyre.handler.NonBlocking;
import dev.gyre.handler.PathParam;
import dev.gyre.handler.Post;
import dev.gyre.http.Request;
import dev.gyre.http.Response;
import dev.gyre.sse.ServerSentEvents;
import dev.gyre.server.Gyre;
import dev.gyre.server.GyreServer;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.DoubleSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The meters a running server records, read back from a Micrometer registry after real requests. */
class MetricsTest {
    private final HttpClient client = HttpClient.newHttpClient();
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private GyreServer server;

    public static final class Routes {
        final CountDownLatch release = new CountDownLatch(1);
        final CountDownLatch entered = new CountDownLatch(1);

        @Get("/items/{id}")
        public String item(@PathParam long id) {
            return "item " + id;
        }

        @Get("/hello")
        @NonBlocking
        public String hello() {
            return "hello";
        }

        @Get("/boom")
        @NonBlocking
        public String boom() {
            throw new IllegalStateException("boom");
        }

        @Post("/echo")
        @NonBlocking
        public byte[] echo(@Body byte[] body) {
            return body;
        }

        @Get("/wait")
        public String await() throws InterruptedException {
            entered.countDown();
            release.await(30, TimeUnit.SECONDS);
            return "done";
        }

        @Get("/events")
        @NonBlocking
        public Response events(Request request) {
            return ServerSentEvents.stream(request, stream -> stream.send("hello"));
        }

        @Get("/stall")
        @NonBlocking
        public String stall() throws InterruptedException {
            Thread.sleep(2_500);
            return "stalled";
        }
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(Duration.ofSeconds(1));
        }
    }

    private GyreServer start(Routes routes) {
        server = Gyre.builder().port(0).loops(2).noWatchdog().handlers(routes).blockingLimits(1, 0)
                .metrics(GyreMetrics.of(registry)).start();
        return server;
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return client.send(request.timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(URI.create(server.url() + path)));
    }

    private Timer timer(String uri, String status) {
        return registry.find("http.server.requests").tag("uri", uri).tag("status", status).timer();
    }

    @Test
    void requestsAreTimedByRouteTemplateNeverByPath() throws Exception {
        start(new Routes());
        assertEquals("item 1", get("/items/1").body());
        assertEquals("item 2", get("/items/2").body());
        assertEquals(404, get("/nowhere/3").statusCode());
        assertEquals(500, get("/boom").statusCode());
        Timer items = timer("/items/{id}", "200");
        assertNotNull(items, registry.getMetersAsString());
        assertEquals(2, items.count());
        assertEquals("GET", items.getId().getTag("method"));
        assertEquals("SUCCESS", items.getId().getTag("outcome"));
        assertEquals("none", items.getId().getTag("exception"));
        assertTrue(items.totalTime(TimeUnit.NANOSECONDS) > 0);
        Timer missing = timer("NOT_FOUND", "404");
        assertEquals(1, missing.count());
        assertEquals("CLIENT_ERROR", missing.getId().getTag("outcome"));
        Timer boom = timer("/boom", "500");
        assertEquals("SERVER_ERROR", boom.getId().getTag("outcome"));
        assertEquals("IllegalStateException", boom.getId().getTag("exception"));
        for (Meter m : registry.find("http.server.requests").meters()) {
            String uri = m.getId().getTag("uri");
            assertTrue(!uri.contains("/items/1") && !uri.contains("nowhere"), "a raw path became a tag: " + uri);
        }
    }

    @Test
    void madeUpMethodsShareOneTag() throws Exception {
        start(new Routes());
        try (Socket socket = new Socket("127.0.0.1", server.port())) {
            OutputStream out = socket.getOutputStream();
            out.write("BREW /items/1 HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
            assertTrue(answer.startsWith("HTTP/1.1 405"), answer);
        }
        assertNotNull(registry.find("http.server.requests").tag("method", "UNKNOWN").tag("status", "405").timer(),
                registry.getMetersAsString());
        assertNull(registry.find("http.server.requests").tag("method", "BREW").timer());
    }

    @Test
    void aHeadAnswerSendsNoBodyBytes() throws Exception {
        start(new Routes());
        HttpResponse<String> head = send(HttpRequest.newBuilder(URI.create(server.url() + "/items/1"))
                .method("HEAD", HttpRequest.BodyPublishers.noBody()));
        assertEquals(200, head.statusCode());
        assertNotNull(registry.find("http.server.requests").tag("method", "HEAD").timer(), registry.getMetersAsString());
        assertEquals(0.0, registry.get("http.server.bytes.sent").functionCounter().count());
    }

    /** A value route on the loop is answered as parts through the meters; it is metered as its response would be. */
    @Test
    void anAnswerSentAsPartsIsMeteredLikeAResponse() throws Exception {
        start(new Routes());
        assertEquals("hello", get("/hello").body());
        assertEquals("hello", get("/hello").body());
        HttpResponse<String> head = send(HttpRequest.newBuilder(URI.create(server.url() + "/hello"))
                .method("HEAD", HttpRequest.BodyPublishers.noBody()));
        assertEquals(200, head.statusCode());
        assertEquals("5", head.headers().firstValue("Content-Length").orElseThrow());
        Timer hello = timer("/hello", "200");
        assertNotNull(hello, registry.getMetersAsString());
        assertEquals(2, registry.find("http.server.requests").tag("uri", "/hello").tag("method", "GET").timer().count());
        assertEquals(1, registry.find("http.server.requests").tag("uri", "/hello").tag("method", "HEAD").timer().count());
        assertEquals("SUCCESS", hello.getId().getTag("outcome"));
        assertTrue(hello.totalTime(TimeUnit.NANOSECONDS) > 0);
        assertEquals(10.0, registry.get("http.server.bytes.sent").functionCounter().count());
        assertEquals(0.0, registry.get("http.server.requests.active").gauge().value());
    }

    @Test
    void bodyBytesAreCountedBothWays() throws Exception {
        start(new Routes());
        byte[] body = "0123456789".getBytes(StandardCharsets.US_ASCII);
        HttpResponse<String> echoed = send(HttpRequest.newBuilder(URI.create(server.url() + "/echo"))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)));
        assertEquals("0123456789", echoed.body());
        assertEquals(10.0, registry.get("http.server.bytes.received").functionCounter().count());
        assertEquals(10.0, registry.get("http.server.bytes.sent").functionCounter().count());
    }

    @Test
    void staticFileRequestsWhoseClientLeftAreNotLeftActive(@TempDir Path root) throws Exception {
        Files.writeString(root.resolve("index.html"), "<p>hello</p>\n".repeat(200));
        server = Gyre.builder().port(0).loops(2).noWatchdog().handlers(new Routes())
                .staticFiles("/static", StaticFiles.directory(root)).metrics(GyreMetrics.of(registry)).start();
        byte[] pipelined = "GET /static/index.html HTTP/1.1\r\nHost: a\r\n\r\n".repeat(20)
                .getBytes(StandardCharsets.US_ASCII);
        for (int i = 0; i < 100; i++) {
            try (Socket socket = new Socket("127.0.0.1", server.port())) {
                socket.getOutputStream().write(pipelined);
            }
        }
        Gauge active = registry.get("http.server.requests.active").gauge();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (active.value() != 0.0 && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertEquals(0.0, active.value(), "every request the clients left ended its observation");
        assertEquals(200, get("/static/index.html").statusCode(), "and the files are still served");
    }

    @Test
    void activeRequestsBlockingLoadAndRejectionsAreGauged() throws Exception {
        Routes routes = new Routes();
        start(routes);
        CompletableFuture<HttpResponse<String>> waiting = client.sendAsync(
                HttpRequest.newBuilder(URI.create(server.url() + "/wait")).build(), HttpResponse.BodyHandlers.ofString());
        assertTrue(routes.entered.await(20, TimeUnit.SECONDS));
        assertEquals(1.0, registry.get("http.server.requests.active").gauge().value());
        assertEquals(1.0, registry.get("gyre.blocking.running").gauge().value());
        assertEquals(503, get("/items/9").statusCode(), "one permit, no queue: refused");
        assertEquals(1.0, registry.get("gyre.blocking.rejected").functionCounter().count());
        assertEquals(0.0, registry.get("gyre.blocking.queued").gauge().value());
        assertTrue(registry.get("gyre.connections.open").gauge().value() >= 1);
        routes.release.countDown();
        assertEquals("done", waiting.get(20, TimeUnit.SECONDS).body());
        assertEquals(0.0, registry.get("http.server.requests.active").gauge().value());
    }

    @Test
    void aStalledLoopShowsLagAndBusyTime() throws Exception {
        start(new Routes());
        Gauge lag0 = registry.get("gyre.loop.lag").tag("loop", "0").gauge();
        Gauge lag1 = registry.get("gyre.loop.lag").tag("loop", "1").gauge();
        CompletableFuture<HttpResponse<String>> stalled = client.sendAsync(
                HttpRequest.newBuilder(URI.create(server.url() + "/stall")).build(), HttpResponse.BodyHandlers.ofString());
        double peak = awaitAtLeast(() -> Math.max(lag0.value(), lag1.value()), 1.0, Duration.ofSeconds(15));
        assertTrue(peak >= 1.0, "the stalled loop's lag grows while it is stuck: " + peak);
        assertEquals("stalled", stalled.get(20, TimeUnit.SECONDS).body());
        double busy = registry.find("gyre.loop.busy").functionCounters().stream()
                .mapToDouble(c -> c.count()).sum();
        assertTrue(busy >= 2.0, "the 2.5 s handler counts as busy time: " + busy);
        double ratio = awaitAtLeast(() -> registry.find("gyre.loop.busy.ratio").gauges().stream()
                .mapToDouble(Gauge::value).max().orElse(0), 0.5, Duration.ofSeconds(5));
        assertTrue(ratio >= 0.5 && ratio <= 1.0, "a second spent in a handler is a busy second: " + ratio);
    }

    private static double awaitAtLeast(DoubleSupplier value, double floor, Duration within) throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        double seen = value.getAsDouble();
        while (seen < floor && System.nanoTime() < deadline) {
            Thread.sleep(50);
            seen = Math.max(seen, value.getAsDouble());
        }
        return seen;
    }

    @Test
    void eventStreamsAreGaugedFromStartToEnd() throws Exception {
        start(new Routes());
        Gauge streams = registry.get("gyre.sse.streams").gauge();
        try (Socket socket = new Socket("127.0.0.1", server.port())) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write("GET /events HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
            for (String line = in.readLine(); line != null && !line.contains("hello"); line = in.readLine()) {
                assertTrue(line.length() < 200, line);
            }
            assertEquals(1.0, streams.value(), "open while the client reads it");
            assertEquals(200, get("/items/1").statusCode());
            assertEquals(1.0, streams.value(), "a plain response is no stream");
        }
        double left = awaitAtMost(streams::value, 0.0, Duration.ofSeconds(10));
        assertEquals(0.0, left, "the client left: the stream is over");
    }

    private static double awaitAtMost(DoubleSupplier value, double ceiling, Duration within) throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        double seen = value.getAsDouble();
        while (seen > ceiling && System.nanoTime() < deadline) {
            Thread.sleep(20);
            seen = value.getAsDouble();
        }
        return seen;
    }

    @Test
    void stopRemovesEveryMeter() throws Exception {
        start(new Routes());
        get("/items/1");
        assertTrue(registry.getMeters().size() > 5);
        server.stop(Duration.ofSeconds(1));
        server = null;
        assertTrue(registry.getMeters().isEmpty(), registry.getMetersAsString());
    }
}
