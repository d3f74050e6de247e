package dev.gyre.ws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gyre.server.Gyre;
import dev.gyre.server.GyreServer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Messages a client sent before its Close are delivered, and what their callbacks send is written, before
 * the server answers the Close (RFC 6455 §5.5.1), however the frames arrive: here always in one write.
 */
class WebSocketCloseOrderTest {
    private static final byte[] CLOSE_1000_BYE = Wire.frame(true, 0, 8,
            new byte[] {0x03, (byte) 0xE8, 'b', 'y', 'e'});

    private static final TestEndpoints.Echo echo = new TestEndpoints.Echo();
    private static final TestEndpoints.Blocking blocking = new TestEndpoints.Blocking();
    private static GyreServer server;

    @BeforeAll
    static void start() {
        server = Gyre.builder().port(0).loops(1).handlers(echo, blocking).start();
    }

    @AfterAll
    static void stop() {
        server.stop(Duration.ofSeconds(1));
    }

    @Test
    void loopCallbacksEchoEveryMessageBeforeTheCloseIsAnswered() throws Exception {
        try (RawWebSocket ws = RawWebSocket.open(server.port(), "/echo")) {
            ws.send(Wire.concat(Wire.text("one"), Wire.text("two"), CLOSE_1000_BYE));
            assertEquals("one", text(ws.read()));
            assertEquals("two", text(ws.read()));
            assertEquals("close:1000:bye", ws.readClose());
            assertTrue(ws.serverClosed(), "then the server's FIN");
            echo.events.await("close:1000:bye");
        }
    }

    @Test
    void aSlowBlockingCallbackStillAnswersBeforeTheClose() throws Exception {
        try (RawWebSocket ws = RawWebSocket.open(server.port(), "/blocking/r/1")) {
            assertEquals("welcome", text(ws.read()));
            ws.send(Wire.concat(Wire.text("slow:300"), Wire.text("after"), CLOSE_1000_BYE));
            assertEquals("slow:300", text(ws.read()));
            assertEquals("after", text(ws.read()));
            assertEquals("close:1000:bye", ws.readClose());
            assertTrue(ws.serverClosed());
            blocking.events.await("close:1000:r");
        }
    }

    @Test
    void aClientThatSendsItsFinWithTheCloseStillGetsTheEchoThenTheClose() throws Exception {
        try (RawWebSocket ws = RawWebSocket.open(server.port(), "/blocking/r/2")) {
            assertEquals("welcome", text(ws.read()));
            ws.send(Wire.concat(Wire.text("slow:300"), CLOSE_1000_BYE));
            ws.shutdownOutput();
            assertEquals("slow:300", text(ws.read()));
            assertEquals("close:1000:bye", ws.readClose());
            assertTrue(ws.serverClosed());
        }
    }

    private static String text(Wire.Frame f) {
        assertEquals(1, f.opcode(), "a text frame");
        return new String(f.payload(), StandardCharsets.UTF_8);
    }
}
