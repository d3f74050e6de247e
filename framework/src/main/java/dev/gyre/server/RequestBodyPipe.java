package dev.gyre.server;

import dev.gyre.http.Headers;
import dev.gyre.http.StreamedBody;
import dev.gyre.loop.EventLoop;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.function.IntConsumer;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A streamed request body: the loop puts pieces in as they arrive; the handler takes them either as an
 * {@link InputStream} on its own thread, or as a {@link Flow.Publisher} called on the loop.
 *
 * <p>At most {@code window} bytes wait here. When the window is full, {@link #offer} says so and the
 * connection stops reading from the socket; once the consumer has taken half of it, {@code resume} runs
 * on the loop and reading goes on. So a slow handler slows the client down through TCP instead of
 * filling the heap. The consumer's first read (or first {@code request(n)}) also triggers
 * {@code firstRead}, which is where a {@code 100 Continue} is sent: the client sends the body only when
 * the handler really wants it.
 *
 * <p>HTTP/2 also hears of every byte the consumer takes ({@code taken}, on the loop), since there the client's
 * stream window, not the socket, is what holds it back: the window reopens as the handler reads.
 */
final class RequestBodyPipe implements StreamedBody {
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition readable = lock.newCondition();
    private final ArrayDeque<byte[]> pieces = new ArrayDeque<>();
    private final EventLoop loop;
    private final int window;
    private final Runnable resume;
    private final IntConsumer taken;
    private Runnable firstRead;
    private int offset;
    private int buffered;
    private boolean paused;
    private boolean ended;
    private Headers trailers;
    private IOException failure;
    private boolean claimed;
    private PushSubscription subscription;

    RequestBodyPipe(EventLoop loop, int window, Runnable resume, Runnable firstRead) {
        this(loop, window, resume, firstRead, null);
    }

    /** @param taken told on the loop how many bytes the consumer took (or a cancelled subscription dropped) */
    RequestBodyPipe(EventLoop loop, int window, Runnable resume, Runnable firstRead, IntConsumer taken) {
        this.loop = loop;
        this.window = window;
        this.resume = resume;
        this.firstRead = firstRead;
        this.taken = taken;
    }

    /** Loop: adds a copy of the piece; false when the window is full and reading should pause. */
    boolean offer(ByteBuffer piece) {
        if (subscription != null && subscription.done) {
            int dropped = piece.remaining();
            piece.position(piece.limit());
            if (taken != null) {
                taken.accept(dropped);
            }
            return true;
        }
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
        } finally {
            lock.unlock();
        }
        push();
        return !paused;
    }

    /** Loop: the body is complete, ended by these (read-only) trailer fields. */
    void end(Headers endedBy) {
        lock.lock();
        try {
            trailers = endedBy;
            ended = true;
            readable.signalAll();
        } finally {
            lock.unlock();
        }
        push();
    }

    /**
     * Loop: the body will not complete (client gone, framing error, timeout). The first cause is the one
     * the handler sees: it is the specific one, and the connection's closing follows it with a vaguer one.
     */
    void fail(IOException cause) {
        lock.lock();
        try {
            if (!ended && failure == null) {
                failure = cause;
            }
            readable.signalAll();
        } finally {
            lock.unlock();
        }
        push();
    }

    /** Under the lock that also guards {@code ended}, so a consumer that saw the end sees its trailers. */
    @Override
    public Headers trailers() {
        lock.lock();
        try {
            if (!ended) {
                throw new IllegalStateException(failure != null ? "the request body failed: " + failure.getMessage()
                        : "the request body has not ended yet: read it to its end first");
            }
            return trailers;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public InputStream inputStream() {
        claim();
        return new BlockingReader();
    }

    @Override
    public Flow.Publisher<ByteBuffer> publisher() {
        return subscriber -> {
            claim();
            loop.execute(() -> {
                subscription = new PushSubscription(subscriber);
                subscriber.onSubscribe(subscription);
                push();
            });
        };
    }

    /** A body has one reader: the stream or the publisher, once. */
    private void claim() {
        lock.lock();
        try {
            if (claimed) {
                throw new IllegalStateException("a streamed body can be read once, as a stream or a publisher");
            }
            claimed = true;
        } finally {
            lock.unlock();
        }
    }

    /** Takes up to {@code len} waiting bytes into {@code b}; caller holds the lock. */
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

    /** Whether the consumer has taken enough to read on; clears the pause. Caller holds the lock. */
    private boolean drained() {
        if (paused && buffered <= window / 2) {
            paused = false;
            return true;
        }
        return false;
    }

    private void startReading() {
        Runnable first = firstRead;
        firstRead = null;
        if (first != null) {
            loop.execute(first);
        }
    }

    /** Loop: hands waiting pieces to a subscriber as far as its demand goes, then the end or the failure. */
    private void push() {
        PushSubscription s = subscription;
        if (s == null || s.done) {
            return;
        }
        while (true) {
            byte[] piece;
            boolean wakeSocket;
            lock.lock();
            try {
                if (s.demand == 0 || pieces.isEmpty()) {
                    break;
                }
                piece = pieces.poll();
                if (offset > 0) {
                    piece = java.util.Arrays.copyOfRange(piece, offset, piece.length);
                    offset = 0;
                }
                buffered -= piece.length;
                wakeSocket = drained();
            } finally {
                lock.unlock();
            }
            s.demand--;
            if (taken != null) {
                taken.accept(piece.length);
            }
            if (wakeSocket) {
                loop.execute(resume);
            }
            s.subscriber.onNext(ByteBuffer.wrap(piece));
            if (s.done) {
                return;
            }
        }
        lock.lock();
        try {
            if (!pieces.isEmpty()) {
                return;
            }
            if (failure != null) {
                s.done = true;
            } else if (ended) {
                s.done = true;
            } else {
                return;
            }
        } finally {
            lock.unlock();
        }
        if (failure != null) {
            s.subscriber.onError(failure);
        } else {
            s.subscriber.onComplete();
        }
    }

    /** The subscription of the one subscriber; its state is touched on the loop only. */
    private final class PushSubscription implements Flow.Subscription {
        final Flow.Subscriber<? super ByteBuffer> subscriber;
        long demand;
        boolean done;

        PushSubscription(Flow.Subscriber<? super ByteBuffer> subscriber) {
            this.subscriber = subscriber;
        }

        @Override
        public void request(long n) {
            loop.execute(() -> {
                if (n <= 0) {
                    done = true;
                    subscriber.onError(new IllegalArgumentException("request(n) needs n > 0 (rule 3.9)"));
                    return;
                }
                demand = demand + n < 0 ? Long.MAX_VALUE : demand + n;
                startReading();
                push();
            });
        }

        /** The rest of the body is dropped as it arrives; the connection closes after the answer. */
        @Override
        public void cancel() {
            loop.execute(() -> done = true);
        }
    }

    /** The blocking view: reads wait for pieces, the end or the failure. */
    private final class BlockingReader extends InputStream {
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
            boolean wakeSocket;
            int n;
            lock.lock();
            try {
                startReading();
                while (buffered == 0 && !ended && failure == null) {
                    if (loop.inLoop()) {
                        throw new IOException("reading a streamed body on the event loop would block it");
                    }
                    try {
                        readable.await(1, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new InterruptedIOException("interrupted while waiting for the request body");
                    }
                }
                if (buffered == 0) {
                    if (failure != null) {
                        throw failure;
                    }
                    return -1;
                }
                n = take(b, off, len);
                wakeSocket = drained();
            } finally {
                lock.unlock();
            }
            if (wakeSocket) {
                loop.execute(resume);
            }
            if (taken != null) {
                loop.execute(() -> taken.accept(n));
            }
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
}
