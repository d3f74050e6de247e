package dev.gyre.ws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gyre.server.Gyre;
import dev.gyre.support.ChildServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * A client that sends Pings and never reads the Pongs: the server stops reading it once the answers do not fit on
 * the wire, so its input waits in the kernel rather than turning into Pongs in the heap. Before, the Pongs piled
 * up in the session's outbox without bound and a 64 MiB heap ran out after some 30 MB of Pings.
 */
class WebSocketPingFloodTest {
    private static final long MOST_THE_KERNEL_HOLDS = 16L << 20;

    /** The child: one loop; prints its port, stops when stdin closes. */
    public static void main(String[] args) throws Exception {
        ChildServer.serveUntilStdinCloses(Gyre.builder().port(0).loops(1).handlers(new TestEndpoints.Echo()).start());
    }

    @Test
    void aPeerThatNeverReadsItsPongsIsHeldBackByTcp() throws Exception {
        try (ChildServer child = ChildServer.start(WebSocketPingFloodTest.class, "-Xmx64m")) {
            AtomicLong written = new AtomicLong();
            RawWebSocket flooder = RawWebSocket.open(child.port(), "/echo");
            byte[] batch = pings(100);
            Thread writer = Thread.ofPlatform().daemon().start(() -> {
                try {
                    while (written.get() < 64L << 20) {
                        flooder.send(batch);
                        written.addAndGet(batch.length);
                    }
                } catch (IOException closed) {
                    // the test closed the socket, or the server did
                }
            });
            Thread.sleep(8_000);
            long held = written.get();
            assertTrue(held < MOST_THE_KERNEL_HOLDS, "the server read " + held + " bytes of Pings nobody reads");
            try (RawWebSocket other = RawWebSocket.open(child.port(), "/echo")) {
                other.send(Wire.text("still here"));
                assertEquals("still here", new String(other.read().payload(), StandardCharsets.UTF_8));
            }
            flooder.close();
            writer.join(5_000);
            assertTrue(child.isAlive(), "the child JVM is alive");
        }
    }

    private static byte[] pings(int count) {
        byte[] payload = new byte[125];
        byte[][] frames = new byte[count][];
        for (int i = 0; i < count; i++) {
            frames[i] = Wire.frame(true, 0, 9, payload);
        }
        return Wire.concat(frames);
    }
}
