package dev.gyre.server;

import dev.gyre.http.codec.ByteSink;
import dev.gyre.http.Response.FileRegion;
import dev.gyre.transport.Transport;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.ArrayDeque;
import java.util.Arrays;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bytes a connection still has to send, in order.
 *
 * <p>Small responses are encoded straight into {@link #sink()}, so a burst of pipelined responses
 * leaves in one write. A large body joins the queue as its own buffer, written without a copy, and a
 * file region is sent with {@link Transport#transferFrom} (sendfile on cleartext, never entering the heap). Whatever
 * the sink held before such an entry is sealed into the queue first, so order is kept; whatever is in
 * the sink always goes after everything queued.
 *
 * <p>It also knows when a response has left: an exchange that asked to hear of it is completed after
 * the flush that writes its last byte, or as undelivered when the queue is released unsent.
 */
final class OutboundQueue {
    private static final Logger log = LoggerFactory.getLogger(OutboundQueue.class);

    /** A file region being sent; {@code position} advances as the socket takes bytes. */
    private static final class FileCursor {
        final FileChannel file;
        long position;
        final long end;

        FileCursor(FileRegion region) {
            this.file = region.channel();
            this.position = region.position();
            this.end = region.position() + region.count();
        }

        long remaining() {
            return end - position;
        }
    }

    private final ByteSink sink = new ByteSink();
    /** Sized for the common case, nothing queued: an idle connection should not hold 16 empty slots. */
    private final ArrayDeque<Object> queued = new ArrayDeque<>(1);
    private long queuedBytes;
    private int sinkWritten;
    private ByteBuffer sinkView;
    private ByteBuffer[] gather;
    private long totalWritten;
    /** Exchanges waiting for their last byte to reach the socket; allocated only when one asks. */
    private ArrayDeque<Delivery> deliveries;

    /** Where in the connection's whole output an exchange's response ends. */
    private record Delivery(long end, HttpExchange exchange) {
    }

    ByteSink sink() {
        return sink;
    }

    /** Queues {@code bytes} after everything so far, without copying them. */
    void appendUncopied(byte[] bytes) {
        seal();
        queued.add(ByteBuffer.wrap(bytes));
        queuedBytes += bytes.length;
    }

    /** Queues a file region after everything so far; its channel is closed once sent or released. */
    void appendFile(FileRegion region) {
        seal();
        queued.add(new FileCursor(region));
        queuedBytes += region.count();
    }

    private void seal() {
        if (sink.size() > sinkWritten) {
            byte[] sealed = Arrays.copyOfRange(sink.array(), sinkWritten, sink.size());
            queued.add(ByteBuffer.wrap(sealed));
            queuedBytes += sealed.length;
        }
        sink.clear();
        sinkWritten = 0;
    }

    /**
     * Notes that {@code exchange}'s response ends with what is queued now, if it wants to hear when that
     * byte is sent.
     */
    void awaitDelivery(HttpExchange exchange) {
        if (exchange != null && exchange.wantsCompletion()) {
            if (deliveries == null) {
                deliveries = new ArrayDeque<>(2);
            }
            deliveries.add(new Delivery(totalWritten + backlog(), exchange));
        }
    }

    private void completeDelivered() {
        while (deliveries != null && !deliveries.isEmpty() && deliveries.peek().end() <= totalWritten) {
            deliveries.poll().exchange().completed(true);
        }
    }

    /** Bytes the socket has taken over the connection's life. */
    long written() {
        return totalWritten;
    }

    /** Bytes not yet taken by the socket. */
    long backlog() {
        return queuedBytes + sink.size() - sinkWritten;
    }

    /**
     * Writes as much as the transport takes; returns whether everything was written, including what the
     * transport itself holds (TLS ciphertext the socket did not take).
     */
    boolean flush(Transport channel) throws IOException {
        while (backlog() > 0) {
            long written;
            if (queued.isEmpty()) {
                ByteBuffer view = sinkView();
                written = channel.write(view);
                sinkWritten = view.position();
            } else if (queued.peek() instanceof FileCursor file) {
                written = channel.transferFrom(file.file, file.position, file.remaining());
                if (written == 0 && file.position >= file.file.size()) {
                    throw new IOException("the file shrank while it was being sent");
                }
                file.position += written;
                queuedBytes -= written;
                if (file.remaining() == 0) {
                    queued.poll();
                    closeQuietly(file);
                }
            } else {
                written = writeGathering(channel);
            }
            totalWritten += written;
            completeDelivered();
            if (written == 0) {
                compactSink();
                return false;
            }
        }
        sink.clear();
        sinkWritten = 0;
        return channel.flush();
    }

    /**
     * The socket is full: drops the sink's sent bytes once they are at least as many as its unsent ones,
     * so a slow reader's sink holds about what is unsent, not all that was ever sent through it, and each
     * byte is moved at most once on average.
     */
    private void compactSink() {
        if (sinkWritten > 0 && sinkWritten >= sink.size() - sinkWritten) {
            sink.discardFirst(sinkWritten);
            sinkWritten = 0;
        }
    }

    private ByteBuffer sinkView() {
        if (sinkView == null || sinkView.array() != sink.array()) {
            sinkView = ByteBuffer.wrap(sink.array());
        }
        sinkView.limit(sink.size()).position(sinkWritten);
        return sinkView;
    }

    /** Writes the buffers at the head of the queue (up to a file region) and, if no file waits, the sink. */
    private long writeGathering(Transport channel) throws IOException {
        if (gather == null) {
            gather = new ByteBuffer[4];
        }
        int n = 0;
        boolean fileWaits = false;
        for (Object entry : queued) {
            if (entry instanceof FileCursor) {
                fileWaits = true;
                break;
            }
            if (n + 1 >= gather.length) {
                gather = Arrays.copyOf(gather, gather.length * 2);
            }
            gather[n++] = (ByteBuffer) entry;
        }
        if (!fileWaits) {
            gather[n++] = sinkView();
        }
        long written = channel.write(gather, 0, n);
        Arrays.fill(gather, 0, n, null);
        long fromQueue = written;
        while (!queued.isEmpty() && queued.peek() instanceof ByteBuffer b && !b.hasRemaining()) {
            queued.poll();
        }
        if (!fileWaits) {
            int fromSink = sinkView.position() - sinkWritten;
            sinkWritten = sinkView.position();
            fromQueue -= fromSink;
        }
        queuedBytes -= fromQueue;
        return written;
    }

    /** Drops everything unsent, closing any file still queued; waiting exchanges end undelivered. */
    void release() {
        while (deliveries != null && !deliveries.isEmpty()) {
            deliveries.poll().exchange().completed(false);
        }
        for (Object entry : queued) {
            if (entry instanceof FileCursor file) {
                closeQuietly(file);
            }
        }
        queued.clear();
        queuedBytes = 0;
        sink.clear();
        sinkWritten = 0;
    }

    private static void closeQuietly(FileCursor file) {
        try {
            file.file.close();
        } catch (IOException e) {
            log.debug("closing a sent file", e);
        }
    }
}
