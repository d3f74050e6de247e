package dev.gyre.http2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gyre.server.Gyre;
import dev.gyre.server.GyreServer;
import dev.gyre.server.TestHandlers;
import dev.gyre.server.Timeouts;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * What an HTTP/2 connection keeps once its streams are done, on the heap of a running server: however large
 * the response it was sent, the frames and the header block it sent, an idle connection costs about what a new
 * one does, so a peer cannot make hundreds of idle connections each hold 150 KiB or more.
 */
class Http2IdleMemoryTest {
    private static final int CONNECTIONS = 200;

    @Test
    void anIdleConnectionGivesBackWhatALargeExchangeMadeItAllocate() throws Exception {
        GyreServer server = Gyre.builder().port(0).loops(1)
                .timeouts(Timeouts.defaults().withIdle(Duration.ofMinutes(5)))
                .handlers(new H2Routes(), new TestHandlers()).start();
        List<H2SocketClient> clients = new ArrayList<>();
        try (ExecutorService readers = Executors.newVirtualThreadPerTaskExecutor()) {
            long before = usedHeapAfterGc();
            for (int i = 0; i < CONNECTIONS; i++) {
                H2SocketClient client = new H2SocketClient(server.port());
                clients.add(client);
                client.send(largeExchange());
            }
            List<Future<?>> exchanges = new ArrayList<>();
            for (H2SocketClient client : clients) {
                exchanges.add(readers.submit(() -> {
                    assertEquals("200", client.status(1, 10_000), "the large response");
                    assertEquals("431", client.status(3, 10_000), "the large header block");
                    awaitEnd(client, 1);
                    client.forget();
                    return null;
                }));
            }
            for (Future<?> exchange : exchanges) {
                exchange.get();
            }
            long perConnection = (usedHeapAfterGc() - before) / CONNECTIONS;
            assertEquals(CONNECTIONS, server.openConnections(), "every connection is still open, idle");
            assertTrue(perConnection < 24 * 1024, "an idle connection holds " + perConnection + " bytes");
        } finally {
            for (H2SocketClient client : clients) {
                client.close();
            }
            server.stop(Duration.ofSeconds(1));
        }
    }

    /**
     * A 60,000-byte response through windows wide open, which fills the engine's output, and a header block of
     * about 27 KB in two frames with a long Huffman-coded value, answered 431.
     */
    private static byte[] largeExchange() {
        ClientFrames frames = new ClientFrames().preface()
                .settings(Http2Settings.INITIAL_WINDOW_SIZE, Http2Settings.MAX_WINDOW_SIZE)
                .windowUpdate(0, (int) Http2Settings.MAX_WINDOW_SIZE - Http2Settings.DEFAULT_INITIAL_WINDOW_SIZE)
                .get(1, "/big?size=60000");
        List<String> fields = new ArrayList<>(List.of(":method", "GET", ":scheme", "http", ":path", "/hello",
                ":authority", "example.com", "x-long", "v".repeat(20_000)));
        for (int i = 0; i < 10; i++) {
            fields.add("x-field-" + i);
            fields.add("w".repeat(1_000));
        }
        byte[] block = frames.block(fields.toArray(String[]::new));
        int split = Http2Settings.MIN_MAX_FRAME_SIZE;
        return frames.frame(Frame.HEADERS, Frame.FLAG_END_STREAM, 3, Arrays.copyOf(block, split))
                .frame(Frame.CONTINUATION, Frame.FLAG_END_HEADERS, 3, Arrays.copyOfRange(block, split, block.length))
                .take();
    }

    private static void awaitEnd(H2SocketClient client, int streamId) throws Exception {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (System.nanoTime() < deadline) {
            if (client.read(50).stream().anyMatch(f -> f instanceof Frame.Data d && d.streamId() == streamId
                    && d.endStream())) {
                return;
            }
        }
        throw new AssertionError("stream " + streamId + " did not end");
    }

    private static long usedHeapAfterGc() throws InterruptedException {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        long least = Long.MAX_VALUE;
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(100);
            least = Math.min(least, memory.getHeapMemoryUsage().getUsed());
        }
        return least;
    }
}
