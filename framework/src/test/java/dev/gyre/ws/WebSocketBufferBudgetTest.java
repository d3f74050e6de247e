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
 * Unfinished WebSocket messages reserve their buffers from the server's buffer budget, the one request
 * bodies use: over real sockets, with a budget of 2.5 MiB and sessions that each leave a 900 000-byte
 * message unfinished, two sessions are held and the third is closed with {@code 1013}. Counted after
 * inflation: 1 KiB of deflate that inflates to 900 000 bytes costs the same. Before the budget, a few
 * hundred such sessions filled the heap. And a held message must keep arriving, or it is closed with 1008.
 */
class WebSocketBufferBudgetTest {
    private static final int BUDGET = 2_621_440;
    private static final int HELD = 900_000;
    private static final int BINARY = 2;
    private static final int CONTINUATION = 0;
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
    void unfinishedMessagesPastTheBudgetClose1013AndTheBudgetComesBack() throws Exception {
        try (RawWebSocket finishing = holding(new byte[HELD], false);
             RawWebSocket vanishing = holding(new byte[HELD], false);
             RawWebSocket refused = holding(new byte[HELD], false)) {
            assertTrue(refused.readClose().startsWith("close:1013:"), "the third message passes the budget");
            finishing.send(frame(true, 0, CONTINUATION, new byte[0]));
            assertEquals(HELD, finishing.read().payload().length, "a held message is delivered whole");
            vanishing.close();
            Thread.sleep(2_000);
            try (RawWebSocket first = holding(new byte[HELD], false);
                 RawWebSocket second = holding(new byte[HELD], false);
                 RawWebSocket third = holding(new byte[HELD], false)) {
                assertTrue(third.readClose().startsWith("close:1013:"),
                        "the finished message and the closed session gave their room back, no more");
                assertEquals(PONG, first.ping().opcode());
                assertEquals(PONG, second.ping().opcode());
            }
        }
        Thread.sleep(1_000);
    }

    @Test
    void compressedMessagesAreCountedInflated() throws Exception {
        byte[] bomb = Wire.deflated(new byte[HELD]);
        assertTrue(bomb.length < 2_000, "about 1 KiB on the wire: " + bomb.length);
        try (RawWebSocket first = holding(bomb, true);
             RawWebSocket second = holding(bomb, true);
             RawWebSocket third = holding(bomb, true)) {
            assertTrue(third.readClose().startsWith("close:1013:"), "the third inflated message passes the budget");
            assertEquals(PONG, first.ping().opcode());
        }
        Thread.sleep(1_000);
    }

    /**
     * An unfinished message must keep arriving ({@link WebSocketOptions#minMessageRate()}, 240 B/s of
     * payload after 5 s by default): two sessions leave a 1 KiB deflate bomb unfinished and answer pings as
     * a live client does. Before the rule they held the budget for ever and every new message of that size
     * was refused with 1013; now each is closed with 1008 after the grace and its room comes back.
     */
    @Test
    void anUnfinishedMessageThatStopsArrivingIsClosed1008AndGivesItsBudgetBack() throws Exception {
        byte[] bomb = Wire.deflated(new byte[HELD]);
        try (RawWebSocket first = holding(bomb, true);
             RawWebSocket second = holding(bomb, true)) {
            long started = System.nanoTime();
            assertEquals("close:1008:message arrives too slowly", pingUntilClosed(first));
            assertEquals("close:1008:message arrives too slowly", pingUntilClosed(second));
            long seconds = (System.nanoTime() - started) / 1_000_000_000L;
            assertTrue(seconds >= 4, "not before the 5 s grace: " + seconds + " s");
        }
        Thread.sleep(1_000);
        try (RawWebSocket third = holding(new byte[HELD], false);
             RawWebSocket fourth = holding(new byte[HELD], false)) {
            assertEquals(PONG, third.ping().opcode(), "the closed sessions' room came back");
            assertEquals(PONG, fourth.ping().opcode(), "the closed sessions' room came back");
        }
        Thread.sleep(1_000);
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

    /**
     * A session that sent the first frame of a binary message (FIN=0) and no more; returns once the server
     * has read it, told by the answer to a ping sent behind it, or by the Close that refuses it.
     */
    private static RawWebSocket holding(byte[] payload, boolean compressed) throws IOException {
        RawWebSocket ws = compressed
                ? RawWebSocket.open(server.port(), "/echo", "Sec-WebSocket-Extensions: permessage-deflate\r\n")
                : RawWebSocket.open(server.port(), "/echo");
        assertEquals(101, ws.status);
        ws.send(frame(false, compressed ? 4 : 0, BINARY, payload));
        return ws;
    }
}
