package dev.gyre.handler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gyre.server.Gyre;
import dev.gyre.server.GyreServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** @Timeout: a late handler's client gets 503 and the handler is interrupted; a timely one is untouched. */
class HandlerTimeoutTest {
    private static final CountDownLatch interrupted = new CountDownLatch(1);
    private static GyreServer server;
    private static final HttpClient client = HttpClient.newHttpClient();

    public static final class Slow {
        @Get("/slow")
        @Timeout(300)
        public String slow() {
            try {
                Thread.sleep(10_000);
                return "late";
            } catch (InterruptedException e) {
                interrupted.countDown();
                return "interrupted";
            }
        }

        @Get("/quick")
        @Timeout(2_000)
        public String quick() throws InterruptedException {
            Thread.sleep(20);
            return "in time";
        }

        @Get("/slow-async")
        @Timeout(300)
        public CompletionStage<String> slowAsync() {
            return CompletableFuture.supplyAsync(() -> "late",
                    CompletableFuture.delayedExecutor(3, TimeUnit.SECONDS));
        }
    }

    @BeforeAll
    static void start() {
        server = Gyre.builder().port(0).loops(1).handlers(new Slow()).start();
    }

    @AfterAll
    static void stop() {
        server.stop();
    }

    private static HttpResponse<String> get(String path) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create(server.url() + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void lateBlockingHandlerIsAnswered503AndInterrupted() throws Exception {
        long start = System.nanoTime();
        HttpResponse<String> r = get("/slow");
        long ms = (System.nanoTime() - start) / 1_000_000;
        assertEquals(503, r.statusCode());
        assertEquals("1", r.headers().firstValue("Retry-After").orElseThrow());
        assertTrue(r.body().contains("300 ms"), r.body());
        assertTrue(ms < 3_000, "answered at the deadline, not after the handler: " + ms);
        assertTrue(interrupted.await(5, TimeUnit.SECONDS), "the handler's thread was interrupted");
        assertEquals("in time", get("/quick").body(), "the server keeps serving");
    }

    @Test
    void timelyHandlerIsUntouched() throws Exception {
        HttpResponse<String> r = get("/quick");
        assertEquals(200, r.statusCode());
        assertEquals("in time", r.body());
    }

    @Test
    void lateAsyncHandlerIsAnswered503() throws Exception {
        long start = System.nanoTime();
        HttpResponse<String> r = get("/slow-async");
        assertEquals(503, r.statusCode());
        assertTrue((System.nanoTime() - start) / 1_000_000 < 2_500);
    }
}
