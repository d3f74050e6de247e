package dev.gyre.server;

import dev.gyre.http.ByteSink;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.GatheringByteChannel;
import java.util.ArrayDeque;
import java.util.Arrays;

/**
 * The bytes a connection still has to send, in order.
 *
 * <p>Small responses are encoded straight into {@link #sink()}, so a burst of pipelined responses
 * leaves in one write. A large body joins the queue as its own buffer, written without a copy; what
 * the sink held before it is sealed into the queue first so that order is kept. Whatever is in the
 * sink always goes after everything queued.
 */
final class OutboundQueue {
    private final ByteSink sink = new ByteSink();
    private final ArrayDeque<ByteBuffer> queued = new ArrayDeque<>();
    private long queuedBytes;
    private int sinkWritten;
    private ByteBuffer sinkView;
    private ByteBuffer[] gather = new ByteBuffer[4];

    ByteSink sink() {
        return sink;
    }

    /** Queues {@code bytes} after everything so far, without copying them. */
    void appendUncopied(byte[] bytes) {
        if (sink.size() > sinkWritten) {
            byte[] sealed = Arrays.copyOfRange(sink.array(), sinkWritten, sink.size());
            queued.add(ByteBuffer.wrap(sealed));
            queuedBytes += sealed.length;
        }
        sink.clear();
        sinkWritten = 0;
        queued.add(ByteBuffer.wrap(bytes));
        queuedBytes += bytes.length;
    }

    /** Bytes not yet taken by the socket. */
    long backlog() {
        return queuedBytes + sink.size() - sinkWritten;
    }

    /** Writes as much as the socket takes; returns whether everything was written. */
    boolean flush(GatheringByteChannel channel) throws IOException {
        while (backlog() > 0) {
            long written;
            if (queued.isEmpty()) {
                ByteBuffer view = sinkView();
                written = channel.write(view);
                sinkWritten = view.position();
            } else {
                written = writeGathering(channel);
            }
            if (written == 0) {
                return false;
            }
        }
        sink.clear();
        sinkWritten = 0;
        return true;
    }

    private ByteBuffer sinkView() {
        if (sinkView == null || sinkView.array() != sink.array()) {
            sinkView = ByteBuffer.wrap(sink.array());
        }
        sinkView.limit(sink.size()).position(sinkWritten);
        return sinkView;
    }

    private long writeGathering(GatheringByteChannel channel) throws IOException {
        int n = queued.size() + 1;
        if (gather.length < n) {
            gather = new ByteBuffer[Integer.highestOneBit(n) * 2];
        }
        int i = 0;
        for (ByteBuffer b : queued) {
            gather[i++] = b;
        }
        gather[i++] = sinkView();
        long written = channel.write(gather, 0, i);
        Arrays.fill(gather, 0, i, null);
        while (!queued.isEmpty() && !queued.peek().hasRemaining()) {
            queued.poll();
        }
        queuedBytes = 0;
        for (ByteBuffer b : queued) {
            queuedBytes += b.remaining();
        }
        sinkWritten = sinkView.position();
        return written;
    }

    void release() {
        queued.clear();
        queuedBytes = 0;
        sink.clear();
        sinkWritten = 0;
    }
}
