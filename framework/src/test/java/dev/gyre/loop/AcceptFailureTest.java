package dev.gyre.loop;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A connection whose hand-over throws an {@link Error} (an {@code OutOfMemoryError} on a full heap, as a tester
 * provoked) is closed, not left accepted and unanswered in CLOSE-WAIT; the listener goes on accepting.
 */
class AcceptFailureTest {
    private EventLoopGroup group;

    @BeforeEach
    void start() {
        group = new EventLoopGroup(1, "accept-failure-test-");
        group.start();
    }

    @AfterEach
    void stop() throws InterruptedException {
        group.shutdown(5_000);
    }

    @Test
    void aConnectionWhoseSetUpThrowsAnErrorIsClosedAndTheNextIsAccepted() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        ChannelAcceptor acceptor = (channel, loop) -> {
            if (calls.incrementAndGet() == 1) {
                throw new StackOverflowError("set-up failed");
            }
            channel.write(java.nio.ByteBuffer.wrap(new byte[] {'o', 'k'}));
            channel.close();
        };
        Listeners listeners = Listeners.bind(new InetSocketAddress("127.0.0.1", 0), 16, group, acceptor);
        try {
            int port = listeners.address().getPort();
            try (Socket first = new Socket("127.0.0.1", port)) {
                first.setSoTimeout(5_000);
                assertEquals(-1, first.getInputStream().read(), "the failed connection is closed");
            }
            try (Socket second = new Socket("127.0.0.1", port)) {
                second.setSoTimeout(5_000);
                InputStream in = second.getInputStream();
                assertEquals("ok", new String(in.readAllBytes()), "the listener still accepts");
            }
        } finally {
            listeners.close(System.nanoTime() + 5_000_000_000L);
        }
    }
}
