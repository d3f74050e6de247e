package dev.gyre.handler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gyre.support.LogCapture;
import dev.gyre.testing.GyreTestServer;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The blocking limit (503 instead of an endless queue) and the blocked-loop watchdog. */
class WhereCodeRunsTest {

    public static final class Api {
        final CountDownLatch entered = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);

        @Get("/hold")
        public String hold() throws InterruptedException {
            entered.countDown();
            release.await(10, TimeUnit.SECONDS);
            return "held";
        }

        @Get("/fast")
        @NonBlocking
        public String fast() {
            return "fast";
        }

        @Get("/nap")
        @NonBlocking
        public String nap() throws InterruptedException {
            Thread.sleep(250);
            return "slept on the loop";
        }

        @Get("/thread")
        public String thread() throws InterruptedException {
            Thread.sleep(250);
            return Thread.currentThread().toString();
        }
    }

    @Test
    void blockingWorkPastTheLimitIsAnswered503WithRetryAfter() throws Exception {
        Api api = new Api();
        try (GyreTestServer server = GyreTestServer.start(b -> b.handlers(api).blockingLimits(1, 1))) {
            CompletableFuture<HttpResponse<String>> first = CompletableFuture.supplyAsync(
                    () -> server.client().get("/hold"));
            assertTrue(api.entered.await(5, TimeUnit.SECONDS));
            CompletableFuture<HttpResponse<String>> second = CompletableFuture.supplyAsync(
                    () -> server.client().get("/hold"));
            CompletableFuture<HttpResponse<String>> third = CompletableFuture.supplyAsync(
                    () -> server.client().get("/hold"));
            HttpResponse<String> refused = second.applyToEither(third, r -> r).get(5, TimeUnit.SECONDS);
            assertEquals(503, refused.statusCode(), "one waits in the queue, the other is refused at once");
            assertEquals("1", refused.headers().firstValue("Retry-After").orElseThrow());
            assertEquals("fast", server.client().get("/fast").body(), "the loop stays free meanwhile");
            api.release.countDown();
            assertEquals("held", first.get(5, TimeUnit.SECONDS).body());
            List<Integer> others = List.of(second.get(5, TimeUnit.SECONDS).statusCode(),
                    third.get(5, TimeUnit.SECONDS).statusCode());
            assertTrue(others.contains(200) && others.contains(503), others.toString());
            assertEquals(200, server.client().get("/hold").statusCode(), "permits come back");
        }
    }

    @Test
    void platformThreadPoolIsAnOption() {
        try (GyreTestServer server = GyreTestServer.start(b -> b.handlers(new Api()).blockingThreads(2))) {
            String thread = server.client().get("/thread").body();
            assertTrue(thread.contains("gyre-blocking-"), thread);
            assertFalse(thread.startsWith("VirtualThread"), thread);
        }
        try (GyreTestServer server = GyreTestServer.start(new Api())) {
            assertTrue(server.client().get("/thread").body().startsWith("VirtualThread"));
        }
    }

    @Test
    void watchdogLogsTheBlockedLoopOncePerRouteWithItsStack() throws Exception {
        try (LogCapture logs = LogCapture.start();
             GyreTestServer server = GyreTestServer.start(b -> b.handlers(new Api()).loops(1)
                     .watchdog(Duration.ofMillis(50)))) {
            assertEquals("slept on the loop", server.client().get("/nap").body());
            String text = logs.await(t -> t.contains("has not returned to select()"), Duration.ofSeconds(5));
            assertTrue(text.contains("event loop gyre-loop-0 has not returned to select() for "), text);
            assertTrue(text.contains("while running GET /nap -> Api#nap"), text);
            assertTrue(text.contains("at java.base/java.lang.Thread.sleep"), text);
            assertTrue(text.contains("at dev.gyre.handler.WhereCodeRunsTest$Api.nap(WhereCodeRunsTest.java"), text);

            server.client().get("/nap");
            server.client().get("/thread");
            Thread.sleep(200);
            String later = logs.text();
            assertEquals(1, later.split("has not returned to select\\(\\)", -1).length - 1,
                    "once per route; blocking handlers on virtual threads never trigger it:\n" + later);
        }
    }

    @Test
    void watchdogCanBeTurnedOff() throws Exception {
        try (LogCapture logs = LogCapture.start();
             GyreTestServer server = GyreTestServer.start(b -> b.handlers(new Api()).noWatchdog())) {
            server.client().get("/nap");
            Thread.sleep(150);
            assertFalse(logs.text().contains("has not returned to select()"), logs.text());
        }
    }
}
