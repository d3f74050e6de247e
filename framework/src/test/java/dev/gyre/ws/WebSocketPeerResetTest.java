package dev.gyre.ws;

import static dev.gyre.ws.Wire.frame;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gyre.server.Gyre;
import dev.gyre.server.GyreServer;
import dev.gyre.support.LogCapture;
import org.junit.jupiter.api.Test;

/**
 * A peer that resets its connection is no fault of the server's: as for HTTP, an endpoint without
 * {@code onError} logs it at DEBUG, in one line, and its {@code onClose} hears {@code 1006}. Before, each
 * reset printed a WARN with a full stack trace.
 */
class WebSocketPeerResetTest {

    @Test
    void aResetByThePeerLogsNoWarningAndNoStackTrace() throws Exception {
        TestEndpoints.Echo echo = new TestEndpoints.Echo();
        GyreServer server = Gyre.builder().port(0).loops(1).handlers(echo).start();
        try (LogCapture logs = LogCapture.start()) {
            for (int i = 0; i < 3; i++) {
                RawWebSocket ws = RawWebSocket.open(server.port(), "/echo");
                ws.send(frame(false, 0, 1, new byte[5_000]));
                ws.reset();
                String closed = echo.events.next();
                assertTrue(closed.startsWith("close:1006:"), closed);
            }
            String text = logs.text();
            assertFalse(text.contains("WARN dev.gyre.ws"), text);
            assertFalse(text.contains("SocketException"), "no stack trace of the reset: " + text);
        } finally {
            server.stop();
        }
    }
}
