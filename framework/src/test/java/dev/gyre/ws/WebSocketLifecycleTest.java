package dev.gyre.ws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gyre.server.Gyre;
import dev.gyre.server.GyreServer;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * What happens to sessions over time and under pressure: pings and the idle timeout, a client too slow to
 * read (both overflow policies), the server's shutdown, and the connection count. Each test has its own
 * server, so counts and timings are its own.
 */
class WebSocketLifecycleTest {
    private static final int OP_BINARY = 2;
    private static final int OP_PING = 9;

    private static void withServer(WebSocketOptions options, Object endpoint, ServerTest test) throws Exception {
        GyreServer server = Gyre.builder().port(0).loops(1).handlers(endpoint).webSockets(options).start();
        try {
            test.run(server);
        } finally {
            server.stop(Duration.ofSeconds(1));
        }
    }

    @FunctionalInterface
    private interface ServerTest {
        void run(GyreServer server) throws Exception;
    }

    private static final WebSocketOptions FAST_TIMERS = WebSocketOptions.defaults()
            .withPingInterval(Duration.ofMillis(200)).withIdleTimeout(Duration.ofMillis(500))
            .withCloseTimeout(Duration.ofMillis(500));

    @Test
    void aClientThatAnswersPingsStaysOpen() throws Exception {
        withServer(FAST_TIMERS, new TestEndpoints.Echo(), server -> {
            try (JdkClient c = JdkClient.connect(server.port(), "/echo")) {
                assertEquals("ping:", c.next(), "a quiet session is pinged");
                Thread.sleep(1_200); // more than twice the idle timeout; the JDK client answers every ping
                c.socket.sendText("still here", true).join();
                String answer;
                do {
                    answer = c.next();
                } while (answer.equals("ping:"));
                assertEquals("text:still here", answer);
            }
        });
    }

    @Test
    void aClientThatSendsNothingIsPingedThenClosedWith1001() throws Exception {
        withServer(FAST_TIMERS, new TestEndpoints.Echo(), server -> {
            try (RawWebSocket ws = RawWebSocket.open(server.port(), "/echo")) {
                Wire.Frame f = ws.read();
                assertEquals(OP_PING, f.opcode());
                while (f.opcode() == OP_PING) {
                    f = ws.read();
                }
                assertEquals(8, f.opcode());
                assertEquals(1001, ((f.payload()[0] & 0xFF) << 8) | (f.payload()[1] & 0xFF));
                assertEquals("idle timeout", new String(f.payload(), 2, f.payload().length - 2));
                // the client does not answer the Close either: the close timeout ends it
                assertTrue(ws.serverClosed());
            }
        });
    }

    @Test
    void aSlowConsumerIsClosedWith1008UnderTheClosePolicy() throws Exception {
        WebSocketOptions options = WebSocketOptions.defaults().withMaxQueuedBytes(64 * 1024);
        TestEndpoints.Sessions sessions = new TestEndpoints.Sessions();
        withServer(options, sessions, server -> {
            try (RawWebSocket ws = RawWebSocket.open(server.port(), "/sessions")) {
                WebSocketSession session = sessions.next();
                Throwable refused = fillUntilRefused(session);
                assertInstanceOf(WebSocketSendException.class, refused);
                assertTrue(!session.isOpen(), "the CLOSE policy ends the session at once");
                Wire.Frame f;
                int data = 0;
                while ((f = ws.read()).opcode() == OP_BINARY) {
                    data++;
                }
                assertEquals(8, f.opcode());
                assertEquals(1008, ((f.payload()[0] & 0xFF) << 8) | (f.payload()[1] & 0xFF));
                assertTrue(data > 0, "frames already in the socket were delivered whole before the Close");
            }
        });
    }

    @Test
    void theDropPolicyRefusesOnlyTheMessageAndKeepsTheSession() throws Exception {
        WebSocketOptions options = WebSocketOptions.defaults().withMaxQueuedBytes(64 * 1024)
                .withOverflowPolicy(WebSocketOptions.OverflowPolicy.DROP);
        TestEndpoints.Sessions sessions = new TestEndpoints.Sessions();
        withServer(options, sessions, server -> {
            try (RawWebSocket ws = RawWebSocket.open(server.port(), "/sessions")) {
                WebSocketSession session = sessions.next();
                assertInstanceOf(WebSocketSendException.class, fillUntilRefused(session));
                assertTrue(session.isOpen());
                CompletableFuture<Void> after = new CompletableFuture<>();
                Thread reader = Thread.ofVirtual().start(() -> {
                    try {
                        while (ws.read().payload().length > 1) {
                            // the backlog: 16 KiB messages
                        }
                        after.complete(null);
                    } catch (Exception e) {
                        after.completeExceptionally(e);
                    }
                });
                awaitEmpty(session);
                session.send(new byte[] {42}).toCompletableFuture().get(5, TimeUnit.SECONDS);
                after.get(5, TimeUnit.SECONDS);
                reader.join();
            }
        });
    }

    /** Sends 16 KiB messages to a client that does not read until one is refused; returns why. */
    private static Throwable fillUntilRefused(WebSocketSession session) throws Exception {
        byte[] chunk = new byte[16 * 1024];
        for (int i = 0; i < 10_000; i++) {
            CompletionStage<Void> stage = session.send(chunk);
            CompletableFuture<Void> f = stage.toCompletableFuture();
            if (f.isCompletedExceptionally()) {
                ExecutionException e = org.junit.jupiter.api.Assertions.assertThrows(ExecutionException.class, f::get);
                return e.getCause();
            }
            if (i % 16 == 15) {
                Thread.sleep(5); // let the loop write what the socket takes
            }
        }
        throw new AssertionError("the outbound limit never applied");
    }

    private static void awaitEmpty(WebSocketSession session) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (session.queuedBytes() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertEquals(0, session.queuedBytes());
    }

    @Test
    void stoppingTheServerClosesSessionsWith1001AndCountsThemOut() throws Exception {
        GyreServer server = Gyre.builder().port(0).loops(1).handlers(new TestEndpoints.Echo()).start();
        JdkClient c = JdkClient.connect(server.port(), "/echo");
        try {
            c.socket.sendText("hello", true).join();
            assertEquals("text:hello", c.next());
            assertEquals(1, server.openConnections());
            long start = System.nanoTime();
            server.stop(Duration.ofSeconds(5));
            assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(3), "the client answered the Close");
            assertEquals("close:1001:server shutting down", c.next());
            assertEquals(0, server.openConnections());
        } finally {
            c.close();
            server.stop(Duration.ofSeconds(1));
        }
    }

    @Test
    void aSessionTheClientClosesIsCountedOut() throws Exception {
        withServer(WebSocketOptions.defaults(), new TestEndpoints.Echo(), server -> {
            JdkClient c = JdkClient.connect(server.port(), "/echo");
            assertEquals(1, server.openConnections());
            c.socket.sendClose(1000, "").join();
            assertEquals("close:1000:", c.next());
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (server.openConnections() > 0 && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertEquals(0, server.openConnections());
        });
    }
}
