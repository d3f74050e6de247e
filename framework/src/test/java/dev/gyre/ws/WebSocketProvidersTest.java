package dev.gyre.ws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gyre.server.Gyre;
import dev.gyre.server.GyreServer;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Providers bind into WebSocket callbacks as into HTTP handlers, with the session as their scope. */
class WebSocketProvidersTest {
    private static final AtomicInteger made = new AtomicInteger();
    private static final CountDownLatch closed = new CountDownLatch(2);

    /** A per-session resource, like a database handle. */
    public static final class Ledger implements AutoCloseable {
        final int id = made.incrementAndGet();
        int entries;

        @Override
        public void close() {
            closed.countDown();
        }
    }

    @WebSocket("/ledger")
    public static final class LedgerSocket {
        @OnOpen
        public String open(Ledger ledger) {
            return "ledger " + ledger.id;
        }

        @OnText
        public String text(String message, Ledger ledger) {
            ledger.entries++;
            return "ledger " + ledger.id + " has " + ledger.entries;
        }
    }

    @Test
    void aProvidedValueLivesAsLongAsItsSessionAndIsClosedAfterIt() throws Exception {
        try (GyreServer server = Gyre.builder().port(0).loops(1).handlers(new LedgerSocket())
                .provide(Ledger.class, scope -> new Ledger()).start()) {
            String firstId;
            try (JdkClient one = JdkClient.connect(server.port(), "/ledger");
                 JdkClient two = JdkClient.connect(server.port(), "/ledger")) {
                firstId = one.next();
                String secondId = two.next();
                assertNotEquals(firstId, secondId, "each session has its own");
                one.socket.sendText("a", true).join();
                assertEquals(firstId + " has 1", one.next());
                one.socket.sendText("b", true).join();
                assertEquals(firstId + " has 2", one.next(), "the same value throughout the session");
                one.socket.sendClose(1000, "done").join();
                two.socket.sendClose(1000, "done").join();
            }
            assertTrue(closed.await(5, TimeUnit.SECONDS), "both sessions' values were closed after them");
        }
    }
}
