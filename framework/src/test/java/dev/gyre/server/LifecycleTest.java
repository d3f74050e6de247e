package dev.gyre.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gyre.server.RawConnection.RawResponse;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** Start on port 0, graceful stop, the port free at once, no thread left behind. */
class LifecycleTest {

    private static long liveGyreThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.isAlive() && t.getName().startsWith("gyre-loop-"))
                .count();
    }

    @Test
    void stopFreesThePortAndEndsEveryThread() throws Exception {
        long before = liveGyreThreads();
        GyreServer server = Gyre.builder().port(0).loops(3).handlers(new TestHandlers()).start();
        int port = server.port();
        assertTrue(port > 0);
        assertEquals(before + 3, liveGyreThreads());
        try (RawConnection c = new RawConnection(port)) {
            assertEquals(200, c.send("GET /thread HTTP/1.1\r\nHost: x\r\n\r\n").read().status());
        }
        server.stop(Duration.ofSeconds(2));
        assertEquals(before, liveGyreThreads());
        try (ServerSocket s = new ServerSocket()) {
            s.bind(new InetSocketAddress("0.0.0.0", port));
        }
    }

    @Test
    void secondServerOnTheSamePortFails() {
        try (GyreServer server = Gyre.builder().port(0).loops(2).handlers(new TestHandlers()).start()) {
            var e = assertThrows(UncheckedIOException.class,
                    () -> Gyre.builder().port(server.port()).loops(2).handlers(new TestHandlers()).start());
            assertTrue(e.getMessage().contains(String.valueOf(server.port())), e.getMessage());
        }
    }

    @Test
    void stopAnswersTheRequestInFlightAndClosesIdleConnections() throws Exception {
        GyreServer server = Gyre.builder().port(0).loops(1).handlers(new TestHandlers()).start();
        try (RawConnection busy = new RawConnection(server.port());
             RawConnection idle = new RawConnection(server.port())) {
            assertEquals(200, idle.send("GET /plain HTTP/1.1\r\nHost: x\r\n\r\n").read().status());
            busy.send("GET /sleep/400 HTTP/1.1\r\nHost: x\r\n\r\n");
            Thread.sleep(100);
            CompletableFuture<Void> stopping = CompletableFuture.runAsync(() -> server.stop(Duration.ofSeconds(5)));
            assertTrue(idle.closedByServer(), "idle keep-alive connection is closed at once");
            RawResponse r = busy.read();
            assertEquals("slept 400", r.bodyText());
            assertEquals("close", r.header("Connection"));
            stopping.join();
        }
    }

    public static final class Counted {
        final java.util.concurrent.atomic.AtomicInteger handled = new java.util.concurrent.atomic.AtomicInteger();

        @dev.gyre.handler.Get("/count")
        public String count() throws InterruptedException {
            Thread.sleep(2);
            return String.valueOf(handled.incrementAndGet());
        }
    }

    @Test
    void underLoadEveryHandledRequestIsAnsweredThroughShutdown() throws Exception {
        Counted counted = new Counted();
        GyreServer server = Gyre.builder().port(0).loops(2).handlers(counted).start();
        java.util.concurrent.atomic.AtomicInteger answered = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.atomic.AtomicInteger truncated = new java.util.concurrent.atomic.AtomicInteger();
        java.util.List<Thread> clients = new java.util.ArrayList<>();
        for (int i = 0; i < 16; i++) {
            clients.add(Thread.ofPlatform().start(() -> {
                try (RawConnection c = new RawConnection(server.port())) {
                    while (true) {
                        c.send("GET /count HTTP/1.1\r\nHost: x\r\n\r\n");
                        RawResponse r;
                        try {
                            r = c.read();
                        } catch (java.io.IOException | RuntimeException closed) {
                            return;
                        }
                        if (r.status() != 200 || r.body().length == 0) {
                            truncated.incrementAndGet();
                        }
                        answered.incrementAndGet();
                        if ("close".equals(r.header("Connection"))) {
                            return;
                        }
                    }
                } catch (java.io.IOException refusedOrReset) {
                    // the server went away between two requests: nothing of it was handled
                }
            }));
        }
        Thread.sleep(300);
        long stopping = System.nanoTime();
        server.stop(Duration.ofSeconds(30));
        long stopMillis = (System.nanoTime() - stopping) / 1_000_000;
        assertTrue(stopMillis < 20_000, "every connection drained well inside the grace period: " + stopMillis + " ms");
        for (Thread t : clients) {
            t.join(10_000);
        }
        assertTrue(counted.handled.get() > 100, "the clients kept the server busy: " + counted.handled.get());
        assertEquals(0, truncated.get());
        assertEquals(counted.handled.get(), answered.get(), "every request a handler took was answered");
    }

    @Test
    void graceEndsWithTheRemainingConnectionsClosed() throws Exception {
        GyreServer server = Gyre.builder().port(0).loops(1).handlers(new TestHandlers()).start();
        try (RawConnection c = new RawConnection(server.port())) {
            c.send("GET /sleep/3000 HTTP/1.1\r\nHost: x\r\n\r\n");
            Thread.sleep(100);
            long start = System.nanoTime();
            server.stop(Duration.ofMillis(200));
            long ms = (System.nanoTime() - start) / 1_000_000;
            assertTrue(ms < 2_500, "stop waited only about the grace period: " + ms + " ms");
            assertTrue(c.closedByServer());
        }
    }
}
