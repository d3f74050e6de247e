package dev.gyre.connection;

import dev.gyre.http.LoopExecutor;
import dev.gyre.transport.TlsInfo;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

/**
 * What a {@link Protocol} may do with its connection. The connection owns the transport, the selection key,
 * the one outbound queue, the lingering close, the read buffer, the write deadline and the open/close
 * bookkeeping; a protocol sees only this.
 *
 * <p>Loop thread only: the wire an application's own protocol gets refuses its loop-confined calls on any other
 * thread with an {@link IllegalStateException} ({@link #loop()}, {@link #tls()} and {@link #remote()} answer
 * anywhere; hand work to the loop with {@code loop().execute(...)}). Bytes written are appended, in order, to the connection's one outbound queue and
 * sent when the current event returns (or at {@link #flush()}); nothing is written once the connection
 * closes or lingers.
 */
public interface Wire {

    /** Appends the bytes of {@code bytes}, which the queue keeps and does not copy when large; they must not change. */
    void write(ByteBuffer bytes);

    /** Appends {@code bytes}; the queue keeps the array when it is large, so it must not change. */
    void write(byte[] bytes);

    /**
     * Appends a copy of {@code length} bytes of {@code bytes} from {@code offset}, for a protocol that reuses one
     * array for its output (HTTP/2 its frames): small ranges go into the queue's own buffer, large ones become an
     * array of their own, so the buffer does not keep their size.
     */
    void write(byte[] bytes, int offset, int length);

    /**
     * Appends {@code count} bytes of {@code file} from {@code pos}: sendfile on plain TCP, copied through TLS.
     * The queue closes the channel once the region is sent, or when the connection closes first.
     */
    void sendFile(FileChannel file, long pos, long count);

    /**
     * Calls {@code listener} once every byte appended so far has reached the socket ({@code true}), or the
     * connection closed before ({@code false}).
     */
    void whenSent(Sent listener);

    /** Writes what the queue holds now, as far as the socket takes it. */
    void flush();

    /** Bytes appended and not yet taken by the socket. */
    long backlog();

    /** Whether the backlog is below the high watermark: a protocol that produces stops while it is not. */
    boolean writable();

    /** Stops reading: backpressure on the input. */
    void pauseReading();

    void resumeReading();

    /**
     * Lingering close: once the queue is empty, sends FIN (for TLS {@code close_notify} first), reads and
     * discards the client's bytes for the linger time or until its FIN, then closes. The protocol receives no
     * more input. Used so that the last answer is not destroyed by a reset caused by unread input.
     */
    void closeAfterFlush();

    /** Closes now; what was not sent is lost. {@link Protocol#onClosed()} follows. */
    void close();

    /** Whether the connection has not closed yet; a lingering connection is still open. Any thread. */
    boolean isOpen();

    /**
     * Hands the connection to {@code next} (101 to WebSocket, preface to HTTP/2), which starts at once with
     * {@code leftover}. The current protocol gets no more calls, not even {@link Protocol#onClosed()}: it
     * releases what it holds before switching.
     */
    void switchTo(Protocol next, ByteBuffer leftover);

    /** A new deadline that calls {@code onExpiry} on the loop; disarmed by the connection when it closes. */
    Deadline newDeadline(Runnable onExpiry);

    /** The loop the connection belongs to: the only thread that may call this wire's other methods. */
    LoopExecutor loop();

    /** What TLS negotiated, or {@code null} on cleartext. */
    TlsInfo tls();

    InetSocketAddress remote();

    /** Hears when the bytes written before it have left. */
    @FunctionalInterface
    interface Sent {
        /** @param delivered false when the connection closed before they were all sent */
        void sent(boolean delivered);
    }
}
