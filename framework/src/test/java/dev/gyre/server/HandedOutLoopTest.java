package dev.gyre.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gyre.connection.InputDiscardingProtocol;
import dev.gyre.connection.Wire;
import dev.gyre.http.Exchange;
import dev.gyre.http.HttpHandler;
import dev.gyre.http.LoopExecutor;
import dev.gyre.http.Response;
import dev.gyre.loop.EventLoop;
import dev.gyre.sse.ServerSentEvents;
import java.io.InputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What the public API hands out as a connection's loop ({@code Exchange.loop()} on HTTP/1.1 and HTTP/2,
 * {@code ResponseStream.loop()}, {@code SseStream.loop()}, an upgrade's {@code Context.loop()} and its
 * {@code Wire.loop()}) is a {@link LoopExecutor} and nothing more: not the {@link EventLoop}, so that even on the
 * class path no cast reaches the loop's thread-only machinery. The tasks given to it still run on the loop, and
 * one that throws still leaves the loop serving.
 */
class HandedOutLoopTest {
    private static final Map<String, LoopExecutor> handedOut = new ConcurrentHashMap<>();
    private static GyreServer server;

    /** Records the loop each surface hands out, under the surface's name, then answers. */
    private static final HttpHandler RECORDING = (Exchange exchange) -> {
        String version = exchange.request().version().text();
        switch (exchange.request().path()) {
            case "/exchange" -> {
                handedOut.put("Exchange.loop() over " + version, exchange.loop());
                exchange.respond(Response.text("exchange"));
            }
            case "/stream" -> exchange.respond(Response.stream("text/plain", stream -> {
                handedOut.put("ResponseStream.loop() over " + version, stream.loop());
                stream.write("stream");
                stream.close();
            }));
            case "/sse" -> exchange.respond(ServerSentEvents.stream(exchange.request(), events -> {
                handedOut.put("SseStream.loop()", events.loop());
                events.send("sse");
                events.close();
            }));
            case "/upgrade" -> exchange.respond(Response.of(101).header("Connection", "Upgrade")
                    .header("Upgrade", "x-test").upgrade(context -> {
                        handedOut.put("Upgrade.Context.loop()", context.loop());
                        return new RecordingProtocol();
                    }));
            default -> exchange.respond(Response.text("other"));
        }
    };

    /** Records its wire's loop, says so and closes. */
    private static final class RecordingProtocol extends InputDiscardingProtocol {
        @Override
        public void start(Wire wire, ByteBuffer leftover) {
            handedOut.put("Wire.loop()", wire.loop());
            wire.write("upgraded\n".getBytes(StandardCharsets.US_ASCII));
            wire.closeAfterFlush();
        }
    }

    @BeforeAll
    static void start() {
        server = OnCompleteTest.start(RECORDING);
    }

    @AfterAll
    static void stop() {
        server.stop(Duration.ofSeconds(1));
    }

    @Test
    void everyLoopTheApiHandsOutIsTheLoopsOneExecutorAndNotTheLoop() throws Exception {
        try (HttpClient http1 = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
                HttpClient http2 = HttpClient.newBuilder().version(HttpClient.Version.HTTP_2).build()) {
            for (String path : List.of("/exchange", "/stream", "/sse")) {
                assertEquals(200, get(http1, path).statusCode(), path);
            }
            get(http2, "/other"); // the h2c upgrade; later requests are streams of the HTTP/2 connection
            for (String path : List.of("/exchange", "/stream")) {
                HttpResponse<String> answer = get(http2, path);
                assertEquals(HttpClient.Version.HTTP_2, answer.version(), path);
                assertEquals(200, answer.statusCode(), path);
            }
        }
        assertTrue(upgrade().endsWith("\r\n\r\nupgraded\n"), "the upgraded protocol ran");

        assertEquals(7, handedOut.size(), "every surface was reached: " + handedOut.keySet());
        LoopExecutor first = handedOut.get("Exchange.loop() over HTTP/1.1");
        handedOut.forEach((surface, executor) -> {
            assertFalse(EventLoop.class.isInstance(executor), surface + " handed out the EventLoop itself");
            assertSame(first, executor, surface + ": the one object the connection's loop hands out");
        });
    }

    @Test
    void theHandedOutLoopRunsTasksOnTheLoopAndOutlivesOneThatThrows() throws Exception {
        try (HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()) {
            assertEquals(200, get(client, "/exchange").statusCode());
            LoopExecutor executor = handedOut.get("Exchange.loop() over HTTP/1.1");
            Thread loopThread = EventLoop.of(executor).thread();
            assertFalse(executor.inLoop(), "the test's thread is not the loop");

            executor.execute(() -> {
                throw new IllegalStateException("a task that fails on purpose");
            });
            var ranOn = new CompletableFuture<Boolean>();
            executor.execute(() -> ranOn.complete(Thread.currentThread() == loopThread && executor.inLoop()));
            assertTrue(ranOn.get(10, TimeUnit.SECONDS), "the next task ran on the loop and saw itself there");

            var scheduledOn = new CompletableFuture<Thread>();
            executor.schedule(() -> scheduledOn.complete(Thread.currentThread()), Duration.ofMillis(100));
            assertSame(loopThread, scheduledOn.get(10, TimeUnit.SECONDS), "a scheduled task runs on the loop");

            assertEquals("exchange", get(client, "/exchange").body(), "the loop serves on");
        }
    }

    private static HttpResponse<String> get(HttpClient client, String path) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String upgrade() throws Exception {
        try (Socket socket = new Socket("127.0.0.1", server.port())) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(("GET /upgrade HTTP/1.1\r\nHost: x\r\nConnection: Upgrade\r\n"
                    + "Upgrade: x-test\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            InputStream in = socket.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
        }
    }
}
