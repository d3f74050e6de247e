package dev.gyre.http2;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.gyre.server.Gyre;
import dev.gyre.server.GyreServer;
import dev.gyre.server.StreamingHandlers;
import dev.gyre.server.TestHandlers;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * An h2 conformance probe after h2spec's case list (summerwind/h2spec 2.6: generic, http2 §3–§8, hpack), run
 * against a real server socket: each case opens a connection, sends its frames and checks the answer h2spec
 * expects. Where h2spec accepts either a stream error or a connection error, this probe asks for the one RFC 9113
 * names. The results table is written to {@code target/h2-conformance.md} (and is in {@code docs/http2.md}).
 */
class Http2ConformanceProbeTest {
    private static final long PING = 0x0102_0304_0506_0708L;
    private static GyreServer server;

    @BeforeAll
    static void start() {
        server = Gyre.builder().port(0).loops(1).handlers(new H2Routes(), new TestHandlers(), new StreamingHandlers()).start();
    }

    @AfterAll
    static void stop() {
        server.stop(Duration.ofSeconds(1));
    }

    /** What a case expects back. */
    private sealed interface Expect {
        /** A response head on the stream (the request was accepted). */
        record Response(int stream) implements Expect { }

        /** The connection lives: a PING sent after the case is answered, and no GOAWAY comes. */
        record Alive() implements Expect { }

        /** GOAWAY with this code, then the close. */
        record ConnectionError(Http2ErrorCode code) implements Expect { }

        /** RST_STREAM with this code on the stream, the connection alive. */
        record StreamError(int stream, Http2ErrorCode code) implements Expect { }
    }

    private record Case(String id, String what, byte[] bytes, Expect expect) { }

    private static final List<Case> CASES = new ArrayList<>();

    private static void add(String id, String what, UnaryOperator<ClientFrames> frames, Expect expect) {
        CASES.add(new Case(id, what, frames.apply(new ClientFrames().start().settingsAck()).take(), expect));
    }

    private static void raw(String id, String what, byte[] bytes, Expect expect) {
        CASES.add(new Case(id, what, bytes, expect));
    }

    private static Expect response(int stream) {
        return new Expect.Response(stream);
    }

    private static Expect alive() {
        return new Expect.Alive();
    }

    private static Expect connection(Http2ErrorCode code) {
        return new Expect.ConnectionError(code);
    }

    private static Expect stream(int id, Http2ErrorCode code) {
        return new Expect.StreamError(id, code);
    }

    private static final String[] GET = {":method", "GET", ":scheme", "http", ":path", "/hello", ":authority", "a"};
    private static final String[] POST = {":method", "POST", ":scheme", "http", ":path", "/echo", ":authority", "a"};

    /** A request whose handler takes a while, so its stream stays half-closed (remote) while the case goes on. */
    private static final String[] GET_SLOW = {":method", "GET", ":scheme", "http", ":path", "/sleep/1500",
            ":authority", "a"};

    private static String[] with(String[] base, String... more) {
        String[] all = Arrays.copyOf(base, base.length + more.length);
        System.arraycopy(more, 0, all, base.length, more.length);
        return all;
    }

    /** A static-table request block (GET, http, /, :authority a) followed by {@code tail}, raw HPACK bytes. */
    private static byte[] rawBlock(int... tail) {
        byte[] head = {(byte) 0x82, (byte) 0x86, (byte) 0x84, 0x41, 0x01, 'a'};
        byte[] block = Arrays.copyOf(head, head.length + tail.length);
        for (int i = 0; i < tail.length; i++) {
            block[head.length + i] = (byte) tail[i];
        }
        return block;
    }

    private static int[] xy(int prefix) {
        return new int[] {prefix, 1, 'x', 1, 'y'};
    }

    static {
        // generic: every frame type and representation is accepted
        add("generic/1", "client connection preface", f -> f, alive());
        add("generic/2/1", "PRIORITY on an idle stream", f -> f.priority(3, 0), alive());
        add("generic/2/2", "WINDOW_UPDATE on a half-closed (remote) stream",
                f -> f.headers(1, true, with(GET)).windowUpdate(1, 100), response(1));
        add("generic/2/4", "RST_STREAM on a half-closed (remote) stream",
                f -> f.headers(1, true, GET_SLOW).rst(1, Http2ErrorCode.CANCEL), alive());
        add("generic/3.1/1", "a DATA frame", f -> f.headers(1, false, with(POST)).data(1, new byte[] {'x'}, true),
                response(1));
        add("generic/3.1/2", "multiple DATA frames", f -> f.headers(1, false, with(POST))
                .data(1, new byte[] {'x'}, false).data(1, new byte[] {'y'}, true), response(1));
        add("generic/3.1/3", "a DATA frame with padding", f -> f.headers(1, false, with(POST))
                .paddedData(1, new byte[] {'x'}, 8, true), response(1));
        add("generic/3.2/1", "a HEADERS frame", f -> f.headers(1, true, GET), response(1));
        add("generic/3.2/2", "a HEADERS frame with padding", f -> f.frame(Frame.HEADERS,
                Frame.FLAG_END_HEADERS | Frame.FLAG_END_STREAM | Frame.FLAG_PADDED, 1, padded(f.block(GET), 5)),
                response(1));
        add("generic/3.2/3", "a HEADERS frame with priority", f -> f.frame(Frame.HEADERS,
                Frame.FLAG_END_HEADERS | Frame.FLAG_END_STREAM | Frame.FLAG_PRIORITY, 1, prioritized(f.block(GET))),
                response(1));
        add("generic/3.3/5", "PRIORITY for an idle stream, then HEADERS on a lower id",
                f -> f.priority(5, 0).headers(3, true, GET), response(3));
        add("generic/3.4", "a RST_STREAM frame", f -> f.headers(1, false, with(POST)).rst(1, Http2ErrorCode.CANCEL),
                alive());
        add("generic/3.5", "a SETTINGS frame", f -> f.settings(Http2Settings.MAX_CONCURRENT_STREAMS, 50), alive());
        add("generic/3.7", "a PING frame", f -> f.ping(7), alive());
        add("generic/3.8", "a GOAWAY frame", f -> f.goAway(0, Http2ErrorCode.NO_ERROR).ping(PING), alive());
        add("generic/3.9/1", "WINDOW_UPDATE on stream 0", f -> f.windowUpdate(0, 1), alive());
        add("generic/3.10/1", "a CONTINUATION frame", f -> continued(f, f.block(GET), 2), response(1));
        add("generic/3.10/2", "multiple CONTINUATION frames", f -> continued(f, f.block(GET), 5), response(1));
        add("generic/4/2", "a HEAD request", f -> f.headers(1, true, ":method", "HEAD", ":scheme", "http",
                ":path", "/hello", ":authority", "a"), response(1));
        add("generic/4/4", "a POST with trailers", f -> f.headers(1, false, with(POST))
                .data(1, new byte[] {'x'}, false).headers(1, true, "trailer-field", "v"), response(1));
        add("generic/5/1", "HPACK literal, incremental indexing, new name", f -> f.frame(Frame.HEADERS,
                Frame.FLAG_END_HEADERS | Frame.FLAG_END_STREAM, 1, rawBlock(xy(0x40))), response(1));
        add("generic/5/2", "HPACK literal without indexing, new name", f -> f.frame(Frame.HEADERS,
                Frame.FLAG_END_HEADERS | Frame.FLAG_END_STREAM, 1, rawBlock(xy(0x00))), response(1));
        add("generic/5/3", "HPACK literal never indexed, new name", f -> f.frame(Frame.HEADERS,
                Frame.FLAG_END_HEADERS | Frame.FLAG_END_STREAM, 1, rawBlock(xy(0x10))), response(1));
        add("generic/5/4", "HPACK literal without indexing, indexed name", f -> f.frame(Frame.HEADERS,
                Frame.FLAG_END_HEADERS | Frame.FLAG_END_STREAM, 1, rawBlock(0x0F, 0x2B, 1, 'y')), response(1));

        // http2 §3.5 preface
        raw("http2/3.5/1", "client connection preface", new ClientFrames().start().ping(PING).take(), alive());
        raw("http2/3.5/2", "invalid connection preface",
                "PRI * HTTP/2.0\r\n\r\nXX\r\n\r\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII),
                connection(Http2ErrorCode.PROTOCOL_ERROR));
        // §4 frames
        add("http2/4.1/1", "a frame with unknown type", f -> f.frame(0x20, 0, 0, new byte[4]), alive());
        add("http2/4.1/2", "a frame with undefined flag", f -> f.frame(Frame.PING, 0x16, 0, new byte[8]), alive());
        add("http2/4.1/3", "a frame with the reserved bit set", f -> f.frame(Frame.HEADERS,
                Frame.FLAG_END_HEADERS | Frame.FLAG_END_STREAM, 0x8000_0001, f.block(GET)), response(1));
        add("http2/4.2/1", "DATA of 2^14 octets", f -> f.headers(1, false, POST)
                .data(1, new byte[16_384], true), response(1));
        add("http2/4.2/2", "DATA beyond SETTINGS_MAX_FRAME_SIZE", f -> f.headers(1, false, POST)
                .data(1, new byte[16_385], true), connection(Http2ErrorCode.FRAME_SIZE_ERROR));
        add("http2/4.2/3", "HEADERS beyond SETTINGS_MAX_FRAME_SIZE", f -> f.headers(1, true,
                with(GET, "x", "y".repeat(24_000))), connection(Http2ErrorCode.FRAME_SIZE_ERROR));
        add("http2/4.3/1", "an invalid header block fragment", f -> f.frame(Frame.HEADERS,
                Frame.FLAG_END_HEADERS | Frame.FLAG_END_STREAM, 1, new byte[] {(byte) 0xFF, (byte) 0xFF, 0x7F}),
                connection(Http2ErrorCode.COMPRESSION_ERROR));
        add("http2/4.3/2", "PRIORITY inside a header block", f -> f.frame(Frame.HEADERS, Frame.FLAG_END_STREAM, 1,
                f.block(GET)).priority(1, 0), connection(Http2ErrorCode.PROTOCOL_ERROR));
        add("http2/4.3/3", "HEADERS to another stream inside a header block", f -> f.frame(Frame.HEADERS,
                Frame.FLAG_END_STREAM, 1, f.block(GET)).headers(3, true, GET),
                connection(Http2ErrorCode.PROTOCOL_ERROR));
        // §5.1 stream states, ids, concurrency
        add("http2/5.1/1", "idle: DATA", f -> f.data(1, new byte[] {'x'}, true),
                connection(Http2ErrorCode.PROTOCOL_ERROR));
        add("http2/5.1/2", "idle: RST_STREAM", f -> f.rst(1, Http2ErrorCode.CANCEL),
                connection(Http2ErrorCode.PROTOCOL_ERROR));
        add("http2/5.1/3", "idle: WINDOW_UPDATE", f -> f.windowUpdate(1, 100),
                connection(Http2ErrorCode.PROTOCOL_ERROR));
        add("http2/5.1/4", "idle: CONTINUATION", f -> f.frame(Frame.CONTINUATION, Frame.FLAG_END_HEADERS, 1,
                f.block(GET)), connection(Http2ErrorCode.PROTOCOL_ERROR));
        add("http2/5.1/5", "half-closed (remote): DATA", f -> f.headers(1, true, GET_SLOW)
                .data(1, new byte[] {'x'}, true), stream(1, Http2ErrorCode.STREAM_CLOSED));
        add("http2/5.1/6", "half-closed (remote): HEADERS", f -> f.headers(1, true, GET_SLOW)
                .headers(1, true, GET_SLOW), stream(1, Http2ErrorCode.STREAM_CLOSED));
        add("http2/5.1/7", "half-closed (remote): CONTINUATION", f -> f.headers(1, true, GET_SLOW)
                .frame(Frame.CONTINUATION, Frame.FLAG_END_HEADERS, 1, f.block(GET)),
                connection(Http2ErrorCode.PROTOCOL_ERROR));
        add("http2/5.1/8", "closed: DATA after RST_STREAM", f -> f.headers(1, false, POST)
                .rst(1, Http2ErrorCode.CANCEL).data(1, new byte[] {'x'}, true), stream(1, Http2ErrorCode.STREAM_CLOSED));
        add("http2/5.1/9", "closed: HEADERS after RST_STREAM", f -> f.headers(1, false, POST)
                .rst(1, Http2ErrorCode.CANCEL).headers(1, true, GET), stream(1, Http2ErrorCode.STREAM_CLOSED));
        add("http2/5.1/10", "closed: CONTINUATION after RST_STREAM", f -> f.headers(1, false, POST)
                .rst(1, Http2ErrorCode.CANCEL).frame(Frame.CONTINUATION, Frame.FLAG_END_HEADERS, 1, f.block(GET)),
                connection(Http2ErrorCode.PROTOCOL_ERROR));
        add("http2/5.1.1/1", "an even stream id", f -> f.headers(2, true, GET),
                connection(Http2ErrorCode.PROTOCOL_ERROR));
        add("http2/5.1.1/2", "a stream id lower than the previous", f -> f.headers(5, true, GET).headers(3, true, GET),
                connection(Http2ErrorCode.PROTOCOL_ERROR));
        add("http2/5.1.2", "more streams than SETTINGS_MAX_CONCURRENT_STREAMS", f -> {
            for (int i = 0; i < 101; i++) {
                f.headers(1 + 2 * i, true, GET_SLOW);
            }
            return f;
        }, stream(201, Http2ErrorCode.REFUSED_STREAM));
        add("http2/5.3.1/1", "HEADERS depending on itself", f -> f.frame(Frame.HEADERS,
                Frame.FLAG_END_HEADERS | Frame.FLAG_END_STREAM | Frame.FLAG_PRIORITY, 1, dependsOn(1, f.block(GET))),
                stream(1, Http2ErrorCode.PROTOCOL_ERROR));
        add("http2/5.3.1/2", "PRIORITY depending on itself", f -> f.priority(1, 1),
                stream(1, Http2ErrorCode.PROTOCOL_ERROR));
        add("http2/5.4.1/1", "an invalid PING (connection closed)", f -> f.frame(Frame.PING, 0, 0, new byte[6]),
                connection(Http2ErrorCode.FRAME_SIZE_ERROR));
        add("http2/5.5/1", "an unknown extension frame", f -> f.frame(0xFF, 0, 0, new byte[8]), alive());
        add("http2/5.5/2", "an unknown frame inside a header block", f -> f.frame(Frame.HEADERS, Frame.FLAG_END_STREAM,
                1, f.block(GET)).frame(0xFF, 0, 1, new byte[8]), connection(Http2ErrorCode.PROTOCOL_ERROR));
        // §6 frame definitions
        add("http2/6.1/1", "DATA on stream 0", f -> f.data(0, new byte[] {'x'}, true),
                connection(Http2ErrorCode.PROTOCOL_ERROR));
        add("http2/6.1/2", "DATA on a half-closed (remote) stream", f -> f.headers(1, true, GET_SLOW)
                .data(1, new byte[] {'x'}, true), stream(1, Http2ErrorCode.STREAM_CLOSED));
        add("http2/6.1/3", "DATA with an invalid pad length", f -> f.headers(1, false, POST).frame(Frame.DATA,
                Frame.FLAG_PADDED | Frame.FLAG_END_STREAM, 1, new byte[] {9, 'x', 0}),
                connection(Http2ErrorCode.PROTOCOL_ERROR));
        add("http2/6.2/1", "HEADERS without END_HEADERS, then PRIORITY", f -> f.frame(Frame.HEADERS,
                Frame.FLAG_END_STREAM, 1, f.block(GET)).priority(3, 0), connection(Http2ErrorCode.PROTOCOL_ERROR));
        add("http2/6.2/3", "HEADERS on stream 0", f -> f.frame(Frame.HEADERS,
                Frame.FLAG_END_HEADERS | Frame.FLAG_END_STREAM, 0, f.block(GET)),
                connection(Http2ErrorCode.PROTOCOL_ERROR));
        add("http2/6.2/4", "HEADERS with an invalid pad length", f -> f.frame(Frame.HEADERS,
                Frame.FLAG_END_HEADERS | Frame.FLAG_END_STREAM | Frame.FLAG_PADDED, 1, new byte[] {40, (byte) 0x82}),
                connection(Http2ErrorCode.PROTOCOL_ERROR));
        add("http2/6.3/1", "PRIORITY on stream 0", f -> f.priority(0, 1), connection(Http2ErrorCode.PROTOCOL_ERROR));
        // RFC 9113 §6.3 names a stream error; the frame decoder ends the connection, which h2spec accepts too
        add("http2/6.3/2", "PRIORITY of a length other than 5", f -> f.headers(1, false, POST)
                .frame(Frame.PRIORITY, 0, 1, new byte[4]), connection(Http2ErrorCode.FRAME_SIZE_ERROR));
        add("http2/6.4/1", "RST_STREAM on stream 0", f -> f.rst(0, Http2ErrorCode.CANCEL),
                connection(Http2ErrorCode.PROTOCOL_ERROR));
        add("http2/6.4/2", "RST_STREAM on an idle stream", f -> f.rst(3, Http2ErrorCode.CANCEL),
                connection(Http2ErrorCode.PROTOCOL_ERROR));
        add("http2/6.4/3", "RST_STREAM of a length other than 4", f -> f.headers(1, false, POST)
                .frame(Frame.RST_STREAM, 0, 1, new byte[3]), connection(Http2ErrorCode.FRAME_SIZE_ERROR));
        add("http2/6.5/1", "SETTINGS with ACK and a payload", f -> f.frame(Frame.SETTINGS, Frame.FLAG_ACK, 0,
                new byte[6]), connection(Http2ErrorCode.FRAME_SIZE_ERROR));
        add("http2/6.5/2", "SETTINGS on a stream other than 0", f -> f.frame(Frame.SETTINGS, 0, 1, new byte[0]),
                connection(Http2ErrorCode.PROTOCOL_ERROR));
        add("http2/6.5/3", "SETTINGS of a length not a multiple of 6", f -> f.frame(Frame.SETTINGS, 0, 0,
                new byte[3]), connection(Http2ErrorCode.FRAME_SIZE_ERROR));
        add("http2/6.5.2/1", "SETTINGS_ENABLE_PUSH other than 0 or 1", f -> f.settings(Http2Settings.ENABLE_PUSH, 2),
                connection(Http2ErrorCode.PROTOCOL_ERROR));
        add("http2/6.5.2/2", "SETTINGS_INITIAL_WINDOW_SIZE above 2^31-1", f -> f.settings(
                Http2Settings.INITIAL_WINDOW_SIZE, 0x8000_0000L), connection(Http2ErrorCode.FLOW_CONTROL_ERROR));
        add("http2/6.5.2/3", "SETTINGS_MAX_FRAME_SIZE below 2^14", f -> f.settings(Http2Settings.MAX_FRAME_SIZE,
                16_383), connection(Http2ErrorCode.PROTOCOL_ERROR));
        add("http2/6.5.2/4", "SETTINGS_MAX_FRAME_SIZE above 2^24-1", f -> f.settings(Http2Settings.MAX_FRAME_SIZE,
                1 << 24), connection(Http2ErrorCode.PROTOCOL_ERROR));
        add("http2/6.5.2/5", "SETTINGS with an unknown identifier", f -> f.settings(0xFF, 1), alive());
        add("http2/6.5.3/1", "several SETTINGS_INITIAL_WINDOW_SIZE values", f -> f.settings(
                Http2Settings.INITIAL_WINDOW_SIZE, 100, Http2Settings.INITIAL_WINDOW_SIZE, 1).headers(1, true, GET),
                response(1));
        add("http2/6.5.3/2", "SETTINGS without ACK is acknowledged", f -> f.settings(
                Http2Settings.MAX_CONCURRENT_STREAMS, 10), alive());
        add("http2/6.7/1", "a PING is answered", f -> f, alive());
        add("http2/6.7/2", "a PING with ACK is not answered", f -> f.frame(Frame.PING, Frame.FLAG_ACK, 0,
                new byte[8]), alive());
        add("http2/6.7/3", "PING on a stream other than 0", f -> f.frame(Frame.PING, 0, 1, new byte[8]),
                connection(Http2ErrorCode.PROTOCOL_ERROR));
        add("http2/6.7/4", "PING of a length other than 8", f -> f.frame(Frame.PING, 0, 0, new byte[7]),
                connection(Http2ErrorCode.FRAME_SIZE_ERROR));
        add("http2/6.8/1", "GOAWAY on a stream other than 0", f -> f.frame(Frame.GOAWAY, 0, 1, new byte[8]),
                connection(Http2ErrorCode.PROTOCOL_ERROR));
        add("http2/6.9/1", "WINDOW_UPDATE of 0 on the connection", f -> f.windowUpdate(0, 0),
                connection(Http2ErrorCode.PROTOCOL_ERROR));
        add("http2/6.9/2", "WINDOW_UPDATE of 0 on a stream", f -> f.headers(1, false, POST).windowUpdate(1, 0),
                stream(1, Http2ErrorCode.PROTOCOL_ERROR));
        add("http2/6.9/3", "WINDOW_UPDATE of a length other than 4", f -> f.frame(Frame.WINDOW_UPDATE, 0, 0,
                new byte[3]), connection(Http2ErrorCode.FRAME_SIZE_ERROR));
        add("http2/6.9.1/1", "an initial window of 1, then a request", f -> f.settings(
                Http2Settings.INITIAL_WINDOW_SIZE, 1).headers(1, true, GET), response(1));
        add("http2/6.9.1/2", "the connection window above 2^31-1", f -> f.windowUpdate(0, 0x7FFF_FFFF)
                .windowUpdate(0, 0x7FFF_FFFF), connection(Http2ErrorCode.FLOW_CONTROL_ERROR));
        add("http2/6.9.1/3", "a stream window above 2^31-1", f -> f.headers(1, false, POST)
                .windowUpdate(1, 0x7FFF_FFFF).windowUpdate(1, 0x7FFF_FFFF), stream(1, Http2ErrorCode.FLOW_CONTROL_ERROR));
        add("http2/6.9.2/2", "SETTINGS that make a window negative", f -> f.settings(
                Http2Settings.INITIAL_WINDOW_SIZE, 0).headers(1, true, GET).settings(
                Http2Settings.INITIAL_WINDOW_SIZE, 1), response(1));
        add("http2/6.9.2/3", "SETTINGS_INITIAL_WINDOW_SIZE above the maximum", f -> f.settings(
                Http2Settings.INITIAL_WINDOW_SIZE, 0x8000_0000L), connection(Http2ErrorCode.FLOW_CONTROL_ERROR));
        add("http2/6.10/2", "CONTINUATION followed by another frame", f -> f.frame(Frame.HEADERS, Frame.FLAG_END_STREAM,
                1, f.block(GET)).frame(Frame.CONTINUATION, 0, 1, new byte[0]).data(1, new byte[1], true),
                connection(Http2ErrorCode.PROTOCOL_ERROR));
        add("http2/6.10/3", "CONTINUATION on stream 0", f -> f.frame(Frame.HEADERS, Frame.FLAG_END_STREAM, 1,
                f.block(GET)).frame(Frame.CONTINUATION, Frame.FLAG_END_HEADERS, 0, new byte[0]),
                connection(Http2ErrorCode.PROTOCOL_ERROR));
        add("http2/6.10/4", "CONTINUATION after HEADERS with END_HEADERS", f -> f.headers(1, true, GET_SLOW)
                .frame(Frame.CONTINUATION, Frame.FLAG_END_HEADERS, 1, f.block(GET)),
                connection(Http2ErrorCode.PROTOCOL_ERROR));
        add("http2/6.10/6", "CONTINUATION after DATA", f -> f.headers(1, false, POST).data(1, new byte[1], false)
                .frame(Frame.CONTINUATION, Frame.FLAG_END_HEADERS, 1, f.block(GET)),
                connection(Http2ErrorCode.PROTOCOL_ERROR));
        // §7 error codes
        add("http2/7/1", "GOAWAY with an unknown error code", f -> f.frame(Frame.GOAWAY, 0, 0,
                new byte[] {0, 0, 0, 0, 0, 0, 0x7F, 0x7F}).ping(PING), alive());
        add("http2/7/2", "RST_STREAM with an unknown error code", f -> f.headers(1, false, POST)
                .frame(Frame.RST_STREAM, 0, 1, new byte[] {0, 0, 0x7F, 0x7F}), alive());
        // §8 messages
        add("http2/8.1/1", "a second HEADERS without END_STREAM", f -> f.headers(1, false, POST)
                .headers(1, false, "trailer", "v"), stream(1, Http2ErrorCode.PROTOCOL_ERROR));
        add("http2/8.1.2/1", "an upper-case field name", f -> f.headers(1, true, with(GET, "X-Upper", "1")),
                stream(1, Http2ErrorCode.PROTOCOL_ERROR));
        add("http2/8.1.2.1/1", "an unknown pseudo-header", f -> f.headers(1, true, with(GET, ":foo", "1")),
                stream(1, Http2ErrorCode.PROTOCOL_ERROR));
        add("http2/8.1.2.1/2", "a response pseudo-header", f -> f.headers(1, true, with(GET, ":status", "200")),
                stream(1, Http2ErrorCode.PROTOCOL_ERROR));
        add("http2/8.1.2.1/3", "a pseudo-header in trailers", f -> f.headers(1, false, POST)
                .headers(1, true, ":method", "POST"), stream(1, Http2ErrorCode.PROTOCOL_ERROR));
        add("http2/8.1.2.1/4", "a pseudo-header after a regular field", f -> f.headers(1, true, "x", "1",
                ":method", "GET", ":scheme", "http", ":path", "/", ":authority", "a"),
                stream(1, Http2ErrorCode.PROTOCOL_ERROR));
        add("http2/8.1.2.2/1", "a connection-specific field", f -> f.headers(1, true, with(GET, "connection",
                "keep-alive")), stream(1, Http2ErrorCode.PROTOCOL_ERROR));
        add("http2/8.1.2.2/2", "TE other than trailers", f -> f.headers(1, true, with(GET, "te", "gzip")),
                stream(1, Http2ErrorCode.PROTOCOL_ERROR));
        add("http2/8.1.2.3/1", "an empty :path", f -> f.headers(1, true, ":method", "GET", ":scheme", "http",
                ":path", "", ":authority", "a"), stream(1, Http2ErrorCode.PROTOCOL_ERROR));
        add("http2/8.1.2.3/2", "no :method", f -> f.headers(1, true, ":scheme", "http", ":path", "/",
                ":authority", "a"), stream(1, Http2ErrorCode.PROTOCOL_ERROR));
        add("http2/8.1.2.3/3", "no :scheme", f -> f.headers(1, true, ":method", "GET", ":path", "/",
                ":authority", "a"), stream(1, Http2ErrorCode.PROTOCOL_ERROR));
        add("http2/8.1.2.3/4", "no :path", f -> f.headers(1, true, ":method", "GET", ":scheme", "http",
                ":authority", "a"), stream(1, Http2ErrorCode.PROTOCOL_ERROR));
        add("http2/8.1.2.3/5", "a repeated :method", f -> f.headers(1, true, ":method", "GET", ":method", "GET",
                ":scheme", "http", ":path", "/", ":authority", "a"), stream(1, Http2ErrorCode.PROTOCOL_ERROR));
        add("http2/8.1.2.3/6", "a repeated :scheme", f -> f.headers(1, true, ":method", "GET", ":scheme", "http",
                ":scheme", "http", ":path", "/", ":authority", "a"), stream(1, Http2ErrorCode.PROTOCOL_ERROR));
        add("http2/8.1.2.3/7", "a repeated :path", f -> f.headers(1, true, ":method", "GET", ":scheme", "http",
                ":path", "/", ":path", "/", ":authority", "a"), stream(1, Http2ErrorCode.PROTOCOL_ERROR));
        add("http2/8.1.2.6/1", "content-length not matching the DATA", f -> f.headers(1, false,
                with(POST, "content-length", "1")).data(1, new byte[4], true), stream(1, Http2ErrorCode.PROTOCOL_ERROR));
        add("http2/8.1.2.6/2", "content-length not matching several DATA", f -> f.headers(1, false,
                with(POST, "content-length", "1")).data(1, new byte[1], false).data(1, new byte[1], true),
                stream(1, Http2ErrorCode.PROTOCOL_ERROR));
        add("http2/8.2/1", "a PUSH_PROMISE from the client", f -> f.headers(1, false, POST)
                .frame(Frame.PUSH_PROMISE, Frame.FLAG_END_HEADERS, 1, new byte[] {0, 0, 0, 2, (byte) 0x82}),
                connection(Http2ErrorCode.PROTOCOL_ERROR));
        // hpack
        add("hpack/2.3.3/1", "an indexed field beyond the tables", f -> f.frame(Frame.HEADERS,
                Frame.FLAG_END_HEADERS | Frame.FLAG_END_STREAM, 1, rawBlock(0xC6)),
                connection(Http2ErrorCode.COMPRESSION_ERROR));
        add("hpack/2.3.3/2", "a literal with a name index beyond the tables", f -> f.frame(Frame.HEADERS,
                Frame.FLAG_END_HEADERS | Frame.FLAG_END_STREAM, 1, rawBlock(0x7F, 0x07, 1, 'a')),
                connection(Http2ErrorCode.COMPRESSION_ERROR));
        add("hpack/4.2/1", "a table size update at the end of a block", f -> f.frame(Frame.HEADERS,
                Frame.FLAG_END_HEADERS | Frame.FLAG_END_STREAM, 1, rawBlock(0x20)),
                connection(Http2ErrorCode.COMPRESSION_ERROR));
        add("hpack/5.2/1", "Huffman padding longer than 7 bits", f -> f.frame(Frame.HEADERS,
                Frame.FLAG_END_HEADERS | Frame.FLAG_END_STREAM, 1, rawBlock(0x04, 0x82, 0x63, 0xFF)),
                connection(Http2ErrorCode.COMPRESSION_ERROR));
        add("hpack/5.2/2", "Huffman padded with zeros", f -> f.frame(Frame.HEADERS,
                Frame.FLAG_END_HEADERS | Frame.FLAG_END_STREAM, 1, rawBlock(0x04, 0x81, 0x60)),
                connection(Http2ErrorCode.COMPRESSION_ERROR));
        add("hpack/5.2/3", "Huffman containing EOS", f -> f.frame(Frame.HEADERS,
                Frame.FLAG_END_HEADERS | Frame.FLAG_END_STREAM, 1, rawBlock(0x04, 0x84, 0xFF, 0xFF, 0xFF, 0xFF)),
                connection(Http2ErrorCode.COMPRESSION_ERROR));
        add("hpack/6.1/1", "an indexed field of index 0", f -> f.frame(Frame.HEADERS,
                Frame.FLAG_END_HEADERS | Frame.FLAG_END_STREAM, 1, rawBlock(0x80)),
                connection(Http2ErrorCode.COMPRESSION_ERROR));
        add("hpack/6.3/1", "a table size update above SETTINGS_HEADER_TABLE_SIZE", f -> f.frame(Frame.HEADERS,
                Frame.FLAG_END_HEADERS | Frame.FLAG_END_STREAM, 1, withUpdate(0x3F, 0xE2, 0x1F)),
                connection(Http2ErrorCode.COMPRESSION_ERROR));
    }

    private static byte[] padded(byte[] block, int padding) {
        byte[] p = new byte[1 + block.length + padding];
        p[0] = (byte) padding;
        System.arraycopy(block, 0, p, 1, block.length);
        return p;
    }

    private static byte[] prioritized(byte[] block) {
        return dependsOn(0, block);
    }

    private static byte[] dependsOn(int stream, byte[] block) {
        byte[] p = new byte[5 + block.length];
        System.arraycopy(ClientFrames.int32Bytes(stream), 0, p, 0, 4);
        p[4] = 15;
        System.arraycopy(block, 0, p, 5, block.length);
        return p;
    }

    /** A table size update first, then the request block. */
    private static byte[] withUpdate(int... update) {
        byte[] block = rawBlock();
        byte[] all = new byte[update.length + block.length];
        for (int i = 0; i < update.length; i++) {
            all[i] = (byte) update[i];
        }
        System.arraycopy(block, 0, all, update.length, block.length);
        return all;
    }

    /** HEADERS with the first byte of {@code block}, then CONTINUATION frames with the rest. */
    private static ClientFrames continued(ClientFrames f, byte[] block, int pieces) {
        int step = Math.max(1, block.length / pieces);
        f.frame(Frame.HEADERS, Frame.FLAG_END_STREAM, 1, Arrays.copyOfRange(block, 0, step));
        for (int at = step; at < block.length; at += step) {
            int end = Math.min(block.length, at + step);
            f.frame(Frame.CONTINUATION, end == block.length ? Frame.FLAG_END_HEADERS : 0, 1,
                    Arrays.copyOfRange(block, at, end));
        }
        return f;
    }

    @Test
    void everyCasePasses() throws Exception {
        List<String> rows = new ArrayList<>();
        List<String> failed = new ArrayList<>();
        for (Case c : CASES) {
            String outcome = run(c);
            boolean pass = outcome == null;
            rows.add("| " + c.id() + " | " + c.what() + " | " + describe(c.expect()) + " | "
                    + (pass ? "pass" : "FAIL: " + outcome) + " |");
            if (!pass) {
                failed.add(c.id() + " " + c.what() + ": " + outcome);
            }
        }
        Path table = Path.of("target", "h2-conformance.md");
        Files.createDirectories(table.getParent());
        Files.writeString(table, "| case | sends | expects | result |\n| --- | --- | --- | --- |\n"
                + String.join("\n", rows) + "\n\n" + (CASES.size() - failed.size()) + " of " + CASES.size()
                + " pass\n");
        assertEquals(List.of(), failed, "every case as h2spec expects");
    }

    private static String describe(Expect e) {
        return switch (e) {
            case Expect.Response r -> "a response on stream " + r.stream();
            case Expect.Alive a -> "accepted: the connection answers a PING";
            case Expect.ConnectionError c -> "GOAWAY " + c.code() + ", close";
            case Expect.StreamError s -> "RST_STREAM " + s.code() + " on stream " + s.stream();
        };
    }

    /** Runs one case on a fresh connection; {@code null} when it passed, else what went wrong. */
    private static String run(Case c) throws IOException {
        try (H2SocketClient client = new H2SocketClient(server.port())) {
            client.sendQuietly(c.bytes());
            if (c.expect() instanceof Expect.Alive) {
                client.sendQuietly(new ClientFrames().ping(PING).take());
            }
            long deadline = System.currentTimeMillis() + 5_000;
            while (System.currentTimeMillis() < deadline) {
                List<Frame> frames = client.read(100);
                String verdict = verdict(c.expect(), frames, client);
                if (verdict == null) {
                    return null;
                }
                if (client.ended()) {
                    return verdict;
                }
            }
            return verdict(c.expect(), client.read(0), client);
        }
    }

    /** {@code null} once the frames meet the expectation, else what is missing. */
    private static String verdict(Expect expect, List<Frame> frames, H2SocketClient client) {
        Frame.GoAway goAway = client.goAway();
        return switch (expect) {
            case Expect.Response r -> frames.stream().anyMatch(f -> f instanceof Frame.Headers h
                    && h.streamId() == r.stream()) ? null : "no response; saw " + summary(frames);
            case Expect.Alive a -> goAway != null ? "GOAWAY " + Http2ErrorCode.of(goAway.errorCode())
                    : frames.stream().anyMatch(f -> f instanceof Frame.Ping p && p.ack() && p.opaqueData() == PING)
                    ? null : "no PING answer; saw " + summary(frames);
            case Expect.ConnectionError ce -> goAway != null && goAway.errorCode() == ce.code().code()
                    && client.ended() ? null : "saw " + summary(frames) + (client.ended() ? ", closed" : ", open");
            case Expect.StreamError se -> frames.stream().anyMatch(f -> f instanceof Frame.RstStream rst
                    && rst.streamId() == se.stream() && rst.errorCode() == se.code().code()) && goAway == null
                    ? null : "saw " + summary(frames);
        };
    }

    private static String summary(List<Frame> frames) {
        return frames.stream().filter(f -> !(f instanceof Frame.Settings) && !(f instanceof Frame.WindowUpdate))
                .map(f -> switch (f) {
                    case Frame.GoAway g -> "GOAWAY " + Http2ErrorCode.of(g.errorCode());
                    case Frame.RstStream r -> "RST_STREAM " + r.streamId() + " " + Http2ErrorCode.of(r.errorCode());
                    default -> f.getClass().getSimpleName() + " " + f.streamId();
                }).toList().toString();
    }
}
