package dev.gyre.http2;

import static dev.gyre.http2.ServerFrames.only;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gyre.http.Headers;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The first flight of real clients, captured from a socket, replayed into the engine in every split: what a
 * client really sends (Huffman-coded fields, nghttp's RFC 7540 priority tree of idle streams, SETTINGS ACK
 * after data) rather than what our own encoder makes.
 */
class CapturedClientBytesTest {
    /** {@code curl 7.88.1 --http2-prior-knowledge -H 'x-trace: abc' --data-binary hello …/echo}. */
    private static final String CURL_POST = """
            505249202a20485454502f322e300d0a0d0a534d0d0a0d0a000012040000000000000300000064000402000000000200
            00000000000408000000000001ff000100004c01040000000183048460a49cff86418b089d5c0b8170dc0bce003f7a88
            25b650c3abbcf2e153032a2f2a4085f2b26c190b821c640f0d01355f981d75d0620d263d4c795bc78f0b4a7b295adb28
            2d443c859300000500010000000168656c6c6f000000040100000000""";

    /** {@code nghttp 1.52.0 -n …/hello}: PRIORITY frames for idle streams 3–11, then HEADERS on 13. */
    private static final String NGHTTP_GET = """
            505249202a20485454502f322e300d0a0d0a534d0d0a0d0a00000c04000000000000030000006400040000ffff000005
            02000000000300000000c800000502000000000500000000640000050200000000070000000000000005020000000009
            000000070000000502000000000b000000030000002d01250000000d0000000b0f8204856272d141ff86418b089d5c0b
            8170dc0bce005f53032a2f2a907a8aaa69d29ac4c0576c4b83000000040100000000""";

    @ParameterizedTest
    @EnumSource(Splits.class)
    void curlsPostArrivesWholeAndIsAnswered(Splits splits) {
        EnginePeer p = new EnginePeer();
        splits.feed(Hex.bytes(CURL_POST), p.connection::receive);
        assertEquals(List.of("request 1 POST /echo", "data 1 5 end"), p.listener.events);
        Http2Request request = p.listener.requests.get(0);
        assertEquals("http", request.scheme());
        assertEquals("127.0.0.1:18601", request.authority());
        assertEquals("abc", request.headers().get("x-trace"));
        assertEquals(5, request.contentLength());
        assertEquals("hello", p.listener.body.toString());

        p.connection.sendHeaders(1, 200, new Headers().add("content-type", "text/plain"), false);
        p.connection.sendData(1, EnginePeer.bytes("hello"), true);
        List<Frame> frames = p.frames();
        Frame.Headers answer = only(frames, Frame.Headers.class).get(0);
        assertEquals(Map.of(":status", "200", "content-type", "text/plain"), p.server.fields(answer));
        assertTrue(only(frames, Frame.Data.class).get(0).endStream());
        assertTrue(only(frames, Frame.GoAway.class).isEmpty());
    }

    @ParameterizedTest
    @EnumSource(Splits.class)
    void nghttpsPriorityTreeIsIgnoredAndItsGetServed(Splits splits) {
        EnginePeer p = new EnginePeer();
        splits.feed(Hex.bytes(NGHTTP_GET), p.connection::receive);
        assertEquals(List.of("request 13 GET /hello end"), p.listener.events);
        assertEquals("127.0.0.1:18602", p.listener.requests.get(0).authority());
        p.connection.sendHeaders(13, 204, new Headers(), true);
        List<Frame> frames = p.frames();
        assertTrue(only(frames, Frame.RstStream.class).isEmpty(), frames::toString);
        assertTrue(only(frames, Frame.GoAway.class).isEmpty(), frames::toString);
        assertEquals(0, p.connection.openStreams());
    }
}
