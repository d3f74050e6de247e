package dev.gyre.server;

import dev.gyre.connection.Wire;
import dev.gyre.http.codec.ByteSink;
import dev.gyre.transport.internal.Transport;
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
 * <p>It also knows when bytes have left: a listener that asked to hear of it ({@link #whenSent}) is called
 * after the flush that writes the last byte queued before it, or as undelivered when the queue is released
 * unsent. Loop thread only.
 */
final class OutboundQueue {
    private static final Logger log = LoggerFactory.getLogger(OutboundQueue.class);

    /** A file region being sent; {@code position} advances as the socket takes bytes. */
    private static final class FileCursor {
        final FileChannel file;
        long position;
        final long end;

        FileCursor(FileChannel file, long position, long count) {
            this.file = file;
            this.position = position;
            this.end = position + count;
        }

        long remaining() {
            return end - position;
        }
    }

    /** Bytes at least this many are queued as they are instead of being copied into the sink. */
    static final int COPY_LIMIT = 16 * 1024;

    private final ByteSink sink = new ByteSink();
    /** Sized for the common case, nothing queued: an idle connection should not hold 16 empty slots. */
    private final ArrayDeque<Object> queued = new ArrayDeque<>(1);
    private long queuedBytes;
    private int sinkWritten;
    private ByteBuffer sinkView;
    private ByteBuffer[] gather;
    private long totalWritten;
    /** Listeners waiting for their last byte to reach the socket; allocated only when one asks. */
    private ArrayDeque<Delivery> deliveries;

    /** Where in the connection's whole output the bytes a listener waits for end. */
    private record Delivery(long end, Wire.Sent listener) {
    }

    ByteSink sink() {
        return sink;
    }

    /** Queues {@code bytes} after everything so far: copied into the sink when small, else kept as they are. */
    void append(byte[] bytes) {
        if (bytes.length >= COPY_LIMIT) {
            appendUncopied(ByteBuffer.wrap(bytes));
        } else {
            sink.append(bytes);
        }
    }

    /**
     * Queues a copy of {@code bytes[offset, offset + length)}, whose array the caller reuses: in the sink when
     * small, else as an array of its own, so the sink does not keep a large output's size for good.
     */
    void appendCopy(byte[] bytes, int offset, int length) {
        if (length >= COPY_LIMIT) {
            appendUncopied(ByteBuffer.wrap(Arrays.copyOfRange(bytes, offset, offset + length)));
        } else {
            sink.append(bytes, offset, length);
        }
    }

    /** Queues the remaining bytes of {@code bytes}: copied into the sink when small, else kept as they are. */
    void append(ByteBuffer bytes) {
        if (bytes.remaining() >= COPY_LIMIT || !bytes.hasArray()) {
            appendUncopied(bytes);
        } else {
            sink.append(bytes.array(), bytes.arrayOffset() + bytes.position(), bytes.remaining());
        }
    }

    private void appendUncopied(ByteBuffer bytes) {
        seal();
        queued.add(bytes);
        queuedBytes += bytes.remaining();
    }

    /** Queues a file region after everything so far; its channel is closed once sent or released. */
    void appendFile(FileChannel file, long position, long count) {
        seal();
        queued.add(new FileCursor(file, position, count));
        queuedBytes += count;
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

    /** {@code listener} hears when what is queued now has been sent. */
    void whenSent(Wire.Sent listener) {
        if (deliveries == null) {
            deliveries = new ArrayDeque<>(2);
        }
        deliveries.add(new Delivery(totalWritten + backlog(), listener));
    }

    private void completeDelivered() {
        while (deliveries != null && !deliveries.isEmpty() && deliveries.peek().end() <= totalWritten) {
            deliveries.poll().listener().sent(true);
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
                    closeQuietly(file.file);
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

    /** Drops everything unsent, closing any file still queued; waiting listeners hear it was undelivered. */
    void release() {
        while (deliveries != null && !deliveries.isEmpty()) {
            deliveries.poll().listener().sent(false);
        }
        for (Object entry : queued) {
            if (entry instanceof FileCursor file) {
                closeQuietly(file.file);
            }
        }
        queued.clear();
        queuedBytes = 0;
        sink.clear();
        sinkWritten = 0;
    }

    /** Closes a file that was sent, or never will be. */
    static void closeQuietly(FileChannel file) {
        try {
            file.close();
        } catch (IOException e) {
            log.debug("closing a file region", e);
        }
    }
}
