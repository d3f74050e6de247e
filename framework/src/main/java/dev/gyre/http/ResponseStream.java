package dev.gyre.http;

import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * The body of a streamed response, written piece by piece while the connection stays open: server-sent
 * events, long downloads, anything produced over time. On HTTP/1.1 each write becomes one chunk.
 *
 * <p>Backpressure: writes never block and are never refused, but a producer that keeps writing while
 * {@link #isWritable()} is false makes the connection hold its bytes. A non-blocking producer waits
 * for {@link #onWritable}; a blocking one writes to {@link #outputStream()}, whose writes wait while the
 * client is slow. Either way a client that stops reading cannot make the heap grow without bound.
 *
 * <p>Every method is safe from any thread; bytes leave in the order the calls were made.
 */
public interface ResponseStream {

    /** Queues a copy of the remaining bytes; returns {@link #isWritable()} as it is afterwards. */
    boolean write(ByteBuffer data);

    default boolean write(byte[] data) {
        return write(ByteBuffer.wrap(data));
    }

    default boolean write(String text) {
        return write(text.getBytes(StandardCharsets.UTF_8));
    }

    /** Whether the bytes waiting for the client are below the connection's high watermark. */
    boolean isWritable();

    /**
     * Runs {@code task} once on the loop as soon as the stream is writable (at once if it is now), or
     * not at all if the stream closes first.
     */
    void onWritable(Runnable task);

    /** Runs {@code task} once on the loop when the stream ends: closed by the producer or the client gone. */
    void onClose(Runnable task);

    /** False once the stream was closed or the client went away; a producer should stop then. */
    boolean isOpen();

    /** Ends the response (the last chunk). Further writes are ignored. */
    void close();

    /**
     * A blocking view for producers on their own thread: {@code write} waits while the stream is not
     * writable and throws {@link java.io.IOException} once the client has gone. Not for loop threads.
     */
    OutputStream outputStream();

    /** The loop that owns the connection, for scheduling work next to it. */
    LoopExecutor loop();
}
