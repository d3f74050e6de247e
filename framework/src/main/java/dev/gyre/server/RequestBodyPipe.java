package dev.gyre.server;

import dev.gyre.loop.EventLoop;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A streamed request body: the loop puts pieces in as they arrive, the handler's thread reads them
 * as an {@link InputStream}.
 *
 * <p>At most {@code window} bytes wait here. When the window is full, {@link #offer} says so and the
 * connection stops reading from the socket; once the reader has taken half of it, {@code resume} runs
 * on the loop and reading goes on. So a slow handler slows the client down through TCP instead of
 * filling the heap. The reader's first {@code read} also triggers {@code firstRead}, which is where a
 * {@code 100 Continue} is sent: the client sends the body only when the handler really wants it.
 */
final class RequestBodyPipe extends InputStream {
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition readable = lock.newCondition();
    private final ArrayDeque<byte[]> pieces = new ArrayDeque<>();
    private final EventLoop loop;
    private final int window;
    private final Runnable resume;
    private Runnable firstRead;
    private int offset;
    private int buffered;
    private boolean paused;
    private boolean ended;
    private IOException failure;

    RequestBodyPipe(EventLoop loop, int window, Runnable resume, Runnable firstRead) {
        this.loop = loop;
        this.window = window;
        this.resume = resume;
        this.firstRead = firstRead;
    }

    /** Loop: adds a copy of the piece; false when the window is full and reading should pause. */
    boolean offer(ByteBuffer piece) {
        byte[] copy = new byte[piece.remaining()];
        piece.get(copy);
        lock.lock();
        try {
            if (copy.length > 0) {
                pieces.add(copy);
                buffered += copy.length;
                readable.signalAll();
            }
            paused = buffered >= window;
            return !paused;
        } finally {
            lock.unlock();
        }
    }

    /** Loop: the body is complete. */
    void end() {
        lock.lock();
        try {
            ended = true;
            readable.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Loop: the body will not complete (client gone, framing error, timeout). */
    void fail(IOException cause) {
        lock.lock();
        try {
            if (!ended) {
                failure = cause;
            }
            readable.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Whether every byte of the body arrived (it may not all have been read). */
    boolean ended() {
        lock.lock();
        try {
            return ended;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        Runnable wakeLoop = null;
        int n;
        lock.lock();
        try {
            Runnable first = firstRead;
            firstRead = null;
            if (first != null) {
                loop.execute(first);
            }
            while (buffered == 0 && !ended && failure == null) {
                if (loop.inLoop()) {
                    throw new IOException("reading a streamed body on the event loop would block it");
                }
                try {
                    readable.await(1, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new java.io.InterruptedIOException("interrupted while waiting for the request body");
                }
            }
            if (buffered == 0) {
                if (failure != null) {
                    throw failure;
                }
                return -1;
            }
            n = take(b, off, len);
            if (paused && buffered <= window / 2) {
                paused = false;
                wakeLoop = resume;
            }
        } finally {
            lock.unlock();
        }
        if (wakeLoop != null) {
            loop.execute(wakeLoop);
        }
        return n;
    }

    private int take(byte[] b, int off, int len) {
        int n = 0;
        while (n < len && !pieces.isEmpty()) {
            byte[] head = pieces.peek();
            int k = Math.min(len - n, head.length - offset);
            System.arraycopy(head, offset, b, off + n, k);
            n += k;
            offset += k;
            if (offset == head.length) {
                pieces.poll();
                offset = 0;
            }
        }
        buffered -= n;
        return n;
    }

    @Override
    public int available() {
        lock.lock();
        try {
            return buffered;
        } finally {
            lock.unlock();
        }
    }
}
