package dev.gyre.ws;

import java.io.IOException;
import dev.gyre.transport.Transport;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One session's frames waiting for the socket, written with gathering writes as they are (every frame is
 * already a finished {@link ByteBuffer}, shared with other sessions in a broadcast; nothing is copied).
 * The connection asks for {@code OP_WRITE} only while {@link #isEmpty()} is false.
 *
 * <p>A data frame carries the stage of its {@code send} and its weight against the session's outbound
 * limit; both are settled when the frame has been written whole, or when it is discarded. Control frames
 * carry neither. Confined to the session's loop thread, except the shared weight counter.
 *
 * <p>Allocates its queue on the first frame, so a session that never sends holds none.
 */
final class FrameWriter {
    private static final int BATCH = 16;

    private record Entry(ByteBuffer frame, CompletableFuture<Void> done, long weight) {
    }

    private final AtomicLong queuedWeight;
    private ArrayDeque<Entry> queue;
    private ByteBuffer[] batch;

    /** @param queuedWeight the session's count of accepted, unwritten bytes; lowered as frames leave */
    FrameWriter(AtomicLong queuedWeight) {
        this.queuedWeight = queuedWeight;
    }

    /** Queues a control frame. */
    void add(ByteBuffer frame) {
        add(frame, null, 0);
    }

    /** Queues a data frame; {@code done} completes when it has been written whole. */
    void add(ByteBuffer frame, CompletableFuture<Void> done, long weight) {
        if (queue == null) {
            queue = new ArrayDeque<>();
            batch = new ByteBuffer[BATCH];
        }
        queue.add(new Entry(frame, done, weight));
    }

    boolean isEmpty() {
        return queue == null || queue.isEmpty();
    }

    /**
     * Writes until the queue is empty and the transport holds nothing (true), or the socket takes no more
     * (false).
     */
    boolean flush(Transport channel) throws IOException {
        while (!isEmpty()) {
            int n = 0;
            for (Entry e : queue) {
                if (n == BATCH) {
                    break;
                }
                batch[n++] = e.frame();
            }
            channel.write(batch, 0, n);
            boolean socketFull = batch[n - 1].hasRemaining();
            Arrays.fill(batch, 0, n, null);
            while (!queue.isEmpty() && !queue.peekFirst().frame().hasRemaining()) {
                settle(queue.pollFirst(), null);
            }
            if (socketFull) {
                return false;
            }
        }
        return channel.flush();
    }

    /**
     * Discards every frame not yet begun, failing its stage with {@code why}; a frame half written stays,
     * since the peer has its first bytes and the stream would be corrupt without the rest.
     */
    void discardUnstarted(Throwable why) {
        if (isEmpty()) {
            return;
        }
        Entry head = queue.peekFirst();
        Entry keep = head.frame().position() > 0 ? queue.pollFirst() : null;
        failAll(why);
        if (keep != null) {
            queue.add(keep);
        }
    }

    /** Fails and forgets every queued frame. */
    void failAll(Throwable why) {
        if (queue == null) {
            return;
        }
        for (Entry e; (e = queue.pollFirst()) != null; ) {
            settle(e, why);
        }
    }

    private void settle(Entry e, Throwable failure) {
        if (e.weight() != 0) {
            queuedWeight.addAndGet(-e.weight());
        }
        if (e.done() != null) {
            if (failure == null) {
                e.done().complete(null);
            } else {
                e.done().completeExceptionally(failure);
            }
        }
    }
}
