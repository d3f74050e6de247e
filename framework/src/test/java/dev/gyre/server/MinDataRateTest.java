package dev.gyre.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gyre.server.RawConnection.RawResponse;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Minimum data rates over real sockets: a body trickled in pieces that each come well within the
 * 30-second pause limit is cut once its average falls below the rate, and so is a reader too slow on
 * average. The grace periods are shortened to one second so the tests run fast; the margins are wide.
 */
class MinDataRateTest {
    private static final Duration GRACE = Duration.ofSeconds(1);
    private static GyreServer server;

    @BeforeAll
    static void start() {
        server = Gyre.builder().port(0).loops(1).handlers(new TestHandlers(), new StreamingHandlers())
                .timeouts(Timeouts.defaults()
                        .withMinRequestBodyRate(new MinDataRate(240, GRACE))
                        .withMinResponseRate(new MinDataRate(256 * 1024, GRACE)))
                .start();
    }

    @AfterAll
    static void stop() {
        server.stop();
    }

    /** Sends one byte every 300 ms until the server stops taking them. */
    private static Thread trickle(RawConnection c) {
        return Thread.ofVirtual().start(() -> {
            try {
                while (true) {
                    Thread.sleep(300);
                    c.send("x");
                }
            } catch (IOException | InterruptedException stopped) {
                Thread.currentThread().interrupt();
            }
        });
    }

    /** Before the rate, each byte re-armed the 30 s pause timer and the body was kept indefinitely. */
    @Test
    void trickledBufferedBodyIs408() throws Exception {
        try (RawConnection c = new RawConnection(server.port())) {
            long start = System.nanoTime();
            c.send("POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 1000\r\n\r\nx");
            Thread trickler = trickle(c);
            RawResponse r = c.read();
            long millis = (System.nanoTime() - start) / 1_000_000;
            trickler.interrupt();
            assertEquals(408, r.status());
            assertTrue(millis >= GRACE.toMillis() - 50, "not before the grace period: " + millis + " ms");
            assertTrue(c.closedByServer());
        }
    }

    /** A streamed body is already the handler's: too slow, the connection closes (its read fails). */
    @Test
    void trickledStreamedBodyClosesTheConnection() throws Exception {
        try (RawConnection c = new RawConnection(server.port())) {
            c.send("POST /upload HTTP/1.1\r\nHost: x\r\nContent-Length: 1000\r\n\r\nx");
            Thread trickler = trickle(c);
            byte[] rest = c.readAll();
            trickler.interrupt();
            assertEquals(0, rest.length, "closed without an answer");
        }
    }

    /** A body that arrives at a normal pace is not affected. */
    @Test
    void promptBodyIsServed() throws Exception {
        try (RawConnection c = new RawConnection(server.port())) {
            c.send("POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 4\r\n\r\nab");
            Thread.sleep(GRACE.toMillis() / 2);
            assertEquals("abcd", c.send("cd").read().bodyText());
        }
    }

    /**
     * A client that reads 4 KiB every 100 ms (40 KiB/s) from a 64 MiB response, below the 256 KiB/s
     * minimum: the server closes its side within the grace plus a margin. (The client would only see it
     * once it has drained the kernel's buffers, so the test watches the server's count.) Before the rate,
     * each bit of progress re-armed the 30 s write timeout.
     */
    @Test
    void slowReaderIsCut() throws Exception {
        int size = 64 * 1024 * 1024;
        try (Socket s = new Socket()) {
            s.setReceiveBufferSize(16 * 1024);
            s.connect(new InetSocketAddress("127.0.0.1", server.port()));
            s.getOutputStream().write(("GET /big?size=" + size + " HTTP/1.1\r\nHost: x\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            InputStream in = s.getInputStream();
            Thread reader = Thread.ofVirtual().start(() -> {
                byte[] buf = new byte[4 * 1024];
                try {
                    while (in.read(buf) >= 0) {
                        Thread.sleep(100);
                    }
                } catch (IOException | InterruptedException ended) {
                    Thread.currentThread().interrupt();
                }
            });
            long accepted = System.nanoTime();
            while (server.openConnections() == 0 && System.nanoTime() - accepted < Duration.ofSeconds(10).toNanos()) {
                Thread.sleep(10);
            }
            assertEquals(1, server.openConnections(), "the server took the slow reader's connection");
            long start = System.nanoTime();
            while (server.openConnections() > 0 && System.nanoTime() - start < Duration.ofSeconds(20).toNanos()) {
                Thread.sleep(50);
            }
            long millis = (System.nanoTime() - start) / 1_000_000;
            reader.interrupt();
            assertEquals(0, server.openConnections(), "the slow reader's connection closed after " + millis + " ms");
            assertTrue(millis >= GRACE.toMillis() - 50, "not before the grace period: " + millis + " ms");
        }
    }
}
