package dev.gyre.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gyre.connection.InputDiscardingProtocol;
import dev.gyre.connection.Wire;
import dev.gyre.handler.Get;
import dev.gyre.http.Response;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * An application's upgrade protocol cannot touch its connection from another thread (issue 15: nothing public
 * lets a caller break loop confinement): every loop-confined {@code Wire} call off the loop is refused, while
 * the same calls handed over through {@code wire.loop()} work. Without the check, a tester's foreign-thread
 * writes corrupted the outbound queue.
 */
class UpgradedWireConfinementTest {
    private static GyreServer server;

    /** Tries each loop-confined call from a thread of its own, then reports what happened over the wire, on the loop. */
    public static final class Routes {
        @Get("/take-over")
        public Response takeOver() {
            return Response.of(101).header("Connection", "Upgrade").header("Upgrade", "x-test")
                    .upgrade(context -> new ForeignThreadProtocol());
        }
    }

    private static final class ForeignThreadProtocol extends InputDiscardingProtocol {
        @Override
        public void start(Wire wire, ByteBuffer leftover) {
            Thread.ofPlatform().name("foreign").start(() -> {
                List<String> outcomes = new ArrayList<>();
                outcomes.add(attempt("write", () -> wire.write("from foreign\n".getBytes(StandardCharsets.US_ASCII))));
                outcomes.add(attempt("flush", wire::flush));
                outcomes.add(attempt("arm", () -> wire.newDeadline(() -> { }).arm(50)));
                outcomes.add(attempt("close", wire::close));
                outcomes.add("remote " + (wire.remote() != null));
                wire.loop().execute(() -> {
                    wire.write((String.join(";", outcomes) + "\n").getBytes(StandardCharsets.US_ASCII));
                    wire.newDeadline(wire::close).arm(100);
                    wire.closeAfterFlush();
                });
            });
        }

        private static String attempt(String call, Runnable action) {
            try {
                action.run();
                return call + " allowed";
            } catch (IllegalStateException e) {
                return call + " refused";
            }
        }
    }

    @BeforeAll
    static void start() {
        server = Gyre.builder().port(0).loops(1).handlers(new Routes()).start();
    }

    @AfterAll
    static void stop() {
        server.stop(Duration.ofSeconds(1));
    }

    @Test
    void everyLoopConfinedCallFromAnotherThreadIsRefusedAndTheLoopStillServesTheConnection() throws Exception {
        try (Socket socket = new Socket("127.0.0.1", server.port())) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(("GET /take-over HTTP/1.1\r\nHost: x\r\nConnection: Upgrade\r\n"
                    + "Upgrade: x-test\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            String answer = readToEnd(socket.getInputStream());
            assertTrue(answer.startsWith("HTTP/1.1 101"), answer);
            String body = answer.substring(answer.indexOf("\r\n\r\n") + 4);
            assertEquals("write refused;flush refused;arm refused;close refused;remote true\n", body,
                    "nothing the foreign thread tried reached the connection; the loop's own write did");
        }
        try (Socket socket = new Socket("127.0.0.1", server.port())) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write("GET /nothing HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"
                    .getBytes(StandardCharsets.US_ASCII));
            assertTrue(readToEnd(socket.getInputStream()).startsWith("HTTP/1.1 404"), "the loop serves on");
        }
    }

    private static String readToEnd(InputStream in) throws Exception {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        in.transferTo(all);
        return all.toString(StandardCharsets.US_ASCII);
    }
}
