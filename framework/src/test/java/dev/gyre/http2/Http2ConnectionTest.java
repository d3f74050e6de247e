package dev.gyre.http2;

import static dev.gyre.http2.ServerFrames.only;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gyre.http.Headers;
import dev.gyre.http2.config.Http2Limits;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Whole exchanges through the engine, and the rules of RFC 9113 §5, §6 and §8 that need its state. */
class Http2ConnectionTest {
    @ParameterizedTest
    @EnumSource(Splits.class)
    void aGetIsAnsweredWithHeadersAndData(Splits splits) {
        EnginePeer p = new EnginePeer();
        p.splits = splits;
        p.send(p.client.start());
        List<Frame> preface = p.frames();
        Frame.Settings settings = assertInstanceOf(Frame.Settings.class, preface.get(0));
        assertEquals((long) Http2Settings.MAX_CONCURRENT_STREAMS << 32 | 100, settings.parameters()[0]);
        assertEquals(new Frame.WindowUpdate(0, (1 << 20) - 65_535), preface.get(1));
        assertTrue(assertInstanceOf(Frame.Settings.class, preface.get(2)).ack(), "the client's SETTINGS acked");

        p.send(p.client.get(1, "/hello"));
        assertEquals(List.of("request 1 GET /hello end"), p.listener.events);
        Http2Request request = p.listener.requests.get(0);
        assertEquals("https", request.scheme());
        assertEquals("example.com", request.authority());
        assertEquals(-1, request.contentLength());

        p.connection.sendHeaders(1, 200, new Headers().add("Content-Type", "text/plain").add("Connection", "close"),
                false);
        assertTrue(p.connection.sendData(1, EnginePeer.bytes("hello"), true));
        List<Frame> frames = p.frames();
        assertEquals(2, frames.size(), frames::toString);
        Frame.Headers headers = assertInstanceOf(Frame.Headers.class, frames.get(0));
        assertEquals(Map.of(":status", "200", "content-type", "text/plain"), p.server.fields(headers),
                "names lowered, connection-specific fields dropped");
        Frame.Data data = assertInstanceOf(Frame.Data.class, frames.get(1));
        assertArrayEquals("hello".getBytes(StandardCharsets.US_ASCII), data.data());
        assertTrue(data.endStream());
        assertEquals(0, p.connection.openStreams());
        assertFalse(p.connection.isFinished());
    }

    @ParameterizedTest
    @EnumSource(Splits.class)
    void aPostBodyAndTrailersArriveInOrder(Splits splits) {
        EnginePeer p = new EnginePeer().started();
        p.splits = splits;
        p.send(p.client.headers(1, false, ":method", "POST", ":scheme", "http", ":path", "/echo",
                        ":authority", "a", "content-length", "5", "cookie", "a=1", "cookie", "b=2")
                .data(1, "he".getBytes(StandardCharsets.US_ASCII), false)
                .paddedData(1, "llo".getBytes(StandardCharsets.US_ASCII), 10, false)
                .headers(1, true, "x-checksum", "42"));
        assertEquals(List.of("request 1 POST /echo", "data 1 2", "data 1 3", "trailers 1"), p.listener.events);
        assertEquals("hello", p.listener.body.toString());
        assertEquals("42", p.listener.trailers.get("x-checksum"));
        assertEquals("a=1; b=2", p.listener.requests.get(0).headers().get("cookie"), "cookies joined (§8.2.3)");
        assertEquals(5, p.listener.requests.get(0).contentLength());
        p.connection.sendHeaders(1, 204, new Headers(), true);
        assertEquals(0, p.connection.openStreams());
    }

    @Test
    void dataThatDoesNotMatchContentLengthResetsTheStream() {
        EnginePeer p = new EnginePeer().started();
        p.send(p.client.headers(1, false, ":method", "POST", ":scheme", "http", ":path", "/", "content-length", "2")
                .data(1, new byte[3], true));
        assertRst(p.frames(), 1, Http2ErrorCode.PROTOCOL_ERROR);
        assertEquals(List.of("request 1 POST /", "reset 1 PROTOCOL_ERROR"), p.listener.events);

        p.send(p.client.headers(3, false, ":method", "POST", ":scheme", "http", ":path", "/", "content-length", "4")
                .data(3, new byte[3], true));
        assertRst(p.frames(), 3, Http2ErrorCode.PROTOCOL_ERROR);
        p.send(p.client.headers(5, true, ":method", "POST", ":scheme", "http", ":path", "/", "content-length", "4"));
        assertRst(p.frames(), 5, Http2ErrorCode.PROTOCOL_ERROR);
    }

    @Test
    void theReceiveWindowOpensOnlyAsTheListenerConsumes() {
        EnginePeer p = new EnginePeer().started();
        p.send(p.client.headers(1, false, ":method", "POST", ":scheme", "http", ":path", "/")
                .data(1, new byte[16_384], false).data(1, new byte[16_384], false).data(1, new byte[16_000], false));
        List<Frame> frames = p.frames();
        assertTrue(only(frames, Frame.WindowUpdate.class).stream().allMatch(w -> w.streamId() == 0),
                "nothing consumed yet: no WINDOW_UPDATE for the stream " + frames);
        p.connection.consumed(1, 16_384);
        assertTrue(p.frames().isEmpty(), "less than half the window consumed: no update yet");
        p.connection.consumed(1, 16_384);
        assertEquals(List.of(new Frame.WindowUpdate(1, 32_768)), p.frames());

        p.send(p.client.data(1, new byte[16_384], false).data(1, new byte[16_384], false)
                .data(1, new byte[16_384], false));
        assertTrue(only(p.frames(), Frame.RstStream.class).isEmpty(), "65,535 - 48,768 + 32,768 bytes fit");
        p.send(p.client.data(1, new byte[16_384], false));
        assertRst(p.frames(), 1, Http2ErrorCode.FLOW_CONTROL_ERROR);
        assertTrue(p.listener.events.contains("reset 1 FLOW_CONTROL_ERROR"));
    }

    @Test
    void responsesNeverExceedThePeersWindows() {
        EnginePeer p = new EnginePeer();
        p.send(p.client.preface().settings(Http2Settings.INITIAL_WINDOW_SIZE, 10)).frames();
        p.send(p.client.get(1, "/"));
        p.connection.sendHeaders(1, 200, new Headers(), false);
        assertTrue(p.connection.sendData(1, ByteBuffer.wrap(new byte[100]), true));
        List<Frame> frames = p.frames();
        assertEquals(10, only(frames, Frame.Data.class).get(0).data().length);
        assertFalse(only(frames, Frame.Data.class).get(0).endStream());

        p.send(p.client.windowUpdate(1, 50));
        frames = p.frames();
        assertEquals(50, only(frames, Frame.Data.class).get(0).data().length);

        p.send(p.client.settings(Http2Settings.INITIAL_WINDOW_SIZE, 100));
        frames = p.frames();
        Frame.Data last = only(frames, Frame.Data.class).get(0);
        assertEquals(40, last.data().length, "the new initial window applies to the open stream (§6.9.2)");
        assertTrue(last.endStream());
        assertEquals(0, p.connection.openStreams());
    }

    @Test
    void theConnectionWindowIsSharedAndAfterItStreamsAreServedInOrder() {
        EnginePeer p = new EnginePeer();
        p.send(p.client.preface().settings(Http2Settings.INITIAL_WINDOW_SIZE, 1 << 20)).frames();
        p.send(p.client.get(1, "/a").get(3, "/b"));
        p.connection.sendHeaders(1, 200, new Headers(), false);
        p.connection.sendHeaders(3, 200, new Headers(), false);
        p.connection.sendData(1, ByteBuffer.wrap(new byte[60_000]), true);
        p.connection.sendData(3, ByteBuffer.wrap(new byte[60_000]), true);
        int sent = only(p.frames(), Frame.Data.class).stream().mapToInt(d -> d.data().length).sum();
        assertEquals(65_535, sent, "the connection window holds the rest back");
        p.send(p.client.windowUpdate(0, 100_000));
        List<Frame.Data> data = only(p.frames(), Frame.Data.class);
        assertEquals(120_000 - 65_535, data.stream().mapToInt(d -> d.data().length).sum());
        assertTrue(data.get(data.size() - 1).endStream());
        assertTrue(data.stream().allMatch(d -> d.data().length <= 16_384), "frames within the peer's frame size");
    }

    @Test
    void aStreamThatCannotSendSaysSoAndIsToldWhenItCan() {
        EnginePeer p = new EnginePeer(limits(100, 1000));
        p.send(p.client.preface().settings(Http2Settings.INITIAL_WINDOW_SIZE, 0)).frames();
        p.send(p.client.get(1, "/"));
        p.connection.sendHeaders(1, 200, new Headers(), false);
        assertFalse(p.connection.sendData(1, ByteBuffer.wrap(new byte[1500]), false));
        assertThrows(IllegalStateException.class, () -> p.connection.sendData(1, ByteBuffer.wrap(new byte[1]), false));
        assertTrue(only(p.frames(), Frame.Data.class).isEmpty());
        p.send(p.client.windowUpdate(1, 1000));
        assertEquals(List.of("request 1 GET / end", "writable 1"), p.listener.events);
        assertEquals(1000, only(p.frames(), Frame.Data.class).get(0).data().length);
    }

    @Test
    void windowOverflowsAreFlowControlErrors() {
        EnginePeer p = new EnginePeer().started();
        p.send(p.client.get(1, "/").windowUpdate(1, Integer.MAX_VALUE));
        assertRst(p.frames(), 1, Http2ErrorCode.FLOW_CONTROL_ERROR);

        EnginePeer q = new EnginePeer().started();
        q.send(q.client.get(1, "/").settings(Http2Settings.INITIAL_WINDOW_SIZE, Integer.MAX_VALUE)
                .windowUpdate(1, 1));
        q.send(q.client.settings(Http2Settings.INITIAL_WINDOW_SIZE, Integer.MAX_VALUE));
        assertRst(q.frames(), 1, Http2ErrorCode.FLOW_CONTROL_ERROR);

        EnginePeer r = new EnginePeer().started();
        r.send(r.client.windowUpdate(0, Integer.MAX_VALUE));
        assertEquals(Http2ErrorCode.FLOW_CONTROL_ERROR.code(), r.goAway(r.frames()).errorCode());
        assertTrue(r.connection.isFinished());
    }

    @Test
    void streamStateRulesGiveTheRightErrors() {
        assertConnectionError(Http2ErrorCode.PROTOCOL_ERROR, c -> c.data(1, new byte[1], false), "DATA on idle");
        assertConnectionError(Http2ErrorCode.PROTOCOL_ERROR, c -> c.get(2, "/"), "even stream id");
        assertConnectionError(Http2ErrorCode.PROTOCOL_ERROR, c -> c.get(5, "/").get(3, "/"), "id going down");
        assertConnectionError(Http2ErrorCode.PROTOCOL_ERROR, c -> c.windowUpdate(1, 1), "WINDOW_UPDATE on idle");
        assertConnectionError(Http2ErrorCode.PROTOCOL_ERROR, c -> c.rst(1, Http2ErrorCode.CANCEL), "RST on idle");
        assertConnectionError(Http2ErrorCode.PROTOCOL_ERROR, c -> c.windowUpdate(0, 0), "zero connection increment");
        assertConnectionError(Http2ErrorCode.PROTOCOL_ERROR,
                c -> c.frame(Frame.PUSH_PROMISE, 4, 1, new byte[4]), "PUSH_PROMISE from a client");
        assertConnectionError(Http2ErrorCode.PROTOCOL_ERROR,
                c -> c.frame(Frame.CONTINUATION, 4, 1, new byte[] {(byte) 0x82}), "CONTINUATION without HEADERS");
        assertConnectionError(Http2ErrorCode.PROTOCOL_ERROR, c -> c.frame(Frame.HEADERS, 0, 1, c.block(":method",
                "GET")).ping(1), "a PING inside a header block");
        assertConnectionError(Http2ErrorCode.PROTOCOL_ERROR, c -> c.frame(Frame.HEADERS, 0, 1, c.block(":method",
                "GET")).frame(0xEE, 0, 0, new byte[2]), "an unknown frame inside a header block");
        assertConnectionError(Http2ErrorCode.PROTOCOL_ERROR, c -> c.frame(Frame.HEADERS, 0, 1, c.block(":method",
                "GET")).frame(Frame.CONTINUATION, 4, 3, new byte[0]), "a CONTINUATION of another stream");
        assertConnectionError(Http2ErrorCode.COMPRESSION_ERROR,
                c -> c.frame(Frame.HEADERS, 5, 1, Hex.bytes("80")), "HPACK index 0");

        EnginePeer p = new EnginePeer();
        p.send(p.client.preface().ping(1));
        assertEquals(Http2ErrorCode.PROTOCOL_ERROR.code(), p.goAway(p.frames()).errorCode(),
                "the preface must go on with SETTINGS (§3.4)");
    }

    @Test
    void framesOnHalfClosedAndClosedStreamsAreStreamClosed() {
        EnginePeer p = new EnginePeer().started();
        p.send(p.client.get(1, "/").data(1, new byte[1], false));
        assertRst(p.frames(), 1, Http2ErrorCode.STREAM_CLOSED);

        p.send(p.client.headers(5, false, ":method", "POST", ":scheme", "http", ":path", "/")
                .rst(5, Http2ErrorCode.CANCEL).data(5, new byte[1], false));
        assertRst(p.frames(), 5, Http2ErrorCode.STREAM_CLOSED);
        assertTrue(p.listener.events.contains("reset 5 CANCEL"));

        p.send(p.client.headers(7, false, ":method", "POST", ":scheme", "http", ":path", "/"));
        p.connection.reset(7, Http2ErrorCode.INTERNAL_ERROR);
        p.send(p.client.data(7, new byte[1], false).windowUpdate(7, 5).rst(7, Http2ErrorCode.CANCEL));
        List<Frame> frames = p.frames();
        assertEquals(List.of(new Frame.RstStream(7, Http2ErrorCode.INTERNAL_ERROR.code())),
                only(frames, Frame.RstStream.class), "frames the client sent before seeing our reset are ignored");

        p.send(p.client.windowUpdate(5, 0));
        assertRst(p.frames(), 5, Http2ErrorCode.PROTOCOL_ERROR);
        assertFalse(p.connection.isFinished());
    }

    @Test
    void framesAfterBothEndsAreAConnectionErrorButLateWindowUpdatesAreNot() {
        for (boolean headers : new boolean[] {false, true}) {
            EnginePeer p = new EnginePeer().started();
            p.send(p.client.get(1, "/"));
            p.connection.sendHeaders(1, 200, new Headers(), true);
            p.send(p.client.windowUpdate(1, 10).rst(1, Http2ErrorCode.CANCEL).priority(1, 0));
            assertTrue(only(p.frames(), Frame.GoAway.class).isEmpty(), "permitted after END_STREAM (§5.1)");
            p.send(headers ? p.client.get(1, "/") : p.client.data(1, new byte[1], false));
            assertEquals(Http2ErrorCode.STREAM_CLOSED.code(), p.goAway(p.frames()).errorCode());
        }
    }

    @Test
    void priorityIsAcceptedAndIgnoredButNotOnItself() {
        EnginePeer p = new EnginePeer().started();
        p.send(p.client.priority(1, 0).priority(3, 1).get(5, "/"));
        assertEquals(List.of("request 5 GET / end"), p.listener.events);
        assertTrue(only(p.frames(), Frame.RstStream.class).isEmpty());
        p.send(p.client.priority(7, 7));
        assertRst(p.frames(), 7, Http2ErrorCode.PROTOCOL_ERROR);
        p.send(p.client.frame(Frame.HEADERS, Frame.FLAG_END_HEADERS | Frame.FLAG_END_STREAM | Frame.FLAG_PRIORITY, 9,
                concat(Hex.bytes("00000009 10"), p.client.block(":method", "GET", ":scheme", "http", ":path", "/"))));
        assertRst(p.frames(), 9, Http2ErrorCode.PROTOCOL_ERROR);
    }

    @Test
    void pingIsAnsweredWithItsDataButAPingAckIsNot() {
        EnginePeer p = new EnginePeer().started();
        p.send(p.client.ping(0xCAFEL));
        assertEquals(List.of(new Frame.Ping(true, 0xCAFEL)), p.frames());
        p.send(p.client.frame(Frame.PING, Frame.FLAG_ACK, 0, ClientFrames.longBytes(5)));
        assertTrue(p.frames().isEmpty());
    }

    @Test
    void undefinedFlagsTheReservedBitAndUnknownCodesAndSettingsAreIgnored() {
        EnginePeer p = new EnginePeer().started();
        p.send(p.client.frame(Frame.PING, 0xFE, 0, ClientFrames.longBytes(1))
                .frame(Frame.HEADERS, Frame.FLAG_END_HEADERS | Frame.FLAG_END_STREAM | 0xD2, 0x8000_0001,
                        p.client.block(":method", "GET", ":scheme", "http", ":path", "/"))
                .settings(0x99, 1)
                .rst(1, Http2ErrorCode.NO_ERROR).frame(Frame.RST_STREAM, 0, 1, ClientFrames.int32Bytes(0xFF)));
        List<Frame> frames = p.frames();
        assertEquals(List.of("request 1 GET / end", "reset 1 NO_ERROR"), p.listener.events);
        assertTrue(only(frames, Frame.GoAway.class).isEmpty(), frames::toString);
        assertEquals(new Frame.Ping(true, 1), only(frames, Frame.Ping.class).get(0));
        p.send(p.client.frame(Frame.GOAWAY, 0, 0, Hex.bytes("00000000 000000ff")));
        assertEquals("goaway 0 INTERNAL_ERROR", p.listener.events.get(2), "an unknown code means INTERNAL_ERROR");
    }

    @Test
    void severalInitialWindowSizesInOneFrameApplyInOrderAndMayMakeAWindowNegative() {
        EnginePeer p = new EnginePeer();
        p.send(p.client.preface().settings()).frames();
        p.send(p.client.get(1, "/"));
        p.connection.sendHeaders(1, 200, new Headers(), false);
        p.connection.sendData(1, ByteBuffer.wrap(new byte[1000]), true);
        assertEquals(1000, only(p.frames(), Frame.Data.class).get(0).data().length);
        p.send(p.client.get(3, "/"));
        p.connection.sendHeaders(3, 200, new Headers(), false);
        p.send(p.client.settings(Http2Settings.INITIAL_WINDOW_SIZE, 100, Http2Settings.INITIAL_WINDOW_SIZE, 10));
        p.frames();
        p.connection.sendData(3, ByteBuffer.wrap(new byte[50]), true);
        assertEquals(10, only(p.frames(), Frame.Data.class).get(0).data().length, "the last value counts");
        p.send(p.client.settings(Http2Settings.INITIAL_WINDOW_SIZE, 0).windowUpdate(3, 5));
        assertTrue(only(p.frames(), Frame.Data.class).isEmpty(), "the window went to -10, then -5");
        p.send(p.client.windowUpdate(3, 45));
        assertEquals(40, only(p.frames(), Frame.Data.class).get(0).data().length);
    }

    @Test
    void malformedRequestsResetTheirStreamOnly() {
        String[][] requests = {
            {":method", "GET", ":scheme", "http", ":path", "/", "X-Upper", "1"},
            {":method", "GET", ":scheme", "http", ":path", "/", "connection", "keep-alive"},
            {":method", "GET", ":scheme", "http", ":path", "/", "transfer-encoding", "chunked"},
            {":method", "GET", ":scheme", "http", ":path", "/", "te", "gzip"},
            {":method", "GET", ":scheme", "http"},
            {":method", "GET", ":path", "/"},
            {":scheme", "http", ":path", "/"},
            {":method", "GET", ":scheme", "http", "accept", "*/*", ":path", "/"},
            {":method", "GET", ":scheme", "http", ":path", "/", ":status", "200"},
            {":method", "GET", ":scheme", "http", ":path", "/", ":protocol", "websocket"},
            {":method", "GET", ":method", "POST", ":scheme", "http", ":path", "/"},
            {":method", "GET", ":scheme", "http", ":path", ""},
            {":method", "GET", ":scheme", "http", ":path", "index.html"},
            {":method", "GET", ":scheme", "http", ":path", "/", ":authority", "a", "host", "b"},
            {":method", "GET", ":scheme", "http", ":path", "/", ":authority", "user@a"},
            {":method", "GET", ":scheme", "http", ":path", "/a b"},
            {":method", "GET", ":scheme", "http", ":path", "/a\r\nx: y"},
            {":method", "GE T", ":scheme", "http", ":path", "/"},
            {":method", "GET", ":scheme", "ht tp", ":path", "/"},
            {":method", "GET", ":scheme", "http", ":path", "/", ":authority", "a\u00e9"},
            {":method", "GET", ":scheme", "http", ":path", "/", "x", "bad\nvalue"},
            {":method", "GET", ":scheme", "http", ":path", "/", "x", "bell\u0007"},
            {":method", "GET", ":scheme", "http", ":path", "/", "x", "del\u007f"},
            {":method", "GET", ":scheme", "http", ":path", "/", "x", " padded"},
            {":method", "GET", ":scheme", "http", ":path", "/", "content-length", "12a"},
            {":method", "CONNECT", ":scheme", "http", ":path", "/", ":authority", "a:443"},
        };
        EnginePeer p = new EnginePeer().started();
        int id = 1;
        for (int round = 0; round < 2; round++) {
            for (String[] request : requests) {
                p.send(p.client.headers(id, true, request));
                assertRst(p.frames(), id, Http2ErrorCode.PROTOCOL_ERROR);
                id += 2;
            }
        }
        assertTrue(p.listener.events.isEmpty(), p.listener.events::toString);
        p.send(p.client.headers(id, true, ":method", "CONNECT", ":authority", "a:443"));
        p.send(p.client.headers(id + 2, true, ":method", "OPTIONS", ":scheme", "http", ":path", "*"));
        assertEquals(List.of("request " + id + " CONNECT null end", "request " + (id + 2) + " OPTIONS * end"),
                p.listener.events);
    }

    @Test
    void trailersMustEndTheStreamAndCarryNoPseudoHeaders() {
        EnginePeer p = new EnginePeer().started();
        p.send(p.client.headers(1, false, ":method", "POST", ":scheme", "http", ":path", "/")
                .headers(1, false, "x-a", "1"));
        assertRst(p.frames(), 1, Http2ErrorCode.PROTOCOL_ERROR);
        p.send(p.client.headers(3, false, ":method", "POST", ":scheme", "http", ":path", "/")
                .headers(3, true, ":path", "/again"));
        assertRst(p.frames(), 3, Http2ErrorCode.PROTOCOL_ERROR);
    }

    @Test
    void aHeaderListOverTheLimitIsAnswered431AndTheConnectionLivesOn() {
        EnginePeer p = new EnginePeer().started();
        p.send(p.client.frame(Frame.HEADERS, Frame.FLAG_END_STREAM, 1, p.client.block(":method", "GET",
                        ":scheme", "http", ":path", "/", "x-big", "v".repeat(16_000)))
                .frame(Frame.CONTINUATION, 0, 1, p.client.block("x-big2", "w".repeat(10_000)))
                .frame(Frame.CONTINUATION, Frame.FLAG_END_HEADERS, 1, new byte[0]));
        List<Frame> frames = p.frames();
        Frame.Headers answer = only(frames, Frame.Headers.class).get(0);
        assertEquals(Map.of(":status", "431"), p.server.fields(answer));
        assertTrue(answer.endStream());
        assertTrue(p.listener.events.isEmpty());
        p.send(p.client.get(3, "/"));
        assertEquals(List.of("request 3 GET / end"), p.listener.events);
    }

    @Test
    void aHeaderBlockSplitAnywhereAcrossContinuationsDecodesTheSame() {
        byte[] block = Hex.bytes(HpackDecoderTest.C4_1);
        for (int cut = 0; cut <= block.length; cut++) {
            for (Splits splits : Splits.values()) {
                EnginePeer p = new EnginePeer().started();
                p.splits = splits;
                p.send(p.client.frame(Frame.HEADERS, Frame.FLAG_END_STREAM, 1,
                                Arrays.copyOfRange(block, 0, cut))
                        .frame(Frame.CONTINUATION, Frame.FLAG_END_HEADERS, 1,
                                Arrays.copyOfRange(block, cut, block.length)));
                assertEquals(List.of("request 1 GET / end"), p.listener.events, "cut at " + cut);
                assertEquals("www.example.com", p.listener.requests.get(0).authority());
            }
        }
    }

    @Test
    void tooManyStreamsAreRefused() {
        EnginePeer p = new EnginePeer(limits(2, 64 * 1024)).started();
        p.send(p.client.get(1, "/").get(3, "/").get(5, "/"));
        assertRst(p.frames(), 5, Http2ErrorCode.REFUSED_STREAM);
        assertEquals(2, p.connection.openStreams());
        p.connection.sendHeaders(1, 200, new Headers(), true);
        p.send(p.client.get(7, "/"));
        assertEquals(List.of("request 1 GET / end", "request 3 GET / end", "request 7 GET / end"), p.listener.events);
    }

    @Test
    void aGracefulGoAwayAnnouncesThenNamesTheLastStreamAndLetsItFinish() {
        EnginePeer p = new EnginePeer().started();
        p.send(p.client.get(1, "/"));
        p.connection.goAway();
        List<Frame> frames = p.frames();
        assertEquals(List.of(new Frame.Ping(false, Http2Connection.SHUTDOWN_PING)), only(frames, Frame.Ping.class));
        Frame.GoAway announced = p.goAway(frames);
        assertEquals(Integer.MAX_VALUE, announced.lastStreamId());
        assertEquals(Http2ErrorCode.NO_ERROR.code(), announced.errorCode());

        p.send(p.client.get(3, "/"));
        assertEquals(List.of("request 1 GET / end", "request 3 GET / end"), p.listener.events,
                "a stream started before the client read the GOAWAY is served");
        p.send(p.client.frame(Frame.PING, Frame.FLAG_ACK, 0, ClientFrames.longBytes(Http2Connection.SHUTDOWN_PING)));
        Frame.GoAway last = p.goAway(p.frames());
        assertEquals(3, last.lastStreamId());

        p.send(p.client.get(5, "/"));
        assertEquals(2, p.listener.events.size(), "a stream above the last id is ignored");
        p.connection.sendHeaders(1, 200, new Headers(), true);
        assertFalse(p.connection.isFinished());
        p.connection.sendHeaders(3, 200, new Headers(), true);
        assertTrue(p.connection.isFinished());
    }

    @Test
    void aSecondGoAwayDoesNotWaitForThePing() {
        EnginePeer p = new EnginePeer().started();
        p.send(p.client.get(1, "/"));
        p.connection.goAway();
        p.frames();
        p.connection.goAway();
        assertEquals(1, p.goAway(p.frames()).lastStreamId());
        p.connection.goAway();
        assertTrue(p.frames().isEmpty());
    }

    @Test
    void aConnectionErrorResetsEveryOpenStreamAndDropsWhatFollows() {
        EnginePeer p = new EnginePeer().started();
        p.send(p.client.get(1, "/").get(3, "/").data(9, new byte[1], false));
        Frame.GoAway goAway = p.goAway(p.frames());
        assertEquals(3, goAway.lastStreamId());
        assertEquals(List.of("request 1 GET / end", "request 3 GET / end", "reset 1 PROTOCOL_ERROR",
                "reset 3 PROTOCOL_ERROR"), p.listener.events);
        assertTrue(p.connection.isFinished());
        p.send(p.client.get(5, "/").ping(1));
        assertTrue(p.frames().isEmpty());
        assertThrows(IllegalStateException.class, () -> p.connection.sendHeaders(1, 200, new Headers(), true));
    }

    @Test
    void anH2cUpgradeMakesTheRequestStreamOneWithItsSettings() {
        EnginePeer p = new EnginePeer();
        Http2Request request = new Http2Request("GET", "http", "a", "/up", new Headers(), -1);
        // curl's HTTP2-Settings: MAX_CONCURRENT_STREAMS 100, INITIAL_WINDOW_SIZE 32 MiB, ENABLE_PUSH 0
        p.connection.acceptUpgrade(request, "AAMAAABkAAQCAAAAAAIAAAAA");
        assertEquals(1, p.connection.openStreams());
        List<Frame> preface = p.frames();
        assertTrue(only(preface, Frame.Settings.class).stream().noneMatch(Frame.Settings::ack),
                "the 101 acknowledges HTTP2-Settings; no SETTINGS ACK for them");
        p.send(p.client.start());
        p.frames();
        p.connection.sendHeaders(1, 200, new Headers(), false);
        p.connection.sendData(1, ByteBuffer.wrap(new byte[70_000]), true);
        List<Frame.Data> data = only(p.frames(), Frame.Data.class);
        assertEquals(65_535, data.stream().mapToInt(d -> d.data().length).sum(),
                "the stream's 32 MiB window from HTTP2-Settings; the connection's 65,535 holds the rest");
        p.send(p.client.get(3, "/next"));
        assertEquals(List.of("request 3 GET /next end"), p.listener.events);
    }

    @Test
    void aBadHttp2SettingsRefusesTheUpgrade() {
        Http2Request request = new Http2Request("GET", "http", "a", "/", new Headers(), -1);
        for (String bad : new String[] {"not base64!", "AAMA", "AAIAAAAC"}) {
            EnginePeer p = new EnginePeer();
            assertThrows(IllegalArgumentException.class, () -> p.connection.acceptUpgrade(request, bad), bad);
            assertEquals(0, p.connection.openStreams());
        }
        EnginePeer q = new EnginePeer().started();
        q.send(q.client.get(1, "/"));
        assertThrows(IllegalArgumentException.class, () -> q.connection.acceptUpgrade(request, ""));
    }

    @Test
    void thePeersGoAwayIsReported() {
        EnginePeer p = new EnginePeer().started();
        p.send(p.client.goAway(0, Http2ErrorCode.NO_ERROR));
        assertEquals(List.of("goaway 0 NO_ERROR"), p.listener.events);
        assertTrue(p.connection.isFinished());
    }

    @Test
    void largeResponseHeadersContinueInContinuationFrames() {
        EnginePeer p = new EnginePeer().started();
        p.send(p.client.get(1, "/"));
        p.connection.sendHeaders(1, 200, new Headers().add("x-big", "\u00ff".repeat(30_000)), true);
        List<Frame> frames = p.frames();
        assertEquals(1, only(frames, Frame.Headers.class).size());
        assertFalse(only(frames, Frame.Headers.class).get(0).endHeaders());
        assertTrue(only(frames, Frame.Continuation.class).get(only(frames, Frame.Continuation.class).size() - 1)
                .endHeaders());
    }

    static Http2Limits limits(int maxConcurrentStreams, int maxQueuedBytesPerStream) {
        Http2Limits d = Http2Limits.defaults();
        return new Http2Limits(maxConcurrentStreams, d.initialWindowSize(), d.connectionWindowSize(),
                d.maxFrameSize(), d.headerTableSize(), d.maxHeaderListSize(), d.maxHeaderBlockBytes(),
                d.maxContinuationFrames(), maxQueuedBytesPerStream, d.floods());
    }

    static void assertRst(List<Frame> frames, int streamId, Http2ErrorCode code) {
        assertTrue(frames.contains(new Frame.RstStream(streamId, code.code())),
                () -> "RST_STREAM " + streamId + " " + code + " expected in " + frames);
        assertTrue(only(frames, Frame.GoAway.class).isEmpty(), () -> "no GOAWAY expected in " + frames);
    }

    static void assertConnectionError(Http2ErrorCode code, UnaryOperator<ClientFrames> frames,
                                      String what) {
        for (Splits splits : Splits.values()) {
            EnginePeer p = new EnginePeer().started();
            p.splits = splits;
            p.send(frames.apply(p.client));
            Frame.GoAway goAway = p.goAway(p.frames());
            assertEquals(code, Http2ErrorCode.of(goAway.errorCode()), what);
            assertTrue(p.connection.isFinished(), what);
        }
    }

    static byte[] concat(byte[] a, byte[] b) {
        byte[] c = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        return c;
    }
}
