package dev.gyre.http2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.gyre.handler.Get;
import dev.gyre.http.HttpLimits;
import dev.gyre.http.Response;
import dev.gyre.http2.config.Http2Options;
import dev.gyre.server.Gyre;
import dev.gyre.server.GyreServer;
import dev.gyre.server.StreamingHandlers;
import dev.gyre.server.TestHandlers;
import dev.gyre.server.Timeouts;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The life of an HTTP/2 connection on a running server: graceful stop (GOAWAY, open streams finish, close), the
 * idle and request-body deadlines, and the builder's switches for the two h2c ways in.
 */
class Http2LifecycleTest {

    @Test
    void stopSendsGoAwayLetsTheOpenStreamFinishThenCloses() throws Exception {
        GyreServer server = Gyre.builder().port(0).loops(1).handlers(new H2Routes(), new TestHandlers(), new StreamingHandlers()).start();
        try (H2SocketClient client = new H2SocketClient(server.port())) {
            client.send(new ClientFrames().start().get(1, "/sleep/1500").take());
            client.read(300);
            long started = System.nanoTime();
            CompletableFuture<Void> stopped = CompletableFuture.runAsync(() -> server.stop(Duration.ofSeconds(10)));
            assertTrue(client.awaitClose(15_000), "closed after the stream finished");
            stopped.get();
            List<Frame> frames = client.read(0);
            List<Frame.GoAway> goAways = frames.stream().filter(Frame.GoAway.class::isInstance)
                    .map(Frame.GoAway.class::cast).toList();
            assertEquals(Integer.MAX_VALUE, goAways.getFirst().lastStreamId(), "first: start no more streams");
            assertEquals(1, goAways.getLast().lastStreamId(), "then: stream 1 is the last one served");
            assertEquals(Http2ErrorCode.NO_ERROR.code(), goAways.getLast().errorCode());
            Frame.Headers response = frames.stream().filter(Frame.Headers.class::isInstance)
                    .map(Frame.Headers.class::cast).findFirst().orElseThrow();
            assertEquals("200", client.fields(response).get(":status"), "the open stream was answered");
            assertTrue(frames.indexOf(goAways.getFirst()) < frames.indexOf(response), "GOAWAY came before it");
            assertTrue(System.nanoTime() - started < 9_000_000_000L, "well within the grace");
        }
    }

    @Test
    void anIdleConnectionGetsGoAwayAndIsClosed() throws Exception {
        GyreServer server = Gyre.builder().port(0).loops(1)
                .timeouts(Timeouts.defaults().withIdle(Duration.ofMillis(800))).handlers(new H2Routes(), new TestHandlers(), new StreamingHandlers()).start();
        try (H2SocketClient client = new H2SocketClient(server.port())) {
            client.send(new ClientFrames().start().get(1, "/hello").take());
            long started = System.nanoTime();
            assertTrue(client.awaitClose(10_000), "closed when idle");
            assertTrue(System.nanoTime() - started > 600_000_000L, "not before the idle timeout");
            Frame.GoAway goAway = client.goAway();
            assertNotNull(goAway);
            assertEquals(1, goAway.lastStreamId());
            assertEquals(Http2ErrorCode.NO_ERROR.code(), goAway.errorCode());
        } finally {
            server.stop(Duration.ofSeconds(1));
        }
    }

    @Test
    void aRequestBodyThatStopsComingIsAnsweredOrResetOnItsStreamOnly() throws Exception {
        GyreServer server = Gyre.builder().port(0).loops(1)
                .timeouts(Timeouts.defaults().withBodyRead(Duration.ofMillis(700))).handlers(new H2Routes(), new TestHandlers(), new StreamingHandlers()).start();
        try (H2SocketClient client = new H2SocketClient(server.port())) {
            ClientFrames frames = new ClientFrames().start();
            frames.headers(1, false, ":method", "POST", ":scheme", "http", ":path", "/echo", ":authority", "a",
                    "content-length", "10").data(1, new byte[2], false);
            frames.headers(3, false, ":method", "POST", ":scheme", "http", ":path", "/upload", ":authority", "a",
                    "content-length", "10").data(3, new byte[2], false);
            client.send(frames.take());
            client.read(3_000);
            Frame.Headers answer = client.read(0).stream().filter(Frame.Headers.class::isInstance)
                    .map(Frame.Headers.class::cast).filter(h -> h.streamId() == 1).findFirst().orElseThrow();
            assertEquals("408", client.fields(answer).get(":status"), "a buffered body's handler never ran");
            assertTrue(client.read(0).stream().anyMatch(f -> f instanceof Frame.RstStream r && r.streamId() == 3
                    && r.errorCode() == Http2ErrorCode.CANCEL.code()), "a streamed body's stream was reset");
            client.send(new ClientFrames().get(5, "/hello").take());
            assertTrue(client.read(2_000).stream().anyMatch(f -> f instanceof Frame.Headers h && h.streamId() == 5),
                    "the connection serves on");
            assertTrue(!client.ended());
        } finally {
            server.stop(Duration.ofSeconds(1));
        }
    }

    @Test
    void stopEndsAnOpenEventStreamSoTheConnectionClosesBeforeTheGrace() throws Exception {
        GyreServer server = Gyre.builder().port(0).loops(1).handlers(new H2Routes(), new TestHandlers(), new StreamingHandlers()).start();
        try (H2SocketClient client = new H2SocketClient(server.port())) {
            client.send(new ClientFrames().start().get(1, "/events").take());
            assertTrue(client.read(1_000).stream().anyMatch(f -> f instanceof Frame.Data d && d.streamId() == 1),
                    "the stream is under way");
            long started = System.nanoTime();
            CompletableFuture<Void> stopped = CompletableFuture.runAsync(() -> server.stop(Duration.ofSeconds(20)));
            assertTrue(client.awaitClose(15_000), "closed");
            stopped.get();
            assertTrue(System.nanoTime() - started < 10_000_000_000L, "well before the 20 s grace");
            assertTrue(client.read(0).stream().anyMatch(f -> f instanceof Frame.Data d && d.streamId() == 1
                    && d.endStream()), "the event stream was ended with END_STREAM");
        }
    }

    @Test
    void aPrefaceWithoutARequestIsTimedByTheRequestHeadTimeout() throws Exception {
        GyreServer server = Gyre.builder().port(0).loops(1)
                .timeouts(Timeouts.defaults().withRequestHead(Duration.ofMillis(800)))
                .handlers(new H2Routes(), new TestHandlers(), new StreamingHandlers()).start();
        try (H2SocketClient client = new H2SocketClient(server.port())) {
            client.send(new ClientFrames().start().take());
            long started = System.nanoTime();
            assertTrue(client.awaitClose(15_000), "closed long before the 60 s idle timeout");
            assertTrue(System.nanoTime() - started > 600_000_000L, "not before the request-head timeout");
            assertNotNull(client.goAway(), "with GOAWAY");
        } finally {
            server.stop(Duration.ofSeconds(1));
        }
    }

    @Test
    void eofWhileTheWindowIsShutClosesAndGivesBackTheBodyBudget() throws Exception {
        GyreServer server = Gyre.builder().port(0).loops(1)
                .limits(HttpLimits.defaults().withMaxBufferedBodies(64 * 1024))
                .handlers(new H2Routes(), new TestHandlers(), new StreamingHandlers()).start();
        try (H2SocketClient holder = new H2SocketClient(server.port())) {
            holder.send(new ClientFrames().preface().settings(Http2Settings.INITIAL_WINDOW_SIZE, 0)
                    .headers(1, false, ":method", "POST", ":scheme", "http", ":path", "/echo", ":authority", "a",
                            "content-length", "40000").data(1, new byte[16_000], false).data(1, new byte[16_000], false)
                    .data(1, new byte[8_000], true).take());
            holder.read(500);
            assertEquals("503", echoStatus(server.port()), "the held echo keeps its body's budget meanwhile");
            holder.shutdownOutput();
            assertTrue(holder.awaitClose(10_000), "EOF with a response the window holds: closed, well before 30 s");
            String status = echoStatus(server.port());
            for (int i = 0; i < 20 && !"200".equals(status); i++) {
                Thread.sleep(100);
                status = echoStatus(server.port());
            }
            assertEquals("200", status, "the budget came back with the close");
        } finally {
            server.stop(Duration.ofSeconds(1));
        }
    }

    @Test
    void eofWhileAStreamedResponseIsUnderWayResetsItAndItsProducerStops() throws Exception {
        EndlessStream endless = new EndlessStream();
        GyreServer server = Gyre.builder().port(0).loops(1).handlers(endless).start();
        try (H2SocketClient client = new H2SocketClient(server.port())) {
            client.send(new ClientFrames().start().headers(1, true, ":method", "GET", ":scheme", "http",
                    ":path", "/endless", ":authority", "a").take());
            assertEquals("200", client.status(1, 5_000));
            long deadline = System.nanoTime() + 5_000_000_000L;
            while (endless.written.get() < 3 && System.nanoTime() < deadline) {
                client.read(100);
            }
            assertTrue(endless.written.get() >= 3, "the stream was flowing before the FIN");
            client.shutdownOutput();
            assertTrue(client.awaitClose(10_000), "EOF while a response streams: the connection closes");
            assertTrue(client.read(0).stream().anyMatch(f -> f instanceof Frame.RstStream r && r.streamId() == 1
                    && r.errorCode() == Http2ErrorCode.CANCEL.code()), "the stream was reset with CANCEL");
            assertTrue(endless.ended.await(10, TimeUnit.SECONDS), "the producer saw its stream closed");
        } finally {
            server.stop(Duration.ofSeconds(1));
        }
    }

    /** A response that streams a line every 20 ms for as long as its stream is open. */
    public static final class EndlessStream {
        final AtomicInteger written = new AtomicInteger();
        final CountDownLatch ended = new CountDownLatch(1);

        @Get("/endless")
        public Response endless() {
            return Response.streamBlocking("text/event-stream", out -> {
                try {
                    while (true) {
                        out.write("data: tick\n\n".getBytes(StandardCharsets.US_ASCII));
                        out.flush();
                        written.incrementAndGet();
                        Thread.sleep(20);
                    }
                } finally {
                    ended.countDown();
                }
            });
        }
    }

    private static String echoStatus(int port) throws Exception {
        try (H2SocketClient client = new H2SocketClient(port)) {
            client.send(new ClientFrames().start().headers(1, false, ":method", "POST", ":scheme", "http",
                    ":path", "/echo", ":authority", "a", "content-length", "40000")
                    .data(1, new byte[16_000], false).data(1, new byte[16_000], false).data(1, new byte[8_000], true)
                    .take());
            return client.status(1, 3_000);
        }
    }

    @Test
    void bothH2cWaysCanBeSwitchedOff() throws Exception {
        GyreServer server = Gyre.builder().port(0).loops(1)
                .http2(Http2Options.defaults().withPriorKnowledge(false).withUpgrade(false))
                .handlers(new H2Routes(), new TestHandlers(), new StreamingHandlers()).start();
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), server.port())) {
            socket.getOutputStream().write(new ClientFrames().start().take());
            socket.setSoTimeout(5_000);
            InputStream in = socket.getInputStream();
            String answer = new String(in.readNBytes(12), StandardCharsets.US_ASCII);
            assertEquals("HTTP/1.1 505", answer, "the preface is an HTTP/2.0 request line to HTTP/1.1");
        }
        try {
            assumeTrue(RealClientsTest.installed("curl"));
            RealClientsTest.Result upgrade = RealClientsTest.run("curl", "-sS", "--http2", "-w", " %{http_version}",
                    "http://127.0.0.1:" + server.port() + "/hello");
            assertEquals("hello over h2\n 1.1", upgrade.out(), "answered in HTTP/1.1, not upgraded");
        } finally {
            server.stop(Duration.ofSeconds(1));
        }
    }
}
