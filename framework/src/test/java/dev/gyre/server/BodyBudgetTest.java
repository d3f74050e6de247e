package dev.gyre.server;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gyre.http.HttpLimits;
import dev.gyre.server.RawConnection.RawResponse;
import java.util.Arrays;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The server-wide budget for whole request bodies while they arrive, over real sockets, with two loops
 * so that the budget is seen to be shared. The budget is exactly one 30 000-byte body.
 */
class BodyBudgetTest {
    private static final int BUDGET = 30_000;
    private static GyreServer server;

    @BeforeAll
    static void start() {
        server = Gyre.builder().port(0).loops(2).handlers(new TestHandlers())
                .limits(HttpLimits.defaults().withMaxBufferedBodies(BUDGET))
                .start();
    }

    @AfterAll
    static void stop() {
        server.stop();
    }

    private static String post(int length) {
        return "POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: " + length + "\r\n\r\n";
    }

    /**
     * The first body's array grows to the whole budget (20 000 bytes, then doubling capped at its
     * declared 30 000), so the next bodies are refused at their heads.
     */
    @Test
    void bodiesPastTheBudgetGet503UntilItFreesUp() throws Exception {
        byte[] big = new byte[BUDGET];
        Arrays.fill(big, (byte) 'b');
        try (RawConnection holder = new RawConnection(server.port())) {
            holder.send(post(big.length)).send(Arrays.copyOf(big, 20_000));
            Thread.sleep(1_000);
            holder.send(Arrays.copyOfRange(big, 20_000, 20_001));
            Thread.sleep(1_000);
            for (int i = 0; i < 2; i++) {
                try (RawConnection refused = new RawConnection(server.port())) {
                    RawResponse r = refused.send(post(5) + "hello").read();
                    assertEquals(503, r.status(), "the first body holds the whole budget");
                    assertEquals("1", r.header("Retry-After"));
                    assertTrue(refused.closedByServer());
                }
            }
            holder.send(Arrays.copyOfRange(big, 20_001, big.length));
            assertArrayEquals(big, holder.read().body(), "the body within the budget is served");
        }
        try (RawConnection later = new RawConnection(server.port())) {
            assertEquals("hello", later.send(post(5) + "hello").read().bodyText(), "the budget was given back");
            assertArrayEquals(big, later.send(post(big.length)).send(big).read().body());
        }
    }

    /** A body that grows past what others left is refused at the piece that would pass the budget. */
    @Test
    void bodyGrowingPastTheBudgetGets503() throws Exception {
        try (RawConnection holder = new RawConnection(server.port())) {
            holder.send(post(20_000)).send(new byte[10_000]);
            Thread.sleep(1_000);
            try (RawConnection grower = new RawConnection(server.port())) {
                RawResponse r = grower.send(post(25_000)).send(new byte[25_000]).read();
                assertEquals(503, r.status());
            }
            assertEquals(20_000, holder.send(new byte[10_000]).read().body().length);
        }
    }

    /**
     * A client that asked {@code Expect: 100-continue} for a body the budget cannot hold now hears
     * {@code 503} at once instead of {@code 100 Continue} (then {@code 503} after sending it in vain).
     */
    @Test
    void anExpectContinueBodyTheBudgetCannotHoldGets503AtItsHead() throws Exception {
        try (RawConnection holder = new RawConnection(server.port())) {
            holder.send(post(20_000)).send(new byte[10_000]);
            Thread.sleep(1_000);
            try (RawConnection hopeful = new RawConnection(server.port())) {
                RawResponse r = hopeful.send("POST /echo HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\n"
                        + "Content-Length: 25000\r\n\r\n").read();
                assertEquals(503, r.status(), "refused at the head, before the client sends the body");
                assertEquals("1", r.header("Retry-After"));
                assertTrue(hopeful.closedByServer());
            }
            assertEquals(20_000, holder.send(new byte[10_000]).read().body().length);
        }
    }

    /**
     * An echoed body stays in the outbound queue until its reader takes it, so its reservation lasts until
     * the response is fully written: with 8 MiB of a 10 MiB budget unread by its client, a 4 MiB body is
     * refused; once the echo is read, the same body is served. (Before, the budget was given back when the
     * handler got the body, and a heap could fill with echoes that nobody read.)
     */
    @Test
    void anEchoedBodyHoldsTheBudgetUntilItsResponseIsWritten() throws Exception {
        int echoed = 8 * 1024 * 1024;
        GyreServer wide = Gyre.builder().port(0).loops(1).handlers(new TestHandlers())
                .limits(HttpLimits.defaults().withMaxBodySize(16 * 1024 * 1024).withMaxBufferedBodies(10 * 1024 * 1024))
                .start();
        try (RawConnection unread = new RawConnection(wide.port())) {
            unread.send(post(echoed)).send(new byte[echoed]);
            Thread.sleep(1_000);
            try (RawConnection refused = new RawConnection(wide.port())) {
                assertEquals(503, refused.send(post(4 * 1024 * 1024)).send(new byte[4 * 1024 * 1024]).read().status(),
                        "the unread echo still holds 8 MiB of the budget");
            }
            assertEquals(echoed, unread.read().body().length);
            Thread.sleep(200);
            try (RawConnection served = new RawConnection(wide.port())) {
                assertEquals(4 * 1024 * 1024,
                        served.send(post(4 * 1024 * 1024)).send(new byte[4 * 1024 * 1024]).read().body().length,
                        "the budget came back when the echo was written");
            }
        } finally {
            wide.stop();
        }
    }
}
