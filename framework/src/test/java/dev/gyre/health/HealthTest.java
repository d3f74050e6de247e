package dev.gyre.health;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gyre.handler.Get;
import dev.gyre.handler.NonBlocking;
import dev.gyre.loop.EventLoop;
import dev.gyre.loop.EventLoopGroup;
import dev.gyre.server.Gyre;
import dev.gyre.server.GyreServer;
import java.io.IOException;
import java.lang.reflect.Field;
import java.net.ConnectException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.channels.Selector;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The probes over real sockets: what they answer, when readiness turns, and how stop drains. */
class HealthTest {
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private GyreServer server;

    public static final class Routes {
        @Get("/hello")
        @NonBlocking
        public String hello() {
            return "hi";
        }
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(Duration.ofSeconds(1));
        }
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return client.send(HttpRequest.newBuilder(URI.create(server.url() + path)).timeout(Duration.ofSeconds(10))
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void bothProbesAnswerUpOnceStarted() throws Exception {
        server = Gyre.builder().port(0).loops(1).handlers(new Routes()).health().start();
        HttpResponse<String> live = get("/health/live");
        assertEquals(200, live.statusCode());
        assertEquals("{\"status\":\"UP\"}", live.body());
        assertEquals("application/json", live.headers().firstValue("Content-Type").orElseThrow());
        assertEquals("no-store", live.headers().firstValue("Cache-Control").orElseThrow());
        HttpResponse<String> ready = get("/health/ready");
        assertEquals(200, ready.statusCode());
        assertEquals("{\"status\":\"UP\"}", ready.body());
        assertTrue(server.ready());
    }

    @Test
    void probesAreOffUnlessAskedFor() throws Exception {
        server = Gyre.builder().port(0).loops(1).handlers(new Routes()).start();
        assertEquals(404, get("/health/ready").statusCode());
    }

    @Test
    void pathsAreConfigurable() throws Exception {
        server = Gyre.builder().port(0).loops(1).handlers(new Routes())
                .health(HealthOptions.defaults().paths("/livez", "/readyz")).start();
        assertEquals(200, get("/livez").statusCode());
        assertEquals(200, get("/readyz").statusCode());
        assertEquals(404, get("/health/ready").statusCode());
        assertEquals("hi", get("/hello").body());
    }

    @Test
    void aFailingCheckMakesTheServerUnreadyButAlive() throws Exception {
        AtomicBoolean databaseUp = new AtomicBoolean(false);
        server = Gyre.builder().port(0).loops(1).handlers(new Routes())
                .healthCheck("database", () -> {
                    if (!databaseUp.get()) {
                        throw new IllegalStateException("pool \"main\" has no connection");
                    }
                })
                .healthCheck("cache", () -> { })
                .start();
        HttpResponse<String> ready = get("/health/ready");
        assertEquals(503, ready.statusCode());
        assertEquals("{\"status\":\"DOWN\",\"checks\":{\"cache\":{\"status\":\"UP\"},\"database\":{\"status\":\"DOWN\","
                + "\"reason\":\"pool \\\"main\\\" has no connection\"}}}", ready.body());
        assertEquals(200, get("/health/live").statusCode(), "a failing dependency is no reason to restart");
        databaseUp.set(true);
        ready = get("/health/ready");
        assertEquals(200, ready.statusCode());
        assertEquals("{\"status\":\"UP\",\"checks\":{\"cache\":{\"status\":\"UP\"},\"database\":{\"status\":\"UP\"}}}",
                ready.body());
    }

    @Test
    void aHangingCheckTimesOutAndIsInterrupted() throws Exception {
        CompletableFuture<Boolean> interrupted = new CompletableFuture<>();
        server = Gyre.builder().port(0).loops(1).handlers(new Routes())
                .health(HealthOptions.defaults().checkTimeout(Duration.ofMillis(300)))
                .healthCheck("slow", () -> {
                    try {
                        Thread.sleep(60_000);
                    } catch (InterruptedException e) {
                        interrupted.complete(true);
                        throw e;
                    }
                })
                .start();
        long start = System.nanoTime();
        HttpResponse<String> ready = get("/health/ready");
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertEquals(503, ready.statusCode());
        assertTrue(ready.body().contains("\"slow\":{\"status\":\"DOWN\",\"reason\":\"no answer within 300 ms\"}"),
                ready.body());
        assertTrue(millis < 8_000, "answered after the timeout, not after the check: " + millis + " ms");
        assertTrue(interrupted.get(10, java.util.concurrent.TimeUnit.SECONDS));
        assertEquals("hi", get("/hello").body(), "the loop was never held by the check");
    }

    @Test
    void stopTurnsReadinessOffThenServesForTheDrainDelayThenStopsAccepting() throws Exception {
        server = Gyre.builder().port(0).loops(1).handlers(new Routes())
                .health(HealthOptions.defaults().drainDelay(Duration.ofSeconds(2))).start();
        String url = server.url();
        assertEquals(200, get("/health/ready").statusCode());
        GyreServer stopping = server;
        CompletableFuture<Long> stopped = CompletableFuture.supplyAsync(() -> {
            long start = System.nanoTime();
            stopping.stop(Duration.ofSeconds(1));
            return (System.nanoTime() - start) / 1_000_000;
        });
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        HttpResponse<String> ready = get("/health/ready");
        while (ready.statusCode() == 200 && System.nanoTime() < deadline) {
            Thread.sleep(20);
            ready = get("/health/ready");
        }
        assertEquals(503, ready.statusCode());
        assertEquals("{\"status\":\"DOWN\",\"reason\":\"draining\"}", ready.body());
        assertFalse(stopped.isDone(), "still within the drain delay");
        assertEquals("hi", get("/hello").body(), "requests are still served while load balancers notice");
        assertEquals(200, get("/health/live").statusCode(), "draining is not dead");
        long took = stopped.get(20, java.util.concurrent.TimeUnit.SECONDS);
        assertTrue(took >= 1_900, "stop waited for the drain delay: " + took + " ms");
        server = null;
        IOException refused = assertThrows(IOException.class, () -> client.send(
                HttpRequest.newBuilder(URI.create(url + "/hello")).build(), HttpResponse.BodyHandlers.ofString()));
        assertTrue(refused instanceof ConnectException || refused.getCause() instanceof ConnectException,
                refused.toString());
    }

    /** A keep-alive client hears of the drain on its next response, and its connection closes after it. */
    @Test
    void responsesDuringTheDrainDelayAskKeepAliveClientsToClose() throws Exception {
        server = Gyre.builder().port(0).loops(1).handlers(new Routes())
                .health(HealthOptions.defaults().drainDelay(Duration.ofSeconds(3))).start();
        try (Socket socket = new Socket("127.0.0.1", server.port())) {
            socket.setSoTimeout(10_000);
            String before = exchange(socket);
            assertTrue(before.startsWith("HTTP/1.1 200"), before);
            assertFalse(before.toLowerCase(java.util.Locale.ROOT).contains("connection: close"), before);
            GyreServer stopping = server;
            CompletableFuture<Void> stopped = CompletableFuture.runAsync(() -> stopping.stop(Duration.ofSeconds(1)));
            long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
            while (get("/health/ready").statusCode() == 200 && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertFalse(stopped.isDone(), "still within the drain delay");
            String during = exchange(socket);
            assertTrue(during.startsWith("HTTP/1.1 200"), during);
            assertTrue(during.contains("\r\nConnection: close\r\n"), during);
            assertEquals(-1, socket.getInputStream().read(), "the server closed the connection after it");
            stopped.get(20, java.util.concurrent.TimeUnit.SECONDS);
            server = null;
        }
    }

    /** One keep-alive request and its response head and body ({@code hi}), read up to the body's end. */
    private static String exchange(Socket socket) throws IOException {
        socket.getOutputStream().write("GET /hello HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        java.io.InputStream in = socket.getInputStream();
        StringBuilder answer = new StringBuilder();
        while (!answer.toString().endsWith("\r\n\r\nhi")) {
            int b = in.read();
            if (b < 0) {
                break;
            }
            answer.append((char) b);
        }
        return answer.toString();
    }

    @Test
    void aDeadLoopFailsBothProbes() throws Exception {
        server = Gyre.builder().port(0).loops(2).handlers(new Routes()).health().start();
        Field group = GyreServer.class.getDeclaredField("group");
        group.setAccessible(true);
        EventLoop victim = ((EventLoopGroup) group.get(server)).loops().getFirst();
        Field selector = EventLoop.class.getDeclaredField("selector");
        selector.setAccessible(true);
        ((Selector) selector.get(victim)).close();
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!victim.hasDied() && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertTrue(victim.hasDied());
        HttpResponse<String> ready = getFromALiveLoop("/health/ready");
        assertEquals(503, ready.statusCode());
        assertEquals("{\"status\":\"DOWN\",\"reason\":\"an event loop has died\"}", ready.body());
        assertEquals(503, getFromALiveLoop("/health/live").statusCode());
        assertFalse(server.ready());
    }

    /**
     * A new connection the kernel hands to the dead loop's listener is never accepted (that listener stays
     * open), so each try is short and a fresh connection; one to the live loop answers.
     */
    private HttpResponse<String> getFromALiveLoop(String path) throws Exception {
        IOException last = null;
        for (int i = 0; i < 30; i++) {
            try {
                return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(server.url() + path))
                        .timeout(Duration.ofMillis(500)).build(), HttpResponse.BodyHandlers.ofString());
            } catch (IOException e) {
                last = e;
            }
        }
        throw last;
    }

    @Test
    void badOptionsAreRefusedOnTheCallersThread() {
        assertThrows(IllegalArgumentException.class, () -> HealthOptions.defaults().paths("health", "/ready"));
        assertThrows(IllegalArgumentException.class, () -> HealthOptions.defaults().paths("/h", "/h"));
        assertThrows(IllegalArgumentException.class, () -> HealthOptions.defaults().checkTimeout(Duration.ZERO));
        assertThrows(IllegalArgumentException.class,
                () -> HealthOptions.defaults().drainDelay(Duration.ofSeconds(-1)));
        assertThrows(IllegalArgumentException.class, () -> Gyre.builder().healthCheck("a", () -> { })
                .healthCheck("a", () -> { }));
    }
}
