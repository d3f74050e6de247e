package dev.gyre.http2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gyre.http2.config.Http2Limits;
import dev.gyre.http2.config.Http2Options;
import dev.gyre.server.Gyre;
import dev.gyre.server.GyreServer;
import dev.gyre.server.TrailerRoutes;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Trailers over HTTP/2 on a real server, in raw frames: a response's trailers are a trailing HEADERS with
 * END_STREAM after every DATA byte, also when the peer's window holds the DATA back; request trailers reach
 * whole and streamed handlers; forbidden, pseudo and oversized trailer blocks reset their stream only; a failing
 * supplier gives a 500 or resets the stream, and the connection serves on.
 */
class Http2TrailersTest {
    private static final int SETTINGS_INITIAL_WINDOW_SIZE = 4;
    private static GyreServer server;

    @BeforeAll
    static void start() throws Exception {
        Http2Limits d = Http2Limits.defaults();
        Http2Limits smallLists = new Http2Limits(d.maxConcurrentStreams(), d.initialWindowSize(),
                d.connectionWindowSize(), d.maxFrameSize(), d.headerTableSize(), 400,
                d.maxHeaderBlockBytes(), d.maxContinuationFrames(), d.maxQueuedBytesPerStream(), d.floods());
        server = Gyre.builder().port(0).loops(1).handlers(new TrailerRoutes(), new H2Routes())
                .http2(Http2Options.defaults().withLimits(smallLists)).start();
    }

    @AfterAll
    static void stop() {
        server.stop(Duration.ofSeconds(1));
    }

    @Test
    void aWholeBodyEndsWithTrailingHeaders() throws Exception {
        try (H2SocketClient client = new H2SocketClient(server.port())) {
            client.send(new ClientFrames().start().get(1, "/trailers/fixed").take());
            List<Frame> frames = onStream(client, 1);
            assertEquals(3, frames.size(), "HEADERS, DATA, HEADERS: " + frames);
            Frame.Headers head = (Frame.Headers) frames.get(0);
            Map<String, String> fields = fields(client, head);
            assertEquals("200", fields.get(":status"));
            assertEquals("x-checksum, x-absent, grpc-status", fields.get("trailer"));
            assertEquals("11", fields.get("content-length"), "HTTP/2 keeps the length with trailers");
            assertFalse(head.endStream());
            Frame.Data data = (Frame.Data) frames.get(1);
            assertEquals("fixed body\n", new String(data.data(), StandardCharsets.UTF_8));
            assertFalse(data.endStream(), "END_STREAM rides the trailers");
            Frame.Headers trailers = (Frame.Headers) frames.get(2);
            assertTrue(trailers.endStream());
            assertEquals(Map.of("x-checksum", crc("fixed body\n"), "grpc-status", "0"), fields(client, trailers));
        }
    }

    @Test
    void streamedTrailersWaitBehindDataTheWindowHoldsBack() throws Exception {
        try (H2SocketClient client = new H2SocketClient(server.port())) {
            client.send(new ClientFrames().preface().settings(SETTINGS_INITIAL_WINDOW_SIZE, 4)
                    .get(1, "/trailers/stream?count=3&size=4").take());
            List<Frame> early = onStream(client, 1);
            assertEquals(2, early.size(), "the head and the 4 bytes the window allows, nothing more: " + early);
            assertEquals(4, ((Frame.Data) early.get(1)).data().length);
            client.send(new ClientFrames().windowUpdate(1, 8).take());
            List<Frame> all = onStream(client, 1);
            Frame last = all.get(all.size() - 1);
            assertTrue(last instanceof Frame.Headers h && h.endStream(), "the trailers come last: " + all);
            StringBuilder body = new StringBuilder();
            for (Frame f : all) {
                if (f instanceof Frame.Data d) {
                    assertFalse(d.endStream());
                    body.append(new String(d.data(), StandardCharsets.US_ASCII));
                }
            }
            assertEquals("aaaabbbbcccc", body.toString());
            assertEquals(Map.of("x-bytes", "12", "x-crc32", crc("aaaabbbbcccc")), fields(client, (Frame.Headers) last));
        }
    }

    @Test
    void blockingFileAndEmptyBodiesEndWithTheirTrailers() throws Exception {
        try (H2SocketClient client = new H2SocketClient(server.port())) {
            client.send(new ClientFrames().start().get(1, "/trailers/blocking").get(3, "/trailers/file")
                    .get(5, "/trailers/empty").take());
            assertEquals(Map.of("x-writes", "4"), trailersOf(client, 1));
            assertEquals(Map.of("x-checksum", crc("file body\n")), trailersOf(client, 3));
            assertEquals(Map.of("x-empty", "yes"), trailersOf(client, 5));
            assertEquals(2, onStream(client, 5).size(), "an empty body: the head, then the trailers at once");
        }
    }

    /**
     * A HEAD answer is the head alone, with the framing fields a GET's head has (RFC 9110 §9.3.2): the same
     * {@code content-length} for a whole body, none for a stream, and the same {@code trailer}.
     */
    @Test
    void aHeadRequestGetsTheHeadAGetWouldHaveAlone() throws Exception {
        try (H2SocketClient client = new H2SocketClient(server.port())) {
            client.send(new ClientFrames().start().get(1, "/trailers/fixed").get(3, "/trailers/stream")
                    .headers(5, true, ":method", "HEAD", ":scheme", "http", ":path", "/trailers/fixed",
                            ":authority", "x")
                    .headers(7, true, ":method", "HEAD", ":scheme", "http", ":path", "/trailers/stream",
                            ":authority", "x").take());
            List<Frame> all = client.read(1_000);
            for (int[] pair : new int[][] {{1, 5}, {3, 7}}) {
                Map<String, String> get = headOf(client, all, pair[0]);
                Map<String, String> head = headOf(client, all, pair[1]);
                assertEquals(get.get("content-length"), head.get("content-length"), "stream " + pair[1]);
                assertEquals(get.get("trailer"), head.get("trailer"), "stream " + pair[1]);
                List<Frame> onHead = all.stream().filter(f -> f instanceof Frame.Headers h && h.streamId() == pair[1]
                        || f instanceof Frame.Data d && d.streamId() == pair[1]).toList();
                assertEquals(1, onHead.size(), onHead.toString());
                assertTrue(((Frame.Headers) onHead.get(0)).endStream());
            }
        }
    }

    @Test
    void aStatusWithoutContentDropsItsTrailersUnaskedAndUnannounced() throws Exception {
        try (H2SocketClient client = new H2SocketClient(server.port())) {
            client.send(new ClientFrames().start().get(1, "/trailers/no-content").take());
            List<Frame> frames = onStream(client, 1);
            assertEquals(1, frames.size(), "the head alone: " + frames);
            Frame.Headers head = (Frame.Headers) frames.get(0);
            assertTrue(head.endStream());
            Map<String, String> fields = fields(client, head);
            assertEquals("204", fields.get(":status"));
            assertFalse(fields.containsKey("trailer"), fields.toString());
        }
    }

    @Test
    void aFailingSupplierGivesA500OrResetsItsStreamAndTheConnectionServesOn() throws Exception {
        try (H2SocketClient client = new H2SocketClient(server.port())) {
            client.send(new ClientFrames().start().get(1, "/trailers/failing-fixed")
                    .get(3, "/trailers/failing-stream").get(5, "/trailers/failing-stream?badValue=true").take());
            assertEquals("500", status(client, 1, 3_000));
            assertEquals(Http2ErrorCode.INTERNAL_ERROR.code(), reset(client, 3));
            assertEquals(Http2ErrorCode.INTERNAL_ERROR.code(), reset(client, 5));
            client.send(new ClientFrames().get(7, "/hello").take());
            assertEquals("200", status(client, 7, 3_000), "the connection serves on");
            assertTrue(client.goAway() == null);
        }
    }

    @Test
    void requestTrailersReachAWholeBodyHandler() throws Exception {
        try (H2SocketClient client = new H2SocketClient(server.port())) {
            ClientFrames frames = new ClientFrames().start();
            client.send(frames.headers(1, false, ":method", "POST", ":scheme", "http", ":path", "/trailers/echo",
                    ":authority", "x").data(1, "hello".getBytes(StandardCharsets.US_ASCII), false)
                    .headers(1, true, "x-checksum", "1234", "x-note", "two words").take());
            assertEquals("hello\nx-checksum=1234\nx-note=two words\n", body(client, 1));
        }
    }

    @Test
    void requestTrailersReachAStreamingHandlerOnceTheBodyHasEnded() throws Exception {
        try (H2SocketClient client = new H2SocketClient(server.port())) {
            ClientFrames frames = new ClientFrames().start();
            client.send(frames.headers(1, false, ":method", "POST", ":scheme", "http", ":path",
                    "/trailers/stream-echo", ":authority", "x", "expect", "100-continue").take());
            assertEquals("100", status(client, 1, 3_000), "the handler's first read asks for the body");
            client.send(frames.data(1, "abc".getBytes(StandardCharsets.US_ASCII), false)
                    .headers(1, true, "x-sum", "42").take());
            assertEquals("not yet\nabc\nx-sum=42\n", body(client, 1));
        }
    }

    @Test
    void forbiddenPseudoAndOversizedTrailersResetTheirStreamOnly() throws Exception {
        try (H2SocketClient client = new H2SocketClient(server.port())) {
            ClientFrames frames = new ClientFrames().start();
            String[][] trailers = {{"content-length", "5"}, {"host", "evil"}, {"authorization", "Basic eA=="},
                    {"trailer", "x"}, {":path", "/"}};
            int id = 1;
            for (String[] field : trailers) {
                client.send(frames.headers(id, false, ":method", "POST", ":scheme", "http", ":path",
                        "/trailers/echo", ":authority", "x").data(id, new byte[] {'Z'}, false)
                        .headers(id, true, field).take());
                assertEquals(Http2ErrorCode.PROTOCOL_ERROR.code(), reset(client, id), field[0]);
                id += 2;
            }
            client.send(frames.headers(id, false, ":method", "POST", ":scheme", "http", ":path", "/trailers/echo",
                    ":authority", "x").data(id, new byte[] {'Z'}, false)
                    .headers(id, true, "x-big", "v".repeat(500)).take());
            assertEquals(Http2ErrorCode.CANCEL.code(), reset(client, id), "over maxHeaderListSize");
            client.send(frames.get(id + 2, "/hello").take());
            assertEquals("200", status(client, id + 2, 3_000), "the connection serves on");
        }
    }

    /** Every header block decoded so far, each once and in arrival order, as HPACK's dynamic table needs. */
    private final Map<Frame, Map<String, String>> blocks = new IdentityHashMap<>();

    private Map<String, String> fields(H2SocketClient client, Frame.Headers block) throws Exception {
        for (Frame f : client.read(0)) {
            if (f instanceof Frame.Headers h && !blocks.containsKey(h)) {
                blocks.put(h, client.fields(h));
            }
            if (f == block) {
                break;
            }
        }
        return blocks.get(block);
    }

    /** The fields of the first header block on {@code streamId} among {@code frames}. */
    private Map<String, String> headOf(H2SocketClient client, List<Frame> frames, int streamId) throws Exception {
        for (Frame f : frames) {
            if (f instanceof Frame.Headers h && h.streamId() == streamId) {
                return fields(client, h);
            }
        }
        throw new AssertionError("no head on stream " + streamId + ": " + frames);
    }

    /** The {@code :status} of the first header block on {@code streamId}, reading up to {@code millis} for it. */
    private String status(H2SocketClient client, int streamId, long millis) throws Exception {
        long deadline = System.nanoTime() + millis * 1_000_000;
        do {
            for (Frame f : onStream(client, streamId, 100)) {
                if (f instanceof Frame.Headers h) {
                    return fields(client, h).get(":status");
                }
            }
        } while (System.nanoTime() < deadline);
        return "none";
    }

    /** The frames received on {@code streamId} so far, reading for up to a second more. */
    private static List<Frame> onStream(H2SocketClient client, int streamId) throws Exception {
        return onStream(client, streamId, 1_000);
    }

    private static List<Frame> onStream(H2SocketClient client, int streamId, long millis) throws Exception {
        List<Frame> on = new ArrayList<>();
        for (Frame f : client.read(millis)) {
            boolean mine = switch (f) {
                case Frame.Headers h -> h.streamId() == streamId;
                case Frame.Data d -> d.streamId() == streamId;
                case Frame.RstStream r -> r.streamId() == streamId;
                default -> false;
            };
            if (mine) {
                on.add(f);
            }
        }
        return on;
    }

    private Map<String, String> trailersOf(H2SocketClient client, int streamId) throws Exception {
        List<Frame> frames = onStream(client, streamId);
        Frame last = frames.isEmpty() ? null : frames.get(frames.size() - 1);
        assertTrue(last instanceof Frame.Headers h && h.endStream(), "stream " + streamId + ": " + frames);
        return fields(client, (Frame.Headers) last);
    }

    private static String body(H2SocketClient client, int streamId) throws Exception {
        StringBuilder body = new StringBuilder();
        boolean ended = false;
        for (Frame f : onStream(client, streamId)) {
            if (f instanceof Frame.Data d) {
                body.append(new String(d.data(), StandardCharsets.UTF_8));
                ended |= d.endStream();
            }
        }
        assertTrue(ended, "stream " + streamId + " ended with DATA");
        return body.toString();
    }

    private static int reset(H2SocketClient client, int streamId) throws Exception {
        Frame.RstStream rst = null;
        for (Frame f : onStream(client, streamId)) {
            if (f instanceof Frame.RstStream r) {
                rst = r;
            }
        }
        assertNotNull(rst, "stream " + streamId + " was reset");
        return rst.errorCode();
    }

    private static String crc(String text) {
        CRC32 crc = new CRC32();
        crc.update(text.getBytes(StandardCharsets.UTF_8));
        return Long.toHexString(crc.getValue());
    }
}
