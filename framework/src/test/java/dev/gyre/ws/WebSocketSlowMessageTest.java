package dev.gyre.ws;

import static dev.gyre.ws.Wire.frame;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gyre.http.HttpLimits;
import dev.gyre.server.Gyre;
import dev.gyre.server.GyreServer;
import java.io.IOException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * An unfinished message must keep arriving ({@link WebSocketOptions#minMessageRate()}, 240 B/s of payload
 * after 5 s by default): over real sockets, two sessions each send 1 KiB of deflate that inflates to
 * 900 000 bytes in a message left open (FIN=0), then answer pings as a live client does. Before the rule
 * they held the 2.5 MiB budget for ever and every new message of that size was refused with 1013; now
 * each is closed with 1008 after the grace period and the budget comes back.
 */
class WebSocketSlowMessageTest {
    private static final int BUDGET = 2_621_440;
    private static final int HELD = 900_000;
    private static final int BINARY = 2;
    private static final int CLOSE = 8;
    private static final int PONG = 10;
    private static GyreServer server;

    @BeforeAll
    static void start() {
        server = Gyre.builder().port(0).loops(1).handlers(new TestEndpoints.Echo())
                .limits(HttpLimits.defaults().withMaxBufferedBodies(BUDGET))
                .start();
    }

    @AfterAll
    static void stop() {
        server.stop();
    }

    @Test
    void anUnfinishedMessageThatStopsArrivingIsClosed1008AndGivesItsBudgetBack() throws Exception {
        byte[] bomb = Wire.deflated(new byte[HELD]);
        try (RawWebSocket first = holding(bomb);
             RawWebSocket second = holding(bomb)) {
            long started = System.nanoTime();
            assertEquals("close:1008:message arrives too slowly", pingUntilClosed(first));
            assertEquals("close:1008:message arrives too slowly", pingUntilClosed(second));
            long seconds = (System.nanoTime() - started) / 1_000_000_000L;
            assertTrue(seconds >= 4, "not before the 5 s grace: " + seconds + " s");
        }
        Thread.sleep(1_000);
        try (RawWebSocket third = RawWebSocket.open(server.port(), "/echo");
             RawWebSocket fourth = RawWebSocket.open(server.port(), "/echo")) {
            third.send(frame(false, 0, BINARY, new byte[HELD]));
            fourth.send(frame(false, 0, BINARY, new byte[HELD]));
            assertEquals(PONG, third.ping().opcode(), "the closed sessions' room came back");
            assertEquals(PONG, fourth.ping().opcode(), "the closed sessions' room came back");
        }
    }

    /** Pings once a second, reading each Pong, until the server's Close arrives (at most 30 s). */
    private static String pingUntilClosed(RawWebSocket ws) throws Exception {
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (System.nanoTime() < deadline) {
            Wire.Frame answer = ws.ping();
            if (answer.opcode() == CLOSE) {
                return RawWebSocket.closeStatus(answer);
            }
            assertEquals(PONG, answer.opcode());
            Thread.sleep(1_000);
        }
        throw new AssertionError("the unfinished message was held for 30 s");
    }

    private static RawWebSocket holding(byte[] deflated) throws IOException {
        RawWebSocket ws = RawWebSocket.open(server.port(), "/echo", "Sec-WebSocket-Extensions: permessage-deflate\r\n");
        assertEquals(101, ws.status);
        ws.send(frame(false, 4, BINARY, deflated));
        return ws;
    }
}
