package dev.gyre.server;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
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
        GyreServer server = Gyre.builder().port(0).loops(1).handlers(new TestHandlers()).start();
        System.out.println("port=" + server.port());
        System.out.flush();
        System.in.transferTo(OutputStream.nullOutputStream());
        server.stop();
    }

    @Test
    void headsDeclaringTenMegabytesEachDoNotExhaustTheHeap() throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process child = new ProcessBuilder(java.toString(), "-Xmx96m", "-XX:+ExitOnOutOfMemoryError",
                "-cp", System.getProperty("java.class.path"), SmallHeapTest.class.getName())
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        List<RawConnection> heads = new ArrayList<>();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.US_ASCII));
            String line = out.readLine();
            while (line != null && !line.startsWith("port=")) {
                line = out.readLine();
            }
            assertTrue(line != null, "the child printed its port");
            int port = Integer.parseInt(line.substring("port=".length()));
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
        } finally {
            for (RawConnection c : heads) {
                c.close();
            }
            child.getOutputStream().close();
            if (!child.waitFor(20, TimeUnit.SECONDS)) {
                child.destroyForcibly();
            }
        }
    }
}
