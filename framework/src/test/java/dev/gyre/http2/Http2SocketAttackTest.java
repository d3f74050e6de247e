package dev.gyre.http2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gyre.server.Gyre;
import dev.gyre.server.GyreServer;
import dev.gyre.server.StreamingHandlers;
import dev.gyre.server.TestHandlers;
import dev.gyre.server.Timeouts;
import dev.gyre.transport.TestCerts;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The attacks of issue 13 against a running server, at the socket: each abusive connection gets GOAWAY and is
 * closed, while a well-behaved client on another connection (the JDK's HttpClient over h2, connected before the
 * attack) is served before and after.
 */
class Http2SocketAttackTest {
    private static final StreamingHandlers streaming = new StreamingHandlers();
    private static GyreServer server;
    private static int clear;
    private static String tlsBase;
    private HttpClient bystander;

    @BeforeAll
    static void start() {
        server = Gyre.builder().port(0).listen(0, TestCerts.tls("localhost")).loops(2)
                .timeouts(Timeouts.defaults().withWrite(Duration.ofSeconds(2)))
                .handlers(new H2Routes(), new TestHandlers(), streaming).start();
        clear = server.addresses().get(0).getPort();
        tlsBase = "https://localhost:" + server.addresses().get(1).getPort();
    }

    @AfterAll
    static void stop() {
        server.stop(Duration.ofSeconds(1));
    }

    @BeforeEach
    void connectBystander() throws Exception {
        bystander = HttpClient.newBuilder().version(HttpClient.Version.HTTP_2)
                .sslContext(TestCerts.trusting("localhost")).build();
        assertBystanderServed();
    }

    @AfterEach
    void bystanderStillServed() throws Exception {
        assertBystanderServed();
        bystander.close();
    }

    private void assertBystanderServed() throws Exception {
        HttpResponse<String> r = bystander.send(HttpRequest.newBuilder(URI.create(tlsBase + "/hello")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode());
        assertEquals(HttpClient.Version.HTTP_2, r.version());
    }

    @Test
    void rapidResetGetsGoAwayAndClose() throws Exception {
        try (H2SocketClient attacker = new H2SocketClient(clear)) {
            ClientFrames frames = new ClientFrames().start();
            for (int i = 0; i < 400; i++) {
                frames.get(1 + 2 * i, "/sleep/1000").rst(1 + 2 * i, Http2ErrorCode.CANCEL);
            }
            attacker.sendQuietly(frames.take());
            assertClosedWith(attacker, Http2ErrorCode.ENHANCE_YOUR_CALM);
        }
    }

    @Test
    void continuationFloodGetsGoAwayAndClose() throws Exception {
        try (H2SocketClient attacker = new H2SocketClient(clear)) {
            ClientFrames frames = new ClientFrames().start();
            byte[] block = frames.block(":method", "GET", ":scheme", "http", ":path", "/hello", ":authority", "a");
            frames.frame(Frame.HEADERS, Frame.FLAG_END_STREAM, 1, block);
            for (int i = 0; i < 10_000; i++) {
                frames.frame(Frame.CONTINUATION, 0, 1, new byte[] {0x40, 1, 'x', 1, 'y'});
            }
            attacker.sendQuietly(frames.take());
            assertClosedWith(attacker, Http2ErrorCode.ENHANCE_YOUR_CALM);
        }
    }

    @Test
    void tooManyStreamsAreRefusedThenTheConnectionIsClosed() throws Exception {
        try (H2SocketClient attacker = new H2SocketClient(clear)) {
            ClientFrames frames = new ClientFrames().start();
            for (int i = 0; i < 400; i++) {
                frames.get(1 + 2 * i, "/sleep/3000");
            }
            attacker.sendQuietly(frames.take());
            assertClosedWith(attacker, Http2ErrorCode.ENHANCE_YOUR_CALM);
            List<Frame.RstStream> refused = attacker.read(0).stream().filter(Frame.RstStream.class::isInstance)
                    .map(Frame.RstStream.class::cast).toList();
            assertTrue(refused.size() >= 100, "streams past the 100th were refused: " + refused.size());
            assertEquals(201, refused.getFirst().streamId(), "the 101st stream is the first refused");
            assertEquals(Http2ErrorCode.REFUSED_STREAM.code(), refused.getFirst().errorCode());
        }
    }

    @Test
    void aPeerThatNeverOpensItsWindowHoldsBoundedBytesThenIsClosed() throws Exception {
        try (H2SocketClient attacker = windowShutGet("/firehose?bytes=100000000")) {
            attacker.read(1_000);
            long held = streaming.produced.get();
            assertTrue(held < 512 * 1024, "the producer was held back: " + held + " bytes made");
            long started = System.nanoTime();
            assertTrue(attacker.awaitClose(15_000), "closed once the write timeout passed without a window");
            assertNotNull(attacker.goAway(), "a GOAWAY came first");
            assertTrue(System.nanoTime() - started > 500_000_000L, "not before the write timeout");
            assertTrue(streaming.produced.get() < 512 * 1024, "and the producer made no more meanwhile");
        }
    }

    @Test
    void aSmallResponseHeldByAWindowOfZeroIsClosedAfterTheWriteTimeout() throws Exception {
        try (H2SocketClient attacker = windowShutGet("/hello")) {
            long started = System.nanoTime();
            assertTrue(attacker.awaitClose(15_000), "a few held bytes start the write timeout too");
            assertNotNull(attacker.goAway(), "a GOAWAY came first");
            assertTrue(System.nanoTime() - started > 1_000_000_000L, "not before the write timeout");
        }
    }

    @Test
    void aPeerThatOpensItsWindowAByteAtATimeIsClosedBelowTheMinimumResponseRate() throws Exception {
        try (H2SocketClient attacker = windowShutGet("/big?size=100000")) {
            long started = System.nanoTime();
            long trickleUntil = started + 20_000_000_000L;
            while (!attacker.ended() && System.nanoTime() < trickleUntil) {
                attacker.sendQuietly(new ClientFrames().windowUpdate(1, 1).take());
                attacker.read(500);
            }
            assertTrue(attacker.ended(), "a byte every 500 ms, under the 2 s write timeout, does not keep it open");
            assertNotNull(attacker.goAway(), "a GOAWAY came first");
            long took = System.nanoTime() - started;
            assertTrue(took > 2_000_000_000L, "not before the write timeout and the rate's grace: " + took + " ns");
        }
    }

    /** A client that announces a stream window of 0, then asks for {@code path} on stream 1. */
    private static H2SocketClient windowShutGet(String path) throws Exception {
        H2SocketClient client = new H2SocketClient(clear);
        client.send(new ClientFrames().preface().settings(Http2Settings.INITIAL_WINDOW_SIZE, 0).get(1, path).take());
        return client;
    }

    private static void assertClosedWith(H2SocketClient attacker, Http2ErrorCode code) throws Exception {
        assertTrue(attacker.awaitClose(15_000), "the server closed the connection");
        Frame.GoAway goAway = attacker.goAway();
        assertNotNull(goAway, "a GOAWAY before the close");
        assertEquals(code.code(), goAway.errorCode());
    }
}
