package dev.gyre.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gyre.handler.Get;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Start and stop hooks (FastAPI's lifespan): start hooks before anything can accept a connection, stop hooks
 * after the last response and before the app-wide values close, and a failing start hook failing
 * {@code start()} after releasing what the hooks before it opened.
 */
class LifespanTest {

    /** What a start hook prepares and a handler then uses. */
    static final class Warmed {
        volatile String state = "cold";
    }

    public static final class Api {
        private final Warmed warmed;
        final CountDownLatch entered = new CountDownLatch(1);

        Api(Warmed warmed) {
            this.warmed = warmed;
        }

        @Get("/state")
        public String state() {
            return warmed.state;
        }

        @Get("/slow")
        public String slow() throws InterruptedException {
            entered.countDown();
            Thread.sleep(500);
            warmed.state = "answered";
            return "done";
        }
    }

    private static long liveLoopThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.isAlive() && t.getName().startsWith("gyre-loop-"))
                .count();
    }

    /** An app-wide value that records when it closes. */
    record Recorder(Queue<String> events) implements AutoCloseable {
        @Override
        public void close() {
            events.add("close value");
        }
    }

    @Test
    void startHooksRunInOrderBeforeAnyLoopRunsAndTheirWorkIsSeenByRequests() throws Exception {
        Warmed warmed = new Warmed();
        Queue<String> events = new ConcurrentLinkedQueue<>();
        long before = liveLoopThreads();
        try (GyreServer server = Gyre.builder().host("127.0.0.1").port(0).loops(1).handlers(new Api(warmed))
                .onStart(() -> events.add("a, loops running: " + (liveLoopThreads() - before)))
                .onStart(() -> {
                    warmed.state = "warm";
                    events.add("b");
                })
                .start()) {
            assertEquals(List.of("a, loops running: 0", "b"), List.copyOf(events));
            HttpResponse<String> r = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create(server.url() + "/state")).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals("warm", r.body());
        }
    }

    @Test
    void stopHooksRunNewestFirstAfterTheLastResponseAndBeforeValuesClose() throws Exception {
        Warmed warmed = new Warmed();
        Api api = new Api(warmed);
        Queue<String> events = new ConcurrentLinkedQueue<>();
        GyreServer server = Gyre.builder().host("127.0.0.1").port(0).loops(1).handlers(api)
                .provide(Recorder.class, new Recorder(events))
                .onStop(() -> events.add("stop A, slow request " + warmed.state))
                .onStop(() -> events.add("stop B"))
                .onStop(() -> {
                    throw new IllegalStateException("a failing stop hook does not stop the others");
                })
                .start();
        CompletableFuture<HttpResponse<String>> slow = HttpClient.newHttpClient().sendAsync(
                HttpRequest.newBuilder(URI.create(server.url() + "/slow")).build(), HttpResponse.BodyHandlers.ofString());
        assertTrue(api.entered.await(5, TimeUnit.SECONDS));
        server.stop(Duration.ofSeconds(5));
        assertEquals("done", slow.get(5, TimeUnit.SECONDS).body());
        assertEquals(List.of("stop B", "stop A, slow request answered", "close value"),
                List.copyOf(events));
        server.stop(Duration.ofSeconds(1));
        assertEquals(3, events.size(), "stop hooks run once");
    }

    @Test
    void aFailingStartHookFailsStartAndReleasesOnlyWhatWasOpenedBeforeIt() {
        Queue<String> events = new ConcurrentLinkedQueue<>();
        long before = liveLoopThreads();
        Gyre.Builder builder = Gyre.builder().host("127.0.0.1").port(0).loops(1).handlers(new Api(new Warmed()))
                .provide(Recorder.class, new Recorder(events))
                .onStart(() -> events.add("open pool"))
                .onStop(() -> events.add("close pool"))
                .onStart(() -> {
                    throw new IOException("cache server unreachable");
                })
                .onStop(() -> events.add("close cache"))
                .onStart(() -> events.add("never runs"));
        IllegalStateException e = assertThrows(IllegalStateException.class, builder::start);
        assertEquals("start hook #2 failed: cache server unreachable", e.getMessage());
        assertTrue(e.getCause() instanceof IOException);
        assertEquals(List.of("open pool", "close pool"), List.copyOf(events), "app-wide values are still the caller's");
        assertEquals(before, liveLoopThreads());
    }

    @Test
    void aPortThatCannotBeBoundRunsTheStopHooksOfTheStartHooksThatRan() {
        Queue<String> events = new ConcurrentLinkedQueue<>();
        try (GyreServer taken = Gyre.builder().host("127.0.0.1").port(0).loops(1).handlers(new Api(new Warmed())).start()) {
            Gyre.Builder builder = Gyre.builder().host("127.0.0.1").port(taken.port()).loops(1)
                    .handlers(new Api(new Warmed()))
                    .onStart(() -> events.add("start"))
                    .onStop(() -> events.add("stop"));
            assertThrows(UncheckedIOException.class, builder::start);
        }
        assertEquals(List.of("start", "stop"), List.copyOf(events));
    }
}
