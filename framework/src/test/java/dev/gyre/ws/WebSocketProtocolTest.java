package dev.gyre.ws;

import static dev.gyre.ws.Wire.concat;
import static dev.gyre.ws.Wire.frame;
import static dev.gyre.ws.Wire.hex;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gyre.server.Gyre;
import dev.gyre.server.GyreServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The protocol rules of RFC 6455 and RFC 7692 as a client on a plain socket meets them: the exact frames sent,
 * the exact Close frame answered, and the TCP close after it. The endpoint echoes, with a 1 KiB message limit.
 */
class WebSocketProtocolTest {
    private static final int LIMIT = 1024;
    private static final int TEXT = 1;
    private static final int BINARY = 2;
    private static final int CONTINUATION = 0;
    private static final int CLOSE = 8;
    private static final int PING = 9;
    private static final int PONG = 10;
    private static final byte[] HELLO_DEFLATED = hex("f2 48 cd c9 c9 07 00"); // RFC 7692 §7.2.3.1
    private static final TestEndpoints.Echo echo = new TestEndpoints.Echo();
    private static GyreServer server;

    @BeforeAll
    static void start() {
        server = Gyre.builder().port(0).loops(1).handlers(echo)
                .webSockets(WebSocketOptions.defaults()
                        .withProtocol(WebSocketConfig.defaults().withMaxMessageSize(LIMIT)))
                .start();
    }

    @AfterAll
    static void stop() {
        server.stop(Duration.ofSeconds(1));
    }

    private static RawWebSocket open() throws IOException {
        return RawWebSocket.open(server.port(), "/echo");
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** Sends the bytes and expects the connection to be failed with {@code code}, then closed by the server. */
    private static void assertFails(int code, byte[]... frames) throws Exception {
        try (RawWebSocket ws = open()) {
            ws.send(concat(frames));
            String close = ws.readClose();
            assertTrue(close.startsWith("close:" + code + ":"), close);
            assertTrue(ws.serverClosed(), "the server closes TCP after failing the connection");
            echo.events.await(close); // onClose hears the code the server sent
        }
    }

    @Test
    void echoesTextAndBinaryEvenWhenSentByteByByte() throws Exception {
        try (RawWebSocket ws = open()) {
            byte[] frames = concat(Wire.text("héllo"), frame(true, 0, BINARY, new byte[] {0, 1, 2, (byte) 255}));
            for (byte b : frames) {
                ws.send(new byte[] {b});
            }
            Wire.Frame text = ws.read();
            assertEquals(TEXT, text.opcode());
            assertTrue(text.fin());
            assertEquals("héllo", new String(text.payload(), StandardCharsets.UTF_8));
            Wire.Frame binary = ws.read();
            assertEquals(BINARY, binary.opcode());
            assertArrayEquals(new byte[] {0, 1, 2, (byte) 255}, binary.payload());
        }
    }

    @Test
    void reassemblesFragmentsAndAnswersPingsInterleavedBetweenThem() throws Exception {
        try (RawWebSocket ws = open()) {
            ws.send(concat(
                    frame(false, 0, TEXT, utf8("Hel")),
                    frame(true, 0, PING, utf8("are you there")),
                    frame(false, 0, CONTINUATION, utf8("lo, w")),
                    frame(true, 0, PONG, utf8("unsolicited")),
                    frame(true, 0, CONTINUATION, utf8("örld"))));
            Wire.Frame pong = ws.read();
            assertEquals(PONG, pong.opcode());
            assertEquals("are you there", new String(pong.payload(), StandardCharsets.UTF_8));
            Wire.Frame text = ws.read();
            assertEquals(TEXT, text.opcode());
            assertEquals("Hello, wörld", new String(text.payload(), StandardCharsets.UTF_8));
        }
    }

    @Test
    void closeHandshakeEchoesCodeAndReasonThenClosesTcp() throws Exception {
        try (RawWebSocket ws = open()) {
            ws.send(frame(true, 0, CLOSE, concat(new byte[] {0x0F, (byte) 0xA0}, utf8("bye now")))); // 4000
            assertEquals("close:4000:bye now", ws.readClose());
            assertTrue(ws.serverClosed());
            echo.events.await("close:4000:bye now");
        }
    }

    @Test
    void aCloseWithoutStatusIsAnsweredWithoutStatus() throws Exception {
        try (RawWebSocket ws = open()) {
            ws.send(frame(true, 0, CLOSE, new byte[0]));
            assertEquals("close:", ws.readClose());
            assertTrue(ws.serverClosed());
            echo.events.await("close:1005:");
        }
    }

    @Test
    void anUnmaskedFrameIs1002() throws Exception {
        assertFails(1002, frame(true, 0, TEXT, utf8("no mask"), null));
    }

    @ParameterizedTest(name = "RSV bits {0}")
    @ValueSource(ints = {1, 2, 4}) // RSV3, RSV2, and RSV1 without permessage-deflate agreed
    void reservedBitsAre1002(int rsv) throws Exception {
        assertFails(1002, frame(true, rsv, TEXT, utf8("x")));
    }

    @ParameterizedTest(name = "opcode {0}")
    @ValueSource(ints = {3, 7, 0xB, 0xF})
    void reservedOpcodesAre1002(int opcode) throws Exception {
        assertFails(1002, frame(true, 0, opcode, utf8("x")));
    }

    @Test
    void aFragmentedControlFrameIs1002() throws Exception {
        assertFails(1002, frame(false, 0, PING, utf8("x")));
    }

    @Test
    void aControlFrameOver125BytesIs1002() throws Exception {
        assertFails(1002, frame(true, 0, PING, new byte[126]));
    }

    @Test
    void aContinuationWithoutAMessageIs1002() throws Exception {
        assertFails(1002, frame(true, 0, CONTINUATION, utf8("x")));
    }

    @Test
    void aNewMessageInsideAFragmentedOneIs1002() throws Exception {
        assertFails(1002, frame(false, 0, TEXT, utf8("a")), frame(true, 0, TEXT, utf8("b")));
    }

    @Test
    void invalidUtf8SplitAcrossFragmentsIs1007() throws Exception {
        // C3 starts a two-byte sequence; 28 is no continuation byte
        assertFails(1007, frame(false, 0, TEXT, new byte[] {'a', (byte) 0xC3}), frame(true, 0, CONTINUATION,
                new byte[] {0x28}));
    }

    @Test
    void aMessageOverTheLimitIs1009EvenInFragments() throws Exception {
        assertFails(1009, frame(false, 0, BINARY, new byte[LIMIT / 2]), frame(true, 0, CONTINUATION,
                new byte[LIMIT / 2 + 1]));
    }

    @Test
    void anInvalidCloseCodeIs1002AndAnInvalidReasonIs1007() throws Exception {
        assertFails(1002, frame(true, 0, CLOSE, new byte[] {0x03, (byte) 0xED})); // 1005 may not be sent
        assertFails(1007, frame(true, 0, CLOSE, new byte[] {0x03, (byte) 0xE8, (byte) 0xC3}));
    }

    @Test
    void handshakeRefusalsFollowRfc6455() throws Exception {
        String upgrade = "Host: localhost\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n";
        try (RawWebSocket r = RawWebSocket.request(server.port(), "GET /echo HTTP/1.1\r\n" + upgrade
                + "Sec-WebSocket-Key: " + RawWebSocket.KEY + "\r\nSec-WebSocket-Version: 8\r\n\r\n")) {
            assertEquals(426, r.status);
            assertEquals("13", r.headers.get("sec-websocket-version"));
        }
        try (RawWebSocket r = RawWebSocket.request(server.port(), "GET /echo HTTP/1.1\r\n" + upgrade
                + "Sec-WebSocket-Version: 13\r\n\r\n")) {
            assertEquals(400, r.status, "no Sec-WebSocket-Key");
        }
        try (RawWebSocket r = RawWebSocket.request(server.port(), "GET /echo HTTP/1.1\r\nHost: localhost\r\n\r\n")) {
            assertEquals(426, r.status, "a plain GET on a WebSocket path");
            assertEquals("websocket", r.headers.get("upgrade"));
        }
        try (RawWebSocket r = RawWebSocket.request(server.port(), "POST /echo HTTP/1.1\r\n" + upgrade
                + "Sec-WebSocket-Key: " + RawWebSocket.KEY + "\r\nSec-WebSocket-Version: 13\r\nContent-Length: 0\r\n\r\n")) {
            assertEquals(400, r.status, "upgrade needs GET");
        }
        try (RawWebSocket r = RawWebSocket.request(server.port(), "GET /elsewhere HTTP/1.1\r\n" + upgrade
                + "Sec-WebSocket-Key: " + RawWebSocket.KEY + "\r\nSec-WebSocket-Version: 13\r\n\r\n")) {
            assertEquals(404, r.status, "other paths go to the HTTP dispatcher");
        }
    }

    @Test
    void anOriginPolicyRefusesOtherOriginsWith403() throws Exception {
        GyreServer strict = Gyre.builder().port(0).loops(1).handlers(new TestEndpoints.Echo())
                .webSockets(WebSocketOptions.defaults().withProtocol(WebSocketConfig.defaults()
                        .withOriginPolicy("https://chat.example"::equals)))
                .start();
        try {
            try (RawWebSocket r = RawWebSocket.request(strict.port(), "GET /echo HTTP/1.1\r\nHost: localhost\r\n"
                    + "Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: " + RawWebSocket.KEY
                    + "\r\nSec-WebSocket-Version: 13\r\nOrigin: https://evil.example\r\n\r\n")) {
                assertEquals(403, r.status);
            }
            try (RawWebSocket ok = RawWebSocket.open(strict.port(), "/echo", "Origin: https://chat.example\r\n")) {
                assertEquals(101, ok.status);
            }
        } finally {
            strict.stop(Duration.ofSeconds(1));
        }
    }

    @Test
    void deflateIsAgreedWhenOfferedAndMessagesInflateAndCompress() throws Exception {
        try (RawWebSocket ws = RawWebSocket.open(server.port(), "/echo",
                "Sec-WebSocket-Extensions: permessage-deflate; client_max_window_bits\r\n")) {
            assertEquals("permessage-deflate", ws.headers.get("sec-websocket-extensions"));
            ws.send(frame(true, 4, TEXT, HELLO_DEFLATED));
            Wire.Frame small = ws.read();
            assertFalse(small.rsv1(), "below 64 bytes the answer goes uncompressed");
            assertEquals("Hello", new String(small.payload(), StandardCharsets.UTF_8));

            String big = "Hello, compression! ".repeat(10);
            Deflater client = new Deflater(Deflater.DEFAULT_COMPRESSION, true);
            ws.send(frame(true, 4, TEXT, deflate(client, utf8(big))));
            Wire.Frame compressed = ws.read();
            assertTrue(compressed.rsv1());
            assertTrue(compressed.payload().length < big.length());
            assertEquals(big, new String(inflate(new Inflater(true), compressed.payload()), StandardCharsets.UTF_8));
            client.end();
        }
    }

    @Test
    void contextTakeoverIsHonouredBothWays() throws Exception {
        String big = "The same message, again and again. ".repeat(4);
        try (RawWebSocket takeover = RawWebSocket.open(server.port(), "/echo",
                "Sec-WebSocket-Extensions: permessage-deflate\r\n");
             RawWebSocket fresh = RawWebSocket.open(server.port(), "/echo",
                "Sec-WebSocket-Extensions: permessage-deflate; server_no_context_takeover\r\n")) {
            assertEquals("permessage-deflate; server_no_context_takeover",
                    fresh.headers.get("sec-websocket-extensions"));
            byte[][] withTakeover = twoEchoes(takeover, big);
            byte[][] without = twoEchoes(fresh, big);
            assertTrue(withTakeover[1].length < withTakeover[0].length, "the second refers back to the first");
            assertArrayEquals(without[0], without[1], "each message compressed on its own");
        }
    }

    /** Sends {@code text} twice, compressed without context takeover, and returns the two compressed echoes. */
    private static byte[][] twoEchoes(RawWebSocket ws, String text) throws Exception {
        byte[][] echoes = new byte[2][];
        Inflater inflater = new Inflater(true);
        for (int i = 0; i < 2; i++) {
            Deflater client = new Deflater(Deflater.DEFAULT_COMPRESSION, true);
            ws.send(frame(true, 4, TEXT, deflate(client, utf8(text))));
            client.end();
            Wire.Frame f = ws.read();
            assertTrue(f.rsv1());
            assertEquals(text, new String(inflate(inflater, f.payload()), StandardCharsets.UTF_8));
            echoes[i] = f.payload();
        }
        inflater.end();
        return echoes;
    }

    /** RFC 7692 §7.2.1: sync flush, without the 00 00 FF FF tail. */
    private static byte[] deflate(Deflater deflater, byte[] data) {
        deflater.setInput(data);
        byte[] out = new byte[data.length + 64];
        int n = deflater.deflate(out, 0, out.length, Deflater.SYNC_FLUSH);
        return java.util.Arrays.copyOf(out, n - 4);
    }

    private static byte[] inflate(Inflater inflater, byte[] payload) throws DataFormatException {
        inflater.setInput(concat(payload, hex("00 00 ff ff")));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buf = new byte[4096];
        int n;
        while ((n = inflater.inflate(buf)) > 0) {
            out.write(buf, 0, n);
        }
        return out.toByteArray();
    }
}
