package dev.gyre.containment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gyre.server.Gyre;
import dev.gyre.server.GyreServer;
import dev.gyre.support.LogCapture;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every kind of user code that runs on a loop throws each kind of {@link Fault}; the loop must outlive it.
 * Each case runs a one-loop server and checks that the failure is logged once, ends at most its own
 * exchange or connection, that another client is served on the same loop afterwards, that the connection
 * count and the process's sockets return to their baseline, and that {@code stop()} returns.
 */
class FaultInjectionTest {

    /** One kind of callback: how to make it throw over a real socket, and what the faulty client sees. */
    enum Callback {
        NON_BLOCKING_HANDLER(client -> expect500(client.get("/handler"))),
        FILTER(client -> expect500(client.get("/filtered/x"))),
        PROVIDER(client -> expect500(client.get("/provided"))),
        EXCEPTION_HANDLER(client -> expect500(client.get("/mapped"))),
        COMPLETION_STAGE(client -> expect500(client.get("/stage"))),
        SSE_PRODUCER(client -> client.get("/sse/producer")),
        SSE_EVERY_TASK(client -> expectEndedStream(client.get("/sse/every"))),
        ON_WRITABLE(client -> client.get("/sse/writable")),
        ON_CLOSE(client -> expectEndedStream(client.get("/sse/close"))),
        TIMER_TASK(client -> expectEndedStream(client.get("/sse/timer"))),
        LOOP_EXECUTE_TASK(client -> expectEndedStream(client.get("/sse/execute"))),
        UPGRADE_HANDLER(client -> {
            assertTrue(client.upgrade("/upgrade/start", "faulty").startsWith("HTTP/1.1 101"));
            client.awaitEnd();
        }),
        UPGRADED_IO_HANDLER(client -> {
            assertTrue(client.upgrade("/upgrade/ready", "faulty").startsWith("HTTP/1.1 101"));
            client.write(new byte[] {1});
            client.awaitEnd();
        }),
        WEBSOCKET_ON_OPEN(client -> {
            client.upgrade("/ws/open", "websocket");
            assertEquals(1011, client.awaitClose());
        }),
        WEBSOCKET_ON_MESSAGE(client -> {
            client.upgrade("/ws/message", "websocket");
            client.write(RawClient.TEXT_FRAME);
            assertEquals(1011, client.awaitClose());
        }),
        WEBSOCKET_ON_ERROR(client -> {
            client.upgrade("/ws/error", "websocket");
            client.write(RawClient.TEXT_FRAME);
            assertEquals(1011, client.awaitClose());
        }),
        WEBSOCKET_ON_CLOSE(client -> {
            client.upgrade("/ws/close", "websocket");
            client.write(RawClient.CLOSE_FRAME);
            assertEquals(1000, client.awaitClose());
            client.awaitEnd();
        });

        final Trigger trigger;

        Callback(Trigger trigger) {
            this.trigger = trigger;
        }
    }

    @FunctionalInterface
    interface Trigger {
        void fire(RawClient client) throws IOException;
    }

    /**
     * Serves one request and stops once, so that what the JDK opens once per process (the poller of
     * virtual threads' I/O, say) is open before any case counts its baseline.
     */
    @BeforeAll
    static void openWhatTheJdkKeepsOpen() throws Exception {
        GyreServer server = start();
        try (RawClient client = new RawClient(server.port())) {
            client.get("/ok");
        } finally {
            server.stop(Duration.ofSeconds(5));
        }
    }

    static Stream<Arguments> cases() {
        return Arrays.stream(Callback.values())
                .flatMap(c -> Arrays.stream(Fault.values()).map(f -> Arguments.of(c, f)));
    }

    @ParameterizedTest(name = "{0} throws {1}")
    @MethodSource("cases")
    void theLoopOutlivesTheFault(Callback callback, Fault fault) throws Exception {
        fault.arm();
        long socketsBefore = openSockets();
        GyreServer server = start();
        try (LogCapture log = LogCapture.start()) {
            try (RawClient faulty = new RawClient(server.port())) {
                callback.trigger.fire(faulty);
            }
            String text = log.await(t -> t.contains(Fault.MARKER), Duration.ofSeconds(10));
            assertEquals(1, occurrences(text, fault.make().toString()), () -> "logged once:\n" + text);
            try (RawClient other = new RawClient(server.port())) {
                String answer = other.get("/ok");
                assertTrue(answer.startsWith("HTTP/1.1 200") && answer.endsWith("ok"), answer);
            }
            awaitZeroConnections(server);
        } finally {
            assertTimeoutPreemptively(Duration.ofSeconds(20), () -> server.stop(Duration.ofSeconds(5)));
        }
        awaitSockets(socketsBefore);
    }

    private static GyreServer start() {
        return Gyre.builder().port(0).loops(1)
                .handlers(new FaultyHandlers(), new FaultyEndpoints.OnOpenThrows(), new FaultyEndpoints.OnTextThrows(),
                        new FaultyEndpoints.OnErrorThrows(), new FaultyEndpoints.OnCloseThrows())
                .filter("/filtered", (request, next) -> {
                    throw Fault.raise();
                })
                .provide(FaultyHandlers.Dependency.class, scope -> {
                    throw Fault.raise();
                })
                .exceptionHandler(FaultyHandlers.Mapped.class, (e, request) -> {
                    throw Fault.raise();
                })
                .start();
    }

    private static void expect500(String response) {
        assertTrue(response.startsWith("HTTP/1.1 500"), response);
    }

    /** A stream that the server ended itself: its last chunk arrived before the close. */
    private static void expectEndedStream(String response) {
        assertTrue(response.startsWith("HTTP/1.1 200") && response.endsWith("0\r\n\r\n"), response);
    }

    private static int occurrences(String text, String needle) {
        int count = 0;
        for (int i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + 1)) {
            count++;
        }
        return count;
    }

    private static void awaitZeroConnections(GyreServer server) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (server.openConnections() != 0 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertEquals(0, server.openConnections(), "open connections back to the baseline");
    }

    /** Waits for the process's sockets, selectors and pipes to be as many as before; files (jars) are not counted. */
    private static void awaitSockets(long before) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        long now = openSockets();
        while (now > before && System.nanoTime() < deadline) {
            Thread.sleep(20);
            now = openSockets();
        }
        assertTrue(now <= before, "descriptors back to the baseline: " + before + " before, " + now + " after");
    }

    static long openSockets() throws IOException {
        try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
            return fds.filter(fd -> {
                try {
                    return !Files.readSymbolicLink(fd).toString().startsWith("/");
                } catch (IOException gone) {
                    return false;
                }
            }).count();
        }
    }
}
