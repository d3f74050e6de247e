package dev.gyre.server;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gyre.server.RawConnection.RawResponse;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Keep-alive, close, pipelining and framing of responses, over real sockets. */
class ConnectionTest {
    private static GyreServer server;

    @BeforeAll
    static void start() {
        server = Gyre.builder().port(0).loops(2).handlers(new TestHandlers()).start();
    }

    @AfterAll
    static void stop() {
        server.stop();
    }

    private static RawConnection connect() throws Exception {
        return new RawConnection(server.port());
    }

    @Test
    void http11KeepsTheConnectionOpenAcrossRequests() throws Exception {
        try (RawConnection c = connect()) {
            for (int i = 0; i < 3; i++) {
                RawResponse r = c.send("GET /plain HTTP/1.1\r\nHost: x\r\n\r\n").read();
                assertEquals(200, r.status());
                assertEquals("plain", r.bodyText());
                assertNull(r.header("Connection"));
                assertEquals("gyre", r.header("Server"));
                assertNotNull(r.header("Date"));
                assertEquals("5", r.header("Content-Length"));
            }
        }
    }

    @Test
    void http11ConnectionCloseIsAnsweredAndClosed() throws Exception {
        try (RawConnection c = connect()) {
            RawResponse r = c.send("GET /plain HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n").read();
            assertEquals(200, r.status());
            assertEquals("close", r.header("Connection"));
            assertTrue(c.closedByServer());
        }
    }

    @Test
    void http10ClosesUnlessKeepAliveIsAsked() throws Exception {
        try (RawConnection c = connect()) {
            RawResponse r = c.send("GET /plain HTTP/1.0\r\n\r\n").read();
            assertEquals(200, r.status());
            assertEquals("close", r.header("Connection"));
            assertTrue(c.closedByServer());
        }
        try (RawConnection c = connect()) {
            for (int i = 0; i < 2; i++) {
                RawResponse r = c.send("GET /plain HTTP/1.0\r\nConnection: keep-alive\r\n\r\n").read();
                assertEquals(200, r.status());
                assertEquals("keep-alive", r.header("Connection"));
            }
        }
    }

    @Test
    void pipelinedResponsesLeaveInRequestOrder() throws Exception {
        try (RawConnection c = connect()) {
            // the slow blocking request comes first; the fast loop ones must wait behind it
            c.send("GET /sleep/150 HTTP/1.1\r\nHost: x\r\n\r\n"
                    + "GET /plain HTTP/1.1\r\nHost: x\r\n\r\n"
                    + "GET /sleep/10 HTTP/1.1\r\nHost: x\r\n\r\n"
                    + "POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\n\r\nabc"
                    + "GET /async?delayMs=20 HTTP/1.1\r\nHost: x\r\n\r\n");
            assertEquals("slept 150", c.read().bodyText());
            assertEquals("plain", c.read().bodyText());
            assertEquals("slept 10", c.read().bodyText());
            assertEquals("abc", c.read().bodyText());
            assertTrue(c.read().bodyText().startsWith("gyre-loop-"));
        }
    }

    @Test
    void manyPipelinedRequestsInOneWrite() throws Exception {
        StringBuilder burst = new StringBuilder();
        int n = 200;
        for (int i = 0; i < n; i++) {
            burst.append("GET /plain HTTP/1.1\r\nHost: x\r\n\r\n");
        }
        try (RawConnection c = connect()) {
            c.send(burst.toString());
            for (int i = 0; i < n; i++) {
                assertEquals("plain", c.read().bodyText());
            }
        }
    }

    @Test
    void requestSplitAcrossManyWrites() throws Exception {
        byte[] request = "POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 11\r\n\r\nhello world"
                .getBytes(StandardCharsets.US_ASCII);
        try (RawConnection c = connect()) {
            for (byte b : request) {
                c.send(new byte[] {b});
                Thread.sleep(1);
            }
            assertEquals("hello world", c.read().bodyText());
        }
    }

    @Test
    void chunkedRequestBodyIsEchoed() throws Exception {
        try (RawConnection c = connect()) {
            RawResponse r = c.send("POST /echo HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n"
                    + "5;ext=1\r\nhello\r\n1\r\n \r\n5\r\nworld\r\n0\r\nX-Trailer: x\r\n\r\n").read();
            assertEquals(200, r.status());
            assertEquals("hello world", r.bodyText());
            assertEquals("plain", c.send("GET /plain HTTP/1.1\r\nHost: x\r\n\r\n").read().bodyText());
        }
    }

    @Test
    void expectContinueGets100BeforeTheBody() throws Exception {
        try (RawConnection c = connect()) {
            c.send("POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\nExpect: 100-continue\r\n\r\n");
            assertEquals(100, c.read().status());
            RawResponse r = c.send("ok").read();
            assertEquals("ok", r.bodyText());
        }
    }

    @Test
    void headIsAnsweredByTheGetRouteWithoutBody() throws Exception {
        try (RawConnection c = connect()) {
            RawResponse r = c.send("HEAD /plain HTTP/1.1\r\nHost: x\r\n\r\n").read(true);
            assertEquals(200, r.status());
            assertEquals("5", r.header("Content-Length"));
            assertEquals("plain", c.send("GET /plain HTTP/1.1\r\nHost: x\r\n\r\n").read().bodyText());
        }
    }

    @Test
    void largeResponseBodyArrivesWhole() throws Exception {
        int size = 3 * 1024 * 1024;
        try (RawConnection c = connect()) {
            RawResponse r = c.send("GET /big?size=" + size + " HTTP/1.1\r\nHost: x\r\n\r\n"
                    + "GET /plain HTTP/1.1\r\nHost: x\r\n\r\n").read();
            assertEquals(size, r.body().length);
            assertEquals('a' + (size - 1) % 26, r.body()[size - 1]);
            assertEquals("plain", c.read().bodyText());
        }
    }

    @Test
    void largeRequestBodyIsEchoed() throws Exception {
        byte[] body = new byte[1024 * 1024];
        new java.util.Random(1).nextBytes(body);
        ByteArrayOutputStream req = new ByteArrayOutputStream();
        req.writeBytes(("POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: " + body.length + "\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        req.writeBytes(body);
        try (RawConnection c = connect()) {
            assertArrayEquals(body, c.send(req.toByteArray()).read().body());
        }
    }

    @Test
    void malformedRequestGets400AndClose() throws Exception {
        try (RawConnection c = connect()) {
            RawResponse r = c.send("GARBAGE\r\n\r\n").read();
            assertEquals(400, r.status());
            assertEquals("close", r.header("Connection"));
            assertTrue(r.bodyText().startsWith("{\"detail\":"));
            assertTrue(c.closedByServer());
        }
    }

    @Test
    void aSmuggledRequestAfterAFramingErrorIsNeverAnswered() throws Exception {
        try (RawConnection c = connect()) {
            c.send("POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n"
                    + "0\r\n\r\nGET /plain HTTP/1.1\r\nHost: x\r\n\r\n");
            RawResponse r = c.read();
            assertEquals(400, r.status());
            assertTrue(c.closedByServer(), "the bytes after the error produce no second response");
        }
    }

    @Test
    void malformedHeadRequestGets400WithoutBody() throws Exception {
        try (RawConnection c = connect()) {
            RawResponse r = c.send("HEAD /plain HTTP/1.1\r\n  folded: line\r\nHost: x\r\n\r\n").read(true);
            assertEquals(400, r.status());
            assertTrue(Integer.parseInt(r.header("Content-Length")) > 0, "announces what a GET would get");
            assertTrue(c.closedByServer(), "and nothing follows the head");
        }
    }

    @Test
    void handlerFailureIs500AndTheConnectionKeepsServing() throws Exception {
        try (RawConnection c = connect()) {
            RawResponse r = c.send("GET /boom HTTP/1.1\r\nHost: x\r\n\r\n").read();
            assertEquals(500, r.status());
            assertTrue(r.bodyText().matches("\\{\"detail\":\"Internal Server Error\",\"request_id\":\"[^\"]+\"}"),
                    r.bodyText());
            assertFalse(r.bodyText().contains("expected by the test"));
            assertEquals("plain", c.send("GET /plain HTTP/1.1\r\nHost: x\r\n\r\n").read().bodyText());
        }
    }

    @Test
    void clientHalfCloseAfterRequestStillGetsTheAnswer() throws Exception {
        try (RawConnection c = connect()) {
            c.send("GET /sleep/50 HTTP/1.1\r\nHost: x\r\n\r\n");
            c.shutdownOutput();
            assertEquals("slept 50", c.read().bodyText());
            assertTrue(c.closedByServer());
        }
    }

    @Test
    void everyRequestSentBeforeAHalfCloseIsAnswered() throws Exception {
        try (RawConnection c = connect()) {
            c.send("GET /sleep/30 HTTP/1.1\r\nHost: x\r\n\r\nGET /plain HTTP/1.1\r\nHost: x\r\n\r\n");
            c.shutdownOutput();
            assertEquals("slept 30", c.read().bodyText());
            assertEquals("plain", c.read().bodyText());
            assertTrue(c.closedByServer());
        }
    }

    @Test
    void clientVanishingMidResponseLeavesTheServerServing() throws Exception {
        for (int i = 0; i < 20; i++) {
            RawConnection c = connect();
            c.send("GET /big?size=4000000 HTTP/1.1\r\nHost: x\r\n\r\n");
            c.close();
        }
        try (RawConnection c = connect()) {
            assertEquals("plain", c.send("GET /plain HTTP/1.1\r\nHost: x\r\n\r\n").read().bodyText());
        }
        long deadline = System.currentTimeMillis() + 5_000;
        while (server.openConnections() > 0 && System.currentTimeMillis() < deadline) {
            Thread.sleep(20);
        }
        assertEquals(0, server.openConnections(), "every vanished connection was closed");
    }
}
