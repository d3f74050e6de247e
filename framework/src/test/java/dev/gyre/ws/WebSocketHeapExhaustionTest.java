package dev.gyre.ws;

import static dev.gyre.ws.Wire.frame;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gyre.http.HttpLimits;
import dev.gyre.server.Gyre;
import dev.gyre.support.ChildServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A server in a child JVM with a 64 MiB heap and, on purpose, a buffer budget far beyond it, against
 * sessions that each leave a 1 MiB message unfinished until the heap is full. The loop catches the
 * {@code OutOfMemoryError}; before, logging it threw a second one, the loop's thread died, and a JVM
 * whose main thread had returned exited with status 0 without a line. Now the session whose allocation
 * failed is closed and the loop goes on: once the others let go, a new session is served.
 */
class WebSocketHeapExhaustionTest {
    private static final int HELD = 1_000_000;
    private static final int MOST_SESSIONS = 150;

    /** The child: one loop, no budget to speak of; prints its port, stops when stdin closes. */
    public static void main(String[] args) throws Exception {
        ChildServer.serveUntilStdinCloses(Gyre.builder().port(0).loops(1).handlers(new TestEndpoints.Echo())
                .limits(HttpLimits.defaults().withMaxBufferedBodies(Long.MAX_VALUE))
                .start());
    }

    @Test
    void theLoopOutlivesAnOutOfMemoryErrorAndServesAgain() throws Exception {
        List<RawWebSocket> sessions = new ArrayList<>();
        try (ChildServer child = ChildServer.start(WebSocketHeapExhaustionTest.class, "-Xmx64m")) {
            int port = child.port();
            boolean oneWasClosed = false;
            while (!oneWasClosed && sessions.size() < MOST_SESSIONS) {
                RawWebSocket ws = RawWebSocket.open(port, "/echo");
                sessions.add(ws);
                oneWasClosed = !answersPing(ws);
            }
            assertTrue(oneWasClosed, "the heap ran out within " + MOST_SESSIONS + " sessions of 1 MB");
            for (RawWebSocket ws : sessions) {
                ws.close();
            }
            sessions.clear();
            Thread.sleep(2_000);
            assertTrue(child.isAlive(), "the child JVM is alive");
            try (RawWebSocket fresh = RawWebSocket.open(port, "/echo")) {
                fresh.send(Wire.text("still here"));
                assertEquals("still here", new String(fresh.read().payload(), StandardCharsets.UTF_8),
                        "the loop serves a new session after the OutOfMemoryError");
            }
        } finally {
            for (RawWebSocket ws : sessions) {
                ws.close();
            }
        }
    }

    /** Sends an unfinished 1 MB message and a ping behind it; false when the server closed the session instead. */
    private static boolean answersPing(RawWebSocket ws) {
        try {
            ws.send(frame(false, 0, 2, new byte[HELD]));
            ws.send(frame(true, 0, 9, new byte[] {1}));
            return ws.read().opcode() == 10;
        } catch (IOException | AssertionError closed) {
            return false;
        }
    }
}
