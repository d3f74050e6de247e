package dev.gyre.http2;

import dev.gyre.http.Headers;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;

/**
 * One open stream: its {@link StreamState}, its two flow-control windows, what it has received against its
 * {@code content-length}, and the response bytes waiting for the peer's window.
 *
 * <p><b>Send queue.</b> Response data the window cannot take yet waits here, in the buffers the caller gave
 * (they are not copied until they are framed). {@link Http2Connection#sendData} reports the stream unwritable
 * once {@link #queuedBytes()} reaches the limit, and refuses more until it drains, so a peer that never opens
 * its window holds at most that limit (plus the last buffer given) per stream. Trailers wait behind the data.
 *
 * <p>Not thread-safe: the connection's loop owns it.
 */
final class Http2Stream {
    final int id;
    StreamState state;
    /** What the peer lets this server send; may go negative when the peer lowers its initial window (§6.9.2). */
    long sendWindow;
    final ReceiveWindow receiveWindow;
    /** The request's content-length, or -1 if it has none. */
    final long contentLength;
    long dataReceived;

    /** Made with the first buffer that has to wait: most responses fit the window and never need one. */
    private ArrayDeque<ByteBuffer> queue;
    private long queuedBytes;
    boolean endQueued;
    /**
     * Trailer fields to go after the queued data; null if none. They are HPACK-encoded only when written, as
     * the peer's decoder must see blocks in the order the encoder made them.
     */
    Headers queuedTrailers;
    /** Whether {@link Http2Connection#sendData} last told the caller to stop; then onWritable is owed. */
    boolean writableOwed;

    Http2Stream(int id, StreamState state, long sendWindow, int receiveWindow, long contentLength) {
        this.id = id;
        this.state = state;
        this.sendWindow = sendWindow;
        this.receiveWindow = new ReceiveWindow(receiveWindow, receiveWindow);
        this.contentLength = contentLength;
    }

    void enqueue(ByteBuffer data) {
        if (data.hasRemaining()) {
            if (queue == null) {
                queue = new ArrayDeque<>(4);
            }
            queue.add(data);
            queuedBytes += data.remaining();
        }
    }

    long queuedBytes() {
        return queuedBytes;
    }

    /** Whether data, an end of stream or trailers are waiting to be written. */
    boolean hasQueued() {
        return queuedBytes > 0 || endQueued || queuedTrailers != null;
    }

    /** The first waiting buffer, or null. */
    ByteBuffer peek() {
        return queue == null ? null : queue.peek();
    }

    /** Records that {@code bytes} of the first buffer were framed, dropping it when it is done. */
    void dequeued(int bytes) {
        queuedBytes -= bytes;
        if (!queue.peek().hasRemaining()) {
            queue.poll();
        }
    }

    void clearQueue() {
        queue = null;
        queuedBytes = 0;
        endQueued = false;
        queuedTrailers = null;
    }
}
