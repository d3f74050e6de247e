package dev.gyre.server;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gyre.support.ChildServer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A server in a child JVM with a 96 MiB heap, against clients that promise more than it could hold.
 * Before bodies grew as they arrived, sixteen heads declaring 10 MiB each made the loop allocate 160 MiB
 * up front and die of {@code OutOfMemoryError}.
 */
class SmallHeapTest {
    private static final int HEADS = 16;
    private static final int DECLARED = 10 * 1024 * 1024;

    /** The child: a one-loop server on an ephemeral port; prints the port, stops when stdin closes. */
    public static void main(String[] args) throws Exception {
        ChildServer.serveUntilStdinCloses(Gyre.builder().port(0).loops(1).handlers(new TestHandlers()).start());
    }

    @Test
    void headsDeclaringTenMegabytesEachDoNotExhaustTheHeap() throws Exception {
        List<RawConnection> heads = new ArrayList<>();
        try (ChildServer child = ChildServer.start(SmallHeapTest.class, "-Xmx96m", "-XX:+ExitOnOutOfMemoryError")) {
            int port = child.port();
            for (int round = 0; round < 2; round++) {
                for (int i = 0; i < HEADS; i++) {
                    RawConnection c = new RawConnection(port);
                    c.send("POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: " + DECLARED + "\r\n\r\nx");
                    heads.add(c);
                }
                try (RawConnection probe = new RawConnection(port)) {
                    assertEquals("plain", probe.send("GET /plain HTTP/1.1\r\nHost: x\r\n\r\n").read().bodyText(),
                            "the loop serves others while " + heads.size() + " bodies of 10 MiB are promised");
                }
            }
            byte[] whole = new byte[4 * 1024 * 1024];
            whole[whole.length - 1] = 7;
            try (RawConnection upload = new RawConnection(port)) {
                upload.send("POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: " + whole.length + "\r\n\r\n");
                upload.send(whole);
                assertArrayEquals(whole, upload.read().body(), "a body that does arrive is still collected");
            }
            assertTrue(child.isAlive(), "the child JVM is alive");
            for (RawConnection c : heads) {
                c.close();
            }
            heads.clear();
        } finally {
            for (RawConnection c : heads) {
                c.close();
            }
        }
    }
}
