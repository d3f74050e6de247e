package dev.gyre.ws;

import dev.gyre.connection.Wire;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One session's frames waiting for room on the wire. Frames move to the connection's outbound queue while it
 * is below its high watermark; the rest wait here, where an overflowing session can still discard them
 * (a frame on the wire may have begun to leave, and the stream would be corrupt without the rest of it).
 *
 * <p>A data frame carries the stage of its {@code send} and its weight against the session's outbound
 * limit; both are settled when the wire reports the frame sent, or when it is discarded or the connection
 * closes first. Control frames carry neither. Confined to the session's loop thread, except the shared
 * weight counter. Allocates its queue on the first frame, so a session that never sends holds none.
 */
final class FrameOutbox {

    private record Entry(ByteBuffer frame, CompletableFuture<Void> done, long weight) {
    }

    private final AtomicLong queuedWeight;
    private ArrayDeque<Entry> queue;

    /** @param queuedWeight the session's count of accepted, unsent bytes; lowered as frames leave */
    FrameOutbox(AtomicLong queuedWeight) {
        this.queuedWeight = queuedWeight;
    }

    /** Queues a control frame. */
    void add(ByteBuffer frame) {
        add(frame, null, 0);
    }

    /** Queues a data frame; {@code done} completes when it has been sent whole. */
    void add(ByteBuffer frame, CompletableFuture<Void> done, long weight) {
        if (queue == null) {
            queue = new ArrayDeque<>();
        }
        queue.add(new Entry(frame, done, weight));
    }

    boolean isEmpty() {
        return queue == null || queue.isEmpty();
    }

    /** Moves frames to {@code wire} while it is writable; each settles when the wire has sent it. */
    void moveTo(Wire wire) {
        while (!isEmpty() && wire.writable()) {
            Entry e = queue.pollFirst();
            wire.write(e.frame());
            if (e.done() != null || e.weight() != 0) {
                wire.whenSent(sent -> settle(e, sent ? null
                        : new WebSocketSendException("the session closed before the message was sent")));
            }
        }
    }

    /** Fails and forgets every frame not yet on the wire. */
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
