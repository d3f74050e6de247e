package dev.gyre.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gyre.server.RawConnection.RawResponse;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Every connection deadline, with short timeouts so the test stays quick. */
class TimeoutsTest {
    private static GyreServer server;

    @BeforeAll
    static void start() {
        Timeouts t = Timeouts.defaults()
                .withIdle(Duration.ofMillis(600))
                .withRequestHead(Duration.ofMillis(500))
                .withBodyRead(Duration.ofMillis(500))
                .withWrite(Duration.ofMillis(500))
                .withLinger(Duration.ofMillis(300));
        server = Gyre.builder().port(0).loops(1).timeouts(t).handlers(new TestHandlers()).start();
    }

    @AfterAll
    static void stop() {
        server.stop();
    }

    private static long millisSince(long start) {
        return (System.nanoTime() - start) / 1_000_000;
    }

    @Test
    void slowHeadersGet408() throws Exception {
        try (RawConnection c = new RawConnection(server.port())) {
            long start = System.nanoTime();
            c.send("GET /plain HTTP/1.1\r\nHo");
            Thread.sleep(200);
            c.send("st: x\r\n");
            RawResponse r = c.read();
            assertEquals(408, r.status());
            assertEquals("close", r.header("Connection"));
            assertTrue(millisSince(start) >= 450, "the deadline runs from the first byte");
            assertTrue(c.closedByServer());
        }
    }

    /**
     * First bytes that could still be the HTTP/2 preface (prior knowledge is on) are a head like any other:
     * its deadline runs from the first byte, not again from each piece that keeps the preface undecided.
     */
    @Test
    void aPrefaceStartDribbledByteByByteTimesOutFromItsFirstByte() throws Exception {
        try (RawConnection c = new RawConnection(server.port())) {
            long start = System.nanoTime();
            c.send("P");
            Thread.sleep(400);
            c.send("R");
            Thread.sleep(400);
            c.send("I");
            RawResponse r = c.read();
            assertEquals(408, r.status());
            assertTrue(millisSince(start) < 1150, "timed out by the deadline from the first byte (500 ms), not from"
                    + " the last (800 + 500 ms): " + millisSince(start) + " ms");
            assertTrue(c.closedByServer());
        }
    }

    /**
     * A preface whose first piece came alone, HTTP/1.1 reading it before it could tell, leaves HTTP/2 what is left
     * of the request-head timeout for the first request, not the whole timeout again.
     */
    @Test
    void aSplitPrefaceLeavesHttp2WhatIsLeftOfTheHeadTimeout() throws Exception {
        try (RawConnection c = new RawConnection(server.port())) {
            long start = System.nanoTime();
            c.send("P");
            Thread.sleep(400);
            c.send("RI * HTTP/2.0\r\n\r\nSM\r\n\r\n");
            byte[] answer = c.readAll();
            long millis = millisSince(start);
            assertTrue(answer.length > 0, "HTTP/2 took over: its SETTINGS and GOAWAY");
            assertTrue(millis < 780, "closed by the deadline from the first byte (500 ms), not from the switch"
                    + " (400 + 500 ms): " + millis + " ms");
        }
    }

    /** The head deadline is armed only for a head cut short; one cut behind a whole request still gets it. */
    @Test
    void headCutShortBehindAWholeRequestGets408() throws Exception {
        try (RawConnection c = new RawConnection(server.port())) {
            c.send("GET /plain HTTP/1.1\r\nHost: x\r\n\r\nGET /plain HTTP/1.1\r\nHo");
            assertEquals(200, c.read().status());
            RawResponse r = c.read();
            assertEquals(408, r.status(), "the second head timed out, not the idle connection");
            assertEquals("close", r.header("Connection"));
            assertTrue(c.closedByServer());
        }
    }

    @Test
    void idleKeepAliveConnectionIsClosedQuietly() throws Exception {
        try (RawConnection c = new RawConnection(server.port())) {
            assertEquals(200, c.send("GET /plain HTTP/1.1\r\nHost: x\r\n\r\n").read().status());
            long start = System.nanoTime();
            assertTrue(c.closedByServer(), "closed without a response");
            long waited = millisSince(start);
            assertTrue(waited >= 500 && waited < 3_000, "after about the idle timeout: " + waited);
        }
    }

    @Test
    void connectionThatNeverSendsIsClosed() throws Exception {
        try (RawConnection c = new RawConnection(server.port())) {
            assertTrue(c.closedByServer());
        }
    }

    @Test
    void stalledBodyGets408() throws Exception {
        try (RawConnection c = new RawConnection(server.port())) {
            c.send("POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 10\r\n\r\nabc");
            RawResponse r = c.read();
            assertEquals(408, r.status());
            assertTrue(c.closedByServer());
        }
    }

    @Test
    void clientThatStopsReadingIsDisconnected() throws Exception {
        try (Socket s = new Socket("127.0.0.1", server.port())) {
            s.getOutputStream().write("GET /big?size=60000000 HTTP/1.1\r\nHost: x\r\n\r\n".getBytes());
            InputStream in = s.getInputStream();
            long read = in.read() < 0 ? 0 : 1;
            assertEquals(1, read, "the response has started, so the server holds the connection");
            long start = System.nanoTime();
            while (server.openConnections() > 0 && millisSince(start) < 10_000) {
                Thread.sleep(50);
            }
            assertEquals(0, server.openConnections(), "the write deadline closed the stalled connection");
            try {
                byte[] buf = new byte[65536];
                for (int n; (n = in.read(buf)) > 0; ) {
                    read += n;
                }
            } catch (IOException reset) {
                // a reset is as good as an end of stream here
            }
            assertTrue(read < 60_000_000, "the response was cut short: " + read);
        }
    }
}
