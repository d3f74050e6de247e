package dev.gyre.server;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gyre.server.RawConnection.RawResponse;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Streamed request and response bodies, file regions and protocol upgrades over real sockets. */
class StreamingTest {
    private static final StreamingHandlers handlers = new StreamingHandlers();
    private static GyreServer server;

    @BeforeAll
    static void start(@TempDir Path dir) throws Exception {
        byte[] content = new byte[3 * 1024 * 1024 + 7];
        new Random(7).nextBytes(content);
        handlers.file = Files.write(dir.resolve("data.bin"), content);
        server = Gyre.builder().port(0).loops(2).handlers(handlers)
                .limits(dev.gyre.http.HttpLimits.defaults().withMaxBodySize(256L * 1024 * 1024))
                .start();
    }

    @AfterAll
    static void stop() {
        server.stop();
    }

    private static RawConnection connect() throws Exception {
        return new RawConnection(server.port());
    }

    private static String sha256(byte[] b) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
    }

    /**
     * Uploads 5 MiB of random bytes to {@code target} while reading the answer, which must be the size and
     * SHA-256 the handler computed as the body streamed in; the connection stays usable for {@code c}.
     */
    private static void uploadAndCheck(RawConnection c, String target, long seed) throws Exception {
        byte[] body = new byte[5 * 1024 * 1024];
        new Random(seed).nextBytes(body);
        ByteArrayOutputStream req = new ByteArrayOutputStream();
        req.writeBytes(("POST " + target + " HTTP/1.1\r\nHost: x\r\nContent-Length: " + body.length + "\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        req.writeBytes(body);
        Thread writer = Thread.ofVirtual().start(() -> {
            try {
                c.send(req.toByteArray());
            } catch (Exception e) {
                throw new RuntimeException(e);
            }
        });
        assertEquals(body.length + " " + sha256(body), c.read().bodyText());
        writer.join();
    }

    @Test
    void streamedRequestBodyReachesTheHandlerWhole() throws Exception {
        try (RawConnection c = connect()) {
            uploadAndCheck(c, "/upload?pauseMs=200", 3);
            assertEquals(200, c.send("GET /chunks HTTP/1.1\r\nHost: x\r\n\r\n").read().status(),
                    "the connection serves the next request");
        }
    }

    /**
     * A body that ends exactly as it fills the 64 KiB window pauses the reading before the parser reports
     * its end; once the handler has read it all, the end must still come.
     */
    @Test
    void aBodyEndingAsItFillsTheWindowStillEnds() throws Exception {
        byte[] body = new byte[64 * 1024];
        new Random(11).nextBytes(body);
        for (String target : new String[] {"/upload?pauseMs=300", "/upload-async?pieceDelayMs=300"}) {
            try (RawConnection c = connect()) {
                ByteArrayOutputStream req = new ByteArrayOutputStream();
                req.writeBytes(("POST " + target + " HTTP/1.1\r\nHost: x\r\nContent-Length: " + body.length
                        + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                req.writeBytes(body);
                c.send(req.toByteArray());
                assertEquals(body.length + " " + sha256(body), c.read().bodyText(), target);
            }
        }
    }

    @Test
    void aHandlerLearnsThatTheClientStoppedMidBody() throws Exception {
        try (RawConnection c = connect()) {
            c.send("POST /upload-failing HTTP/1.1\r\nHost: x\r\nContent-Length: 1000\r\n\r\n0123456789");
            assertEquals("reading", handlers.uploadFailures.poll(5, java.util.concurrent.TimeUnit.SECONDS));
            c.shutdownOutput();
            assertEquals("the client closed the connection before the body was complete",
                    handlers.uploadFailures.poll(5, java.util.concurrent.TimeUnit.SECONDS));
        }
    }

    @Test
    void publishedRequestBodyReachesANonBlockingHandlerWhole() throws Exception {
        try (RawConnection c = connect()) {
            uploadAndCheck(c, "/upload-async", 5);
            RawResponse chunked = c.send("POST /upload-async HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n"
                    + "3\r\nabc\r\n0\r\n\r\n").read();
            assertEquals("3 " + sha256("abc".getBytes()), chunked.bodyText());
        }
    }

    @Test
    void aSlowSubscriberHoldsTheClientBack() throws Exception {
        byte[] body = new byte[48 * 1024 * 1024];
        try (java.net.Socket s = new java.net.Socket("127.0.0.1", server.port())) {
            s.setSoTimeout(10_000);
            java.util.concurrent.atomic.AtomicLong sent = new java.util.concurrent.atomic.AtomicLong();
            Thread writer = Thread.ofVirtual().start(() -> {
                try {
                    var out = s.getOutputStream();
                    out.write(("POST /upload-async?pieceDelayMs=50 HTTP/1.1\r\nHost: x\r\nContent-Length: "
                            + body.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                    for (int off = 0; off < body.length; off += 65536) {
                        out.write(body, off, 65536);
                        sent.addAndGet(65536);
                    }
                } catch (Exception e) {
                    // the socket closes when the test ends
                }
            });
            Thread.sleep(1_000);
            assertTrue(sent.get() < 24L * 1024 * 1024,
                    "the client could not send faster than the handler took pieces: " + sent.get());
            writer.interrupt();
        }
    }

    @Test
    void chunkedStreamedRequestBody() throws Exception {
        try (RawConnection c = connect()) {
            RawResponse r = c.send("POST /upload HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n"
                    + "3\r\nabc\r\n2\r\nde\r\n0\r\n\r\n").read();
            assertEquals("5 " + sha256("abcde".getBytes()), r.bodyText());
        }
    }

    @Test
    void continueIsSentWhenTheHandlerFirstReads() throws Exception {
        try (RawConnection c = connect()) {
            c.send("POST /upload HTTP/1.1\r\nHost: x\r\nContent-Length: 4\r\nExpect: 100-continue\r\n\r\n");
            assertEquals(100, c.read().status());
            assertEquals("4 " + sha256("data".getBytes()), c.send("data").read().bodyText());
        }
    }

    @Test
    void expectForAnUnknownRouteIsAnsweredWithoutReadingTheBody() throws Exception {
        try (RawConnection c = connect()) {
            RawResponse r = c.send("POST /nowhere HTTP/1.1\r\nHost: x\r\nContent-Length: 100000\r\n"
                    + "Expect: 100-continue\r\n\r\n").read();
            assertEquals(404, r.status());
            assertEquals("close", r.header("Connection"));
            assertTrue(c.closedByServer());
        }
    }

    @Test
    void unknownExpectationIs417() throws Exception {
        try (RawConnection c = connect()) {
            RawResponse r = c.send("POST /upload HTTP/1.1\r\nHost: x\r\nContent-Length: 1\r\nExpect: telepathy\r\n\r\nx")
                    .read();
            assertEquals(417, r.status());
            assertTrue(c.closedByServer());
        }
    }

    @Test
    void blockingStreamIsChunkedAndKeepsTheConnection() throws Exception {
        try (RawConnection c = connect()) {
            RawResponse r = c.send("GET /chunks?count=4 HTTP/1.1\r\nHost: x\r\n\r\n").read();
            assertEquals("chunked", r.header("Transfer-Encoding"));
            assertEquals(null, r.header("Content-Length"));
            assertEquals("part 0\npart 1\npart 2\npart 3\n", r.bodyText());
            assertEquals("tick 0\ntick 1\n", c.send("GET /ticks?count=2 HTTP/1.1\r\nHost: x\r\n\r\n").read().bodyText());
        }
    }

    @Test
    void http10StreamIsSentRawAndEndsWithTheConnection() throws Exception {
        try (RawConnection c = connect()) {
            c.send("GET /ticks?count=2 HTTP/1.0\r\n\r\n");
            String all = new String(c.readAll(), StandardCharsets.ISO_8859_1);
            assertTrue(all.startsWith("HTTP/1.0 200") || all.startsWith("HTTP/1.1 200"), all);
            assertTrue(all.endsWith("\r\n\r\ntick 0\ntick 1\n"), all);
            assertTrue(!all.toLowerCase().contains("transfer-encoding"), all);
        }
    }

    @Test
    void slowReaderHoldsBackTheProducer() throws Exception {
        long total = 64L * 1024 * 1024;
        try (RawConnection c = connect()) {
            c.send("GET /firehose?bytes=" + total + " HTTP/1.1\r\nHost: x\r\n\r\n");
            Thread.sleep(800);
            long producedWhileStalled = handlers.produced.get();
            assertTrue(producedWhileStalled < 24L * 1024 * 1024,
                    "the producer waited for the client; it produced " + producedWhileStalled);
            assertEquals(total, c.read().body().length);
        }
    }

    @Test
    void fileRegionsAreSentWhole() throws Exception {
        byte[] expected = Files.readAllBytes(handlers.file);
        try (RawConnection c = connect()) {
            RawResponse r = c.send("GET /file HTTP/1.1\r\nHost: x\r\n\r\n").read();
            assertEquals(String.valueOf(expected.length), r.header("Content-Length"));
            assertArrayEquals(expected, r.body());
            RawResponse part = c.send("GET /file-part?from=10&count=5 HTTP/1.1\r\nHost: x\r\n\r\n").read();
            assertArrayEquals(java.util.Arrays.copyOfRange(expected, 10, 15), part.body());
            RawResponse head = c.send("HEAD /file HTTP/1.1\r\nHost: x\r\n\r\n").read(true);
            assertEquals(String.valueOf(expected.length), head.header("Content-Length"));
            assertEquals(200, c.send("GET /chunks HTTP/1.1\r\nHost: x\r\n\r\n").read().status());
        }
    }

    @Test
    void aFileThatShrinksWhileSentEndsTheConnection(@TempDir Path dir) throws Exception {
        Path shrinking = Files.write(dir.resolve("shrinking.bin"), new byte[32 * 1024 * 1024]);
        Path original = handlers.file;
        handlers.file = shrinking;
        try (RawConnection c = connect()) {
            c.send("GET /file HTTP/1.1\r\nHost: x\r\n\r\n");
            Thread.sleep(200);
            try (var ch = java.nio.channels.FileChannel.open(shrinking, java.nio.file.StandardOpenOption.WRITE)) {
                ch.truncate(1024);
            }
            long start = System.nanoTime();
            try {
                c.readAll();
            } catch (java.io.IOException reset) {
                // a reset is an end too
            }
            long ms = (System.nanoTime() - start) / 1_000_000;
            assertTrue(ms < 5_000, "the connection ended at once instead of spinning until the write timeout: " + ms);
        } finally {
            handlers.file = original;
        }
    }

    @Test
    void upgradeHandsTheChannelToTheNewProtocol() throws Exception {
        try (RawConnection c = connect()) {
            RawResponse r = c.send("GET /upgrade HTTP/1.1\r\nHost: x\r\nConnection: Upgrade\r\nUpgrade: echo\r\n\r\n")
                    .read();
            assertEquals(101, r.status());
            assertEquals("echo", r.header("Upgrade"));
            c.send("ping!");
            assertEquals("ping!", new String(c.readExactly(5), StandardCharsets.US_ASCII));
        }
    }
}
