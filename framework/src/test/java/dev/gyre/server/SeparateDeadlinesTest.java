package dev.gyre.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gyre.server.RawConnection.RawResponse;
import java.io.IOException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * A request body that arrives while the previous response still waits for its reader is timed by the body
 * deadline, and the response by the write deadline: neither re-arms nor overwrites the other. The high
 * watermark is raised so that the next request is read while a large response is still queued.
 */
class SeparateDeadlinesTest {
    private static final int BIG = 20_000_000;
    private static final String BIG_THEN_BODY = "GET /big?size=" + BIG + " HTTP/1.1\r\nHost: x\r\n\r\n"
            + "POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\nabc";

    private static GyreServer start(Duration bodyRead, Duration write) {
        Timeouts t = Timeouts.defaults()
                .withBodyRead(bodyRead)
                .withWrite(write)
                .withMinRequestBodyRate(MinDataRate.disabled())
                .withMinResponseRate(MinDataRate.disabled());
        ServerConfig c = ServerConfig.defaults();
        ServerConfig config = new ServerConfig("127.0.0.1", 0, 1, c.backlog(), c.limits(), t, 64 * 1024 * 1024);
        return Gyre.builder().config(config).handlers(new TestHandlers()).start();
    }

    private static long millisSince(long start) {
        return (System.nanoTime() - start) / 1_000_000;
    }

    /** The client trickles a body faster than the body deadline but never reads: the write deadline closes it. */
    @Test
    void writeDeadlineRunsWhileABodyTrickles() throws Exception {
        GyreServer server = start(Duration.ofSeconds(30), Duration.ofMillis(800));
        try (RawConnection c = new RawConnection(server.port())) {
            c.send(BIG_THEN_BODY);
            awaitOpenConnections(server, 1);
            long start = System.nanoTime();
            while (server.openConnections() > 0 && millisSince(start) < 8_000) {
                try {
                    c.send("x");
                } catch (IOException closed) {
                    break;
                }
                Thread.sleep(200);
            }
            long waited = millisSince(start);
            awaitOpenConnections(server, 0);
            assertEquals(0, server.openConnections(), "the write deadline closed the connection");
            assertTrue(waited >= 700 && waited < 6_000,
                    "closed after about the write timeout, not kept open by the body: " + waited);
        } finally {
            server.stop();
        }
    }

    /** The body stalls while the previous response waits for its reader: the body deadline still answers 408. */
    @Test
    void bodyDeadlineRunsWhileTheResponseWaits() throws Exception {
        GyreServer server = start(Duration.ofMillis(800), Duration.ofSeconds(30));
        try (RawConnection c = new RawConnection(server.port())) {
            c.send(BIG_THEN_BODY);
            Thread.sleep(2_500);
            RawResponse big = c.read();
            assertEquals(200, big.status());
            assertEquals(BIG, big.body().length);
            RawResponse timedOut = c.read();
            assertEquals(408, timedOut.status(), "the body deadline ran while the response was being written");
            assertTrue(c.closedByServer());
        } finally {
            server.stop();
        }
    }

    private static void awaitOpenConnections(GyreServer server, int count) throws InterruptedException {
        long start = System.nanoTime();
        while (server.openConnections() != count && millisSince(start) < 5_000) {
            Thread.sleep(20);
        }
    }
}
