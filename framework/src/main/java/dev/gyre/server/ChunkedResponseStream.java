package dev.gyre.server;

import dev.gyre.http.LoopExecutor;
import dev.gyre.http.ResponseStream;
import dev.gyre.loop.Containment;
import dev.gyre.loop.EventLoop;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The {@link ResponseStream} of one streamed response. Producers on any thread frame their bytes as
 * chunks (or raw, for HTTP/1.0 and HTTP/2) and hand them to the connection's loop; the loop reports after each flush how many bytes still
 * wait, which decides {@link #isWritable()}.
 *
 * <p>Writable means: bytes handed over but not yet sent stay under the connection's high watermark.
 * Waiters (an {@code onWritable} task, a blocked {@code OutputStream}) are released once the backlog
 * falls to half of it, so a producer does not wake for every few bytes the socket takes.
 */
final class ChunkedResponseStream implements ResponseStream {
    private static final byte[] CRLF = {'\r', '\n'};

    private final ResponseStreamOwner connection;
    private final EventLoop loop;
    private final boolean chunked;
    private final long highWatermark;
    private final AtomicLong submitted = new AtomicLong();
    private final AtomicBoolean closing = new AtomicBoolean();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition writable = lock.newCondition();
    private final List<Runnable> writableTasks = new ArrayList<>(1);
    private final List<Runnable> closeTasks = new ArrayList<>(1);
    private volatile long backlog;
    private volatile boolean open = true;

    /** @param chunked false for HTTP/1.0, where the body is sent raw and ends with the connection */
    ChunkedResponseStream(ResponseStreamOwner connection, EventLoop loop, boolean chunked, long highWatermark) {
        this.connection = connection;
        this.loop = loop;
        this.chunked = chunked;
        this.highWatermark = highWatermark;
    }

    @Override
    public boolean write(ByteBuffer data) {
        if (!open || closing.get() || !data.hasRemaining()) {
            return isWritable();
        }
        byte[] framed = frame(data);
        submitted.addAndGet(framed.length);
        loop.runInLoop(() -> {
            submitted.addAndGet(-framed.length);
            connection.streamChunk(this, framed);
        });
        return isWritable();
    }

    private byte[] frame(ByteBuffer data) {
        int n = data.remaining();
        if (!chunked) {
            byte[] raw = new byte[n];
            data.get(raw);
            return raw;
        }
        byte[] size = (Integer.toHexString(n) + "\r\n").getBytes(StandardCharsets.US_ASCII);
        byte[] framed = new byte[size.length + n + 2];
        System.arraycopy(size, 0, framed, 0, size.length);
        data.get(framed, size.length, n);
        System.arraycopy(CRLF, 0, framed, size.length + n, 2);
        return framed;
    }

    /** The bytes that end the body: the last chunk, or nothing for a raw HTTP/1.0 body. */
    byte[] terminator() {
        return chunked ? "0\r\n\r\n".getBytes(StandardCharsets.US_ASCII) : new byte[0];
    }

    boolean chunked() {
        return chunked;
    }

    @Override
    public boolean isWritable() {
        return open && submitted.get() + backlog < highWatermark;
    }

    /**
     * A task that throws is logged and ends the connection: its response has begun, so it cannot become a
     * 500. The close is queued, so that the flush which ran the task finishes first.
     */
    @Override
    public void onWritable(Runnable task) {
        Runnable contained = () -> {
            if (!Containment.run(task, "onWritable", connection)) {
                loop.execute(connection::abandon);
            }
        };
        loop.runInLoop(() -> {
            if (!open) {
                return;
            }
            if (isWritable()) {
                contained.run();
            } else {
                writableTasks.add(contained);
            }
        });
    }

    /** A task that throws is logged; the other close tasks still run. */
    @Override
    public void onClose(Runnable task) {
        Runnable contained = () -> Containment.run(task, "onClose", connection);
        loop.runInLoop(() -> {
            if (open) {
                closeTasks.add(contained);
            } else {
                contained.run();
            }
        });
    }

    @Override
    public boolean isOpen() {
        return open && !closing.get();
    }

    @Override
    public void close() {
        if (closing.compareAndSet(false, true)) {
            loop.runInLoop(() -> connection.streamEnd(this));
        }
    }

    @Override
    public LoopExecutor loop() {
        return loop.executor();
    }

    @Override
    public OutputStream outputStream() {
        return new BlockingOutput();
    }

    /** Loop: the connection flushed; {@code waiting} bytes are still unsent. */
    void flushed(long waiting) {
        backlog = waiting;
        if (submitted.get() + waiting > highWatermark / 2) {
            return;
        }
        if (!writableTasks.isEmpty()) {
            List<Runnable> ready = List.copyOf(writableTasks);
            writableTasks.clear();
            ready.forEach(Runnable::run);
        }
        signalWriters();
    }

    /** Loop: the stream is over, ended by the producer or by the connection closing. */
    void ended() {
        if (!open) {
            return;
        }
        open = false;
        writableTasks.clear();
        List<Runnable> tasks = List.copyOf(closeTasks);
        closeTasks.clear();
        tasks.forEach(Runnable::run);
        signalWriters();
    }

    @Override
    public String toString() {
        return "the response stream of " + connection;
    }

    private void signalWriters() {
        lock.lock();
        try {
            writable.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** The blocking view: writes wait while the stream is not writable. */
    private final class BlockingOutput extends OutputStream {
        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            if (loop.inLoop()) {
                throw new IOException("a blocking stream write on the event loop would block it");
            }
            lock.lock();
            try {
                while (open && !isWritable()) {
                    writable.await(1, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new java.io.InterruptedIOException("interrupted while the client was slow");
            } finally {
                lock.unlock();
            }
            if (!open || closing.get()) {
                throw new IOException("the response stream is closed; the client may have gone");
            }
            ChunkedResponseStream.this.write(ByteBuffer.wrap(b, off, len));
        }

        @Override
        public void close() {
            ChunkedResponseStream.this.close();
        }
    }
}
