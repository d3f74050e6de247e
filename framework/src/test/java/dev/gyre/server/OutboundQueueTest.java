package dev.gyre.server;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gyre.transport.internal.Transport;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.security.MessageDigest;
import org.junit.jupiter.api.Test;

/** The outbound queue over a real loopback socket whose reader is slower than its writer. */
class OutboundQueueTest {
    private static final int CHUNK = 1024;
    private static final long BACKLOG_LIMIT = 64 * 1024;
    private static final long TOTAL = 16L * 1024 * 1024;

    /** A connected loopback pair: a non-blocking writer (the server's side) and a blocking reader, both with small buffers. */
    private record Loopback(ServerSocketChannel listener, SocketChannel reader, SocketChannel writer) implements AutoCloseable {
        static Loopback open(int bufferSize) throws IOException {
            ServerSocketChannel listener = ServerSocketChannel.open().bind(new InetSocketAddress("127.0.0.1", 0));
            SocketChannel reader = SocketChannel.open();
            reader.setOption(StandardSocketOptions.SO_RCVBUF, bufferSize);
            reader.connect(listener.getLocalAddress());
            SocketChannel writer = listener.accept();
            writer.configureBlocking(false);
            writer.setOption(StandardSocketOptions.SO_SNDBUF, bufferSize);
            return new Loopback(listener, reader, writer);
        }

        @Override
        public void close() throws IOException {
            writer.close();
            reader.close();
            listener.close();
        }
    }

    /**
     * A stream of small chunks to a slow reader, written the way a streamed response is (append while the
     * backlog is under 64 KiB, flush, wait when the socket is full): the sink must stay near what is unsent.
     * Before the sink dropped its sent bytes it held every byte ever streamed (16 MiB here).
     */
    @Test
    void sinkHoldsWhatIsUnsentNotWhatWasSent() throws Exception {
        try (Loopback pair = Loopback.open(16 * 1024)) {
            OutboundQueue queue = new OutboundQueue();
            MessageDigest sent = MessageDigest.getInstance("SHA-256");
            MessageDigest received = MessageDigest.getInstance("SHA-256");
            ByteBuffer slowRead = ByteBuffer.allocate(4 * 1024);
            byte[] chunk = new byte[CHUNK];
            long appended = 0;
            long receivedBytes = 0;
            int largestSink = 0;
            while (receivedBytes < TOTAL) {
                while (appended < TOTAL && queue.backlog() < BACKLOG_LIMIT) {
                    chunk[0] = (byte) (appended / CHUNK);
                    queue.sink().append(chunk);
                    sent.update(chunk);
                    appended += CHUNK;
                }
                queue.flush(Transport.plain(pair.writer()));
                largestSink = Math.max(largestSink, queue.sink().array().length);
                if (awaitAcknowledgement(appended - receivedBytes - queue.backlog())) {
                    continue;
                }
                slowRead.clear();
                int n = pair.reader().read(slowRead);
                received.update(slowRead.array(), 0, n);
                receivedBytes += n;
            }
            assertEquals(0, queue.backlog());
            assertArrayEquals(sent.digest(), received.digest(), "every byte arrived, in order");
            assertTrue(largestSink <= 4 * BACKLOG_LIMIT,
                    "the sink held " + largestSink + " bytes with at most " + BACKLOG_LIMIT + " unsent");
        }
    }

    /**
     * With nothing in flight the reader would block forever; the socket may still refuse bytes until the
     * reader's delayed ACK frees its send buffer, so the writer waits a moment and tries again.
     */
    private static boolean awaitAcknowledgement(long inFlight) throws InterruptedException {
        if (inFlight > 0) {
            return false;
        }
        Thread.sleep(1);
        return true;
    }

    /** Bytes queued uncopied and bytes in the sink leave in the order they were queued across compactions. */
    @Test
    void orderIsKeptAcrossSealedBuffersAndCompaction() throws Exception {
        try (Loopback pair = Loopback.open(8 * 1024)) {
            OutboundQueue queue = new OutboundQueue();
            ByteArrayOutputStream expected = new ByteArrayOutputStream();
            ByteArrayOutputStream got = new ByteArrayOutputStream();
            ByteBuffer in = ByteBuffer.allocate(3 * 1024);
            for (int round = 0; round < 400; round++) {
                byte[] piece = new byte[round % 7 == 0 ? 20_000 : 700];
                java.util.Arrays.fill(piece, (byte) round);
                queue.append(piece);
                expected.writeBytes(piece);
                do {
                    queue.flush(Transport.plain(pair.writer()));
                    if (!awaitAcknowledgement(expected.size() - got.size() - queue.backlog())) {
                        in.clear();
                        got.write(in.array(), 0, pair.reader().read(in));
                    }
                } while (round == 399 && (queue.backlog() > 0 || got.size() < expected.size()));
            }
            assertArrayEquals(expected.toByteArray(), got.toByteArray());
        }
    }
}
