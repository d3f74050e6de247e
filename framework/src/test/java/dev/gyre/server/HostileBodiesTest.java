package dev.gyre.server;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gyre.http.HttpLimits;
import dev.gyre.server.RawConnection.RawResponse;
import java.time.Duration;
import java.util.Arrays;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Declared lengths the server must not trust, and the framing edges around bodies, over real sockets.
 * The body limit is raised to 4 GiB so that lengths beyond what one array holds reach the reader.
 */
class HostileBodiesTest {
    private static final long BEYOND_AN_ARRAY = (1L << 31) + 1;
    private static GyreServer server;

    @BeforeAll
    static void start() {
        server = Gyre.builder().port(0).loops(1).handlers(new TestHandlers(), new StreamingHandlers())
                .limits(HttpLimits.defaults().withMaxBodySize(4L * 1024 * 1024 * 1024))
                .start();
    }

    @AfterAll
    static void stop() {
        server.stop();
    }

    private static void stillServes() throws Exception {
        try (RawConnection c = new RawConnection(server.port())) {
            assertEquals("plain", c.send("GET /plain HTTP/1.1\r\nHost: x\r\n\r\n").read().bodyText());
        }
    }

    /** Before: {@code Math.toIntExact} threw inside the loop and the selector closed the socket unanswered. */
    @Test
    void bufferedBodyBeyondOneArrayIs413() throws Exception {
        try (RawConnection c = new RawConnection(server.port())) {
            RawResponse r = c.send("POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: " + BEYOND_AN_ARRAY
                    + "\r\n\r\nsome of it").read();
            assertEquals(413, r.status());
            assertTrue(c.closedByServer());
        }
        stillServes();
        awaitOpenConnections(0);
    }

    /** A streamed body is read as a long: 2^31+1 declared, part sent, then the client leaves. */
    @Test
    void streamedBodyBeyondOneArrayIsRead() throws Exception {
        try (RawConnection c = new RawConnection(server.port())) {
            c.send("POST /upload HTTP/1.1\r\nHost: x\r\nContent-Length: " + BEYOND_AN_ARRAY + "\r\n\r\n");
            c.send(new byte[1024 * 1024]);
        }
        stillServes();
        awaitOpenConnections(0);
    }

    /** A declared body that arrives in odd-sized pieces grows to exactly its length and is collected whole. */
    @Test
    void declaredLengthArrivingInPiecesIsCollectedWhole() throws Exception {
        byte[] body = new byte[300_000];
        for (int i = 0; i < body.length; i++) {
            body[i] = (byte) (i * 31);
        }
        try (RawConnection c = new RawConnection(server.port())) {
            c.send("POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: " + body.length + "\r\n\r\n");
            for (int off = 0; off < body.length; off += 7_001) {
                c.send(Arrays.copyOfRange(body, off, Math.min(body.length, off + 7_001)));
            }
            assertArrayEquals(body, c.read().body());
        }
    }

    /** RFC 9110 §10.1.1: an HTTP/1.0 request's expectation is ignored, neither 100 nor 417. */
    @Test
    void http10ExpectationIsIgnored() throws Exception {
        try (RawConnection c = new RawConnection(server.port())) {
            RawResponse r = c.send("POST /echo HTTP/1.0\r\nContent-Length: 2\r\nExpect: 100-continue\r\n\r\nok").read();
            assertEquals(200, r.status());
            assertEquals("ok", r.bodyText());
        }
        try (RawConnection c = new RawConnection(server.port())) {
            RawResponse r = c.send("POST /echo HTTP/1.0\r\nContent-Length: 2\r\nExpect: something-else\r\n\r\nok").read();
            assertEquals(200, r.status());
        }
    }

    /** An HTTP/1.1 expectation the server cannot meet is still 417 (RFC 9110 §10.1.1 permits it). */
    @Test
    void http11UnknownExpectationIs417() throws Exception {
        try (RawConnection c = new RawConnection(server.port())) {
            RawResponse r = c.send("POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\nExpect: teapot\r\n\r\nok").read();
            assertEquals(417, r.status());
        }
    }

    /**
     * HEAD on a streamed route: no body, and no {@code Content-Length: -1}; the connection stays usable,
     * which proves no framing bytes followed the head.
     */
    @Test
    void headOnStreamedRouteHasNoLengthAndNoBody() throws Exception {
        try (RawConnection c = new RawConnection(server.port())) {
            RawResponse r = c.send("HEAD /chunks HTTP/1.1\r\nHost: x\r\n\r\n").read(true);
            assertEquals(200, r.status());
            assertNull(r.header("Content-Length"));
            assertNull(r.header("Transfer-Encoding"));
            assertEquals("plain", c.send("GET /plain HTTP/1.1\r\nHost: x\r\n\r\n").read().bodyText());
        }
        try (RawConnection c = new RawConnection(server.port())) {
            RawResponse r = c.send("HEAD /ticks HTTP/1.0\r\nConnection: keep-alive\r\n\r\n").read(true);
            assertEquals(200, r.status());
            assertNull(r.header("Content-Length"));
            assertEquals("plain", c.send("GET /plain HTTP/1.1\r\nHost: x\r\n\r\n").read().bodyText());
        }
    }

    private static void awaitOpenConnections(int expected) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (server.openConnections() != expected && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertEquals(expected, server.openConnections());
    }
}
