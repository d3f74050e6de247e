package dev.gyre.http2;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

class FrameDecoderTest {
    private static final byte[] ABC = "abc".getBytes(StandardCharsets.US_ASCII);

    @ParameterizedTest
    @EnumSource(Splits.class)
    void readsEveryFrameTypeFedInPieces(Splits splits) throws Exception {
        ClientFrames c = new ClientFrames().preface().settings(Http2Settings.INITIAL_WINDOW_SIZE, 1000,
                0x99, 7);
        c.frame(Frame.HEADERS, Frame.FLAG_END_HEADERS | Frame.FLAG_PADDED | Frame.FLAG_PRIORITY, 1,
                Hex.bytes("02 80000003 10 82 0000"));
        c.frame(Frame.CONTINUATION, Frame.FLAG_END_HEADERS, 1, Hex.bytes("84"));
        c.paddedData(1, ABC, 4, true);
        c.priority(3, 1).rst(1, Http2ErrorCode.CANCEL).settingsAck().ping(0x0102030405060708L);
        c.frame(0xEE, 0xFF, 5, new byte[300]);                  // an unknown type is skipped
        c.frame(Frame.PUSH_PROMISE, Frame.FLAG_END_HEADERS, 1, Hex.bytes("00000002"));
        c.goAway(7, Http2ErrorCode.NO_ERROR).windowUpdate(0, 65_535).windowUpdate(1, 1);
        List<Frame> frames = decodeAll(c.bytes(), splits);

        assertEquals(13, frames.size(), frames.toString());
        Frame.Settings settings = assertInstanceOf(Frame.Settings.class, frames.get(0));
        assertEquals((long) Http2Settings.INITIAL_WINDOW_SIZE << 32 | 1000, settings.parameters()[0]);
        assertEquals(0x99L << 32 | 7, settings.parameters()[1], "unknown settings are read and later ignored");
        Frame.Headers headers = assertInstanceOf(Frame.Headers.class, frames.get(1));
        assertArrayEquals(Hex.bytes("82"), headers.fragment(), "padding and priority are stripped");
        assertEquals(3, headers.dependency());
        assertTrue(headers.endHeaders());
        assertInstanceOf(Frame.Continuation.class, frames.get(2));
        Frame.Data data = assertInstanceOf(Frame.Data.class, frames.get(3));
        assertArrayEquals(ABC, data.data());
        assertEquals(1 + 3 + 4, data.flowLength());
        assertTrue(data.endStream());
        assertEquals(new Frame.Priority(3, 1), frames.get(4));
        assertEquals(new Frame.RstStream(1, Http2ErrorCode.CANCEL.code()), frames.get(5));
        assertTrue(assertInstanceOf(Frame.Settings.class, frames.get(6)).ack());
        assertEquals(new Frame.Ping(false, 0x0102030405060708L), frames.get(7));
        assertEquals(new Frame.Unknown(0xEE, 5), frames.get(8));
        assertEquals(new Frame.PushPromise(1), frames.get(9));
        Frame.GoAway goAway = assertInstanceOf(Frame.GoAway.class, frames.get(10));
        assertEquals(7, goAway.lastStreamId());
        assertEquals(new Frame.WindowUpdate(0, 65_535), frames.get(11));
        assertEquals(new Frame.WindowUpdate(1, 1), frames.get(12));
    }

    @Test
    void resumesWhereTheBytesRanOut() throws Exception {
        byte[] bytes = new ClientFrames().data(1, ABC, false).bytes();
        FrameDecoder d = new FrameDecoder(false, 16_384);
        assertNull(d.next(ByteBuffer.wrap(bytes, 0, 5)));
        assertNull(d.next(ByteBuffer.wrap(bytes, 5, 5)));
        Frame.Data data = assertInstanceOf(Frame.Data.class, d.next(ByteBuffer.wrap(bytes, 10, bytes.length - 10)));
        assertArrayEquals(ABC, data.data());
    }

    @Test
    void aWrongPrefaceIsAProtocolError() {
        byte[] http1 = "GET / HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
        assertError(Http2ErrorCode.PROTOCOL_ERROR, http1, true);
    }

    @Test
    void eachFrameRuleHasItsError() {
        Object[][] cases = {
            {Http2ErrorCode.FRAME_SIZE_ERROR, new ClientFrames().data(1, new byte[16_385], false)},
            {Http2ErrorCode.PROTOCOL_ERROR, new ClientFrames().data(0, ABC, false)},
            {Http2ErrorCode.PROTOCOL_ERROR, new ClientFrames().frame(Frame.HEADERS, 4, 0, Hex.bytes("82"))},
            {Http2ErrorCode.PROTOCOL_ERROR, new ClientFrames().frame(Frame.DATA, Frame.FLAG_PADDED, 1,
                    Hex.bytes("03 6162"))},
            {Http2ErrorCode.FRAME_SIZE_ERROR, new ClientFrames().frame(Frame.DATA, Frame.FLAG_PADDED, 1, new byte[0])},
            {Http2ErrorCode.FRAME_SIZE_ERROR, new ClientFrames().frame(Frame.HEADERS,
                    Frame.FLAG_PRIORITY | Frame.FLAG_END_HEADERS, 1, Hex.bytes("000000"))},
            {Http2ErrorCode.FRAME_SIZE_ERROR, new ClientFrames().frame(Frame.PRIORITY, 0, 1, new byte[4])},
            {Http2ErrorCode.PROTOCOL_ERROR, new ClientFrames().frame(Frame.PRIORITY, 0, 0, new byte[5])},
            {Http2ErrorCode.FRAME_SIZE_ERROR, new ClientFrames().frame(Frame.RST_STREAM, 0, 1, new byte[3])},
            {Http2ErrorCode.PROTOCOL_ERROR, new ClientFrames().rst(0, Http2ErrorCode.CANCEL)},
            {Http2ErrorCode.FRAME_SIZE_ERROR, new ClientFrames().frame(Frame.SETTINGS, 0, 0, new byte[5])},
            {Http2ErrorCode.FRAME_SIZE_ERROR, new ClientFrames().frame(Frame.SETTINGS, Frame.FLAG_ACK, 0, new byte[6])},
            {Http2ErrorCode.PROTOCOL_ERROR, new ClientFrames().frame(Frame.SETTINGS, 0, 1, new byte[0])},
            {Http2ErrorCode.PROTOCOL_ERROR, new ClientFrames().settings(Http2Settings.ENABLE_PUSH, 2)},
            {Http2ErrorCode.FLOW_CONTROL_ERROR, new ClientFrames().settings(Http2Settings.INITIAL_WINDOW_SIZE,
                    1L << 31)},
            {Http2ErrorCode.PROTOCOL_ERROR, new ClientFrames().settings(Http2Settings.MAX_FRAME_SIZE, 16_383)},
            {Http2ErrorCode.PROTOCOL_ERROR, new ClientFrames().settings(Http2Settings.MAX_FRAME_SIZE, 1 << 24)},
            {Http2ErrorCode.FRAME_SIZE_ERROR, new ClientFrames().frame(Frame.PING, 0, 0, new byte[7])},
            {Http2ErrorCode.PROTOCOL_ERROR, new ClientFrames().frame(Frame.PING, 0, 1, new byte[8])},
            {Http2ErrorCode.FRAME_SIZE_ERROR, new ClientFrames().frame(Frame.GOAWAY, 0, 0, new byte[7])},
            {Http2ErrorCode.PROTOCOL_ERROR, new ClientFrames().frame(Frame.GOAWAY, 0, 3, new byte[8])},
            {Http2ErrorCode.FRAME_SIZE_ERROR, new ClientFrames().frame(Frame.WINDOW_UPDATE, 0, 1, new byte[5])},
            {Http2ErrorCode.PROTOCOL_ERROR, new ClientFrames().frame(Frame.CONTINUATION, 4, 0, new byte[1])},
        };
        for (Object[] c : cases) {
            assertError((Http2ErrorCode) c[0], ((ClientFrames) c[1]).bytes(), false);
        }
    }

    @Test
    void aLargerAnnouncedFrameSizeIsAccepted() throws Exception {
        FrameDecoder d = new FrameDecoder(false, 20_000);
        Frame f = d.next(ByteBuffer.wrap(new ClientFrames().data(1, new byte[20_000], false).bytes()));
        assertEquals(20_000, assertInstanceOf(Frame.Data.class, f).data().length);
    }

    private static void assertError(Http2ErrorCode code, byte[] bytes, boolean preface) {
        for (Splits splits : Splits.values()) {
            FrameDecoder d = new FrameDecoder(preface, 16_384);
            Http2Exception e = assertThrows(Http2Exception.class, () -> {
                for (ByteBuffer piece : splits.pieces(bytes)) {
                    while (d.next(piece) != null) {
                        continue;
                    }
                }
            }, () -> code + " expected for " + Hex.format(bytes));
            assertEquals(code, e.code(), e.getMessage());
            assertTrue(e.isConnectionError());
        }
    }

    static List<Frame> decodeAll(byte[] bytes, Splits splits) throws Http2Exception {
        FrameDecoder d = new FrameDecoder(true, 16_384);
        List<Frame> frames = new ArrayList<>();
        for (ByteBuffer piece : splits.pieces(bytes)) {
            for (Frame f; (f = d.next(piece)) != null; ) {
                frames.add(f);
            }
            assertEquals(0, piece.remaining());
        }
        return frames;
    }
}
