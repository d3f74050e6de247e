package dev.gyre.server;

import dev.gyre.connection.Deadline;
import dev.gyre.connection.Protocol;
import dev.gyre.connection.Wire;
import dev.gyre.http.codec.ByteSink;
import dev.gyre.http.LoopExecutor;
import dev.gyre.loop.EventLoop;
import dev.gyre.loop.IoHandler;
import dev.gyre.loop.TimerWheel;
import dev.gyre.loop.TransferClock;
import dev.gyre.transport.TlsInfo;
import dev.gyre.transport.internal.Transport;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.SelectionKey;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One accepted connection, owned by one loop thread from accept to close, carrying one {@link Protocol} at a
 * time. It owns what every protocol shares: the transport, the selection key, the one outbound queue with its
 * watermarks, the lingering close, the loop's shared read buffer, the write deadline, and the bookkeeping
 * (the loop's connection set, the server's open-connection count).
 *
 * <pre>
 *          switchTo(next): the next protocol starts with the leftover bytes
 *           ┌────┐
 *           ▼    │     closeAfterFlush, then the queue empties:
 *   ──▶   OPEN ──┴─────────────── FIN (TLS: close_notify) ──────────▶ LINGERING ── EOF / linger time ──┐
 *           │                      input is read and dropped                                           ▼
 *           └── close() / I/O error / write deadline / EOF after closeAfterFlush / loop closing ──▶ CLOSED
 * </pre>
 *
 * <p>Each event (readable, writable, a deadline, a flush asked by the protocol) ends the same way: the queue
 * is flushed, and while the backlog is at or below the low watermark the protocol hears
 * {@link Protocol#onWritable()} until it writes nothing more, then the interest ops follow. So a batch of
 * pipelined responses leaves in one write, and a protocol never flushes from inside its own callbacks.
 *
 * <p>The write deadline runs while the queue cannot empty: armed when a flush first leaves bytes behind,
 * re-armed whenever the socket takes some, disarmed when the queue is empty; it is bounded too by the minimum
 * response rate. A protocol's own deadlines ({@link #newDeadline}) each have their own timer, so none
 * overwrites another.
 *
 * <p>Every close goes through {@link #close()}, which releases the deadlines, the key, the transport and the
 * queue, then tells the protocol, and always gives back the count and the set entry.
 */
final class Connection implements IoHandler, Wire {
    private static final Logger log = LoggerFactory.getLogger(Connection.class);
    private static final ByteBuffer NOTHING = ByteBuffer.allocate(0).asReadOnlyBuffer();

    private enum State { OPEN, LINGERING, CLOSED }

    private final Transport transport;
    private final LoopContext ctx;
    private final InetSocketAddress remote;
    private final OutboundQueue outbound = new OutboundQueue();
    private final long highWatermark;
    private final long lowWatermark;
    /** Times the queue while it waits for the client to read, against the minimum response rate. */
    private final TransferClock writeClock;
    /** Allocated on first use: an idle connection holds neither. */
    private ConnectionTimer writeDeadline;
    private ConnectionTimer lingerDeadline;
    private final List<ConnectionTimer> protocolDeadlines = new ArrayList<>(2);
    private SelectionKey key;
    private Protocol protocol;
    private State state = State.OPEN;
    private volatile boolean closed;
    private boolean inputClosed;
    private boolean readPaused;
    private boolean closeAfterFlush;
    /** A protocol callback is running: its writes are flushed when it returns. */
    private boolean dispatching;
    /** The transport holds input the selector will not report: read it before the event ends. */
    private boolean readBuffered;
    /** Made once: the hot path allocates no lambda. */
    private final IoAction readAction = this::read;

    Connection(Transport transport, LoopContext ctx) throws IOException {
        this.transport = transport;
        this.ctx = ctx;
        this.remote = transport.remoteAddress();
        this.highWatermark = ctx.config.writeHighWatermark();
        this.lowWatermark = highWatermark / 2;
        this.writeClock = new TransferClock(ctx.config.timeouts().minResponseRate());
    }

    /**
     * Registers with the loop and starts {@code first}; input a TLS handshake already read is delivered at
     * once, since the selector will not report it. Loop thread.
     */
    void open(Protocol first) throws IOException {
        key = ctx.loop.register(transport.channel(), SelectionKey.OP_READ, this);
        ctx.connections.add(this);
        ctx.counter.opened();
        event(() -> start(first, NOTHING));
    }

    private void start(Protocol next, ByteBuffer leftover) {
        protocol = next;
        readPaused = false;
        next.start(this, leftover);
        readBuffered |= transport.hasBufferedInput();
    }

    @Override
    public void onReady(SelectionKey key, int readyOps) {
        event((readyOps & SelectionKey.OP_READ) != 0 ? readAction : null);
    }

    /**
     * Runs one event's work, then flushes, feeds the protocol while it may write, and sets the interest ops.
     * The whole event counts as dispatching: a {@link #flush()} asked inside it (by the protocol, or by a
     * listener that hears its bytes were sent) waits for the flush that ends it.
     */
    private void event(IoAction action) {
        if (state == State.CLOSED) {
            return;
        }
        boolean nested = dispatching;
        dispatching = true;
        try {
            if (action != null) {
                action.run();
            }
            if (!nested) {
                afterEvent();
            }
        } catch (IOException e) {
            log.debug("connection {} failed: {}", remote, e.toString());
            close();
        } catch (RuntimeException e) {
            log.error("connection {} failed in {}; closing it", remote, protocol, e);
            close();
        } finally {
            dispatching = nested;
        }
        if (!nested) {
            updateInterest();
        }
    }

    private void read() throws IOException {
        if (state == State.CLOSED || inputClosed) {
            return;
        }
        ByteBuffer in = ctx.readBuffer;
        in.clear();
        int n = transport.read(in);
        if (n < 0) {
            inputClosed = true;
            if (state == State.LINGERING || closeAfterFlush) {
                close();
            } else {
                protocol.onInputClosed();
            }
            return;
        }
        if (n > 0 && state == State.OPEN && !closeAfterFlush) {
            protocol.onInput(in.flip());
            readBuffered |= transport.hasBufferedInput();
        }
    }

    private void afterEvent() throws IOException {
        while (state == State.OPEN) {
            if (bufferedInputWaits()) {
                readBuffered = false;
                read();
                continue;
            }
            boolean flushed = flushQueue();
            if (closeAfterFlush) {
                if (flushed) {
                    startLinger();
                }
                break;
            }
            if (outbound.backlog() > lowWatermark) {
                break;
            }
            long appended = outbound.written() + outbound.backlog();
            protocol.onWritable();
            if (outbound.written() + outbound.backlog() == appended && !closeAfterFlush && !bufferedInputWaits()) {
                break;
            }
        }
    }

    /** Input the transport holds and the selector will not report, which the protocol may take now. */
    private boolean bufferedInputWaits() {
        return readBuffered && !readPaused && !closeAfterFlush;
    }

    /** Writes what the socket takes and times what it does not; returns whether nothing is left. */
    private boolean flushQueue() throws IOException {
        long before = outbound.written();
        boolean flushed = outbound.flush(transport);
        long moved = outbound.written() - before;
        writeClock.add(moved);
        if (flushed) {
            writeClock.stop();
            if (writeDeadline != null) {
                writeDeadline.disarm();
            }
        } else if (!writeClock.isRunning() || moved > 0) {
            long now = System.nanoTime();
            if (!writeClock.isRunning()) {
                writeClock.start(now);
            }
            if (writeDeadline == null) {
                writeDeadline = new ConnectionTimer(this::close);
            }
            writeDeadline.arm(Math.min(ctx.config.timeouts().write().toMillis(), writeClock.millisUntilTooSlow(now)));
        }
        return flushed;
    }

    private void startLinger() throws IOException {
        if (inputClosed) {
            close();
            return;
        }
        state = State.LINGERING;
        transport.shutdownOutput();
        lingerDeadline = new ConnectionTimer(this::close);
        lingerDeadline.arm(ctx.config.timeouts().linger().toMillis());
    }

    private void updateInterest() {
        if (state == State.CLOSED || key == null || !key.isValid()) {
            return;
        }
        boolean mayRead = state == State.LINGERING || (!readPaused && !closeAfterFlush);
        int ops = mayRead && !inputClosed ? SelectionKey.OP_READ : 0;
        if (outbound.backlog() > 0 || transport.hasPendingOutput()) {
            ops |= SelectionKey.OP_WRITE;
        }
        if (key.interestOps() != ops) {
            key.interestOps(ops);
        }
    }

    /**
     * Graceful shutdown: reads once more first (a request already in the socket buffer got in, and is answered
     * rather than lost), then tells the protocol.
     */
    void drain() {
        event(() -> {
            if (!readPaused) {
                read();
            }
            if (state == State.OPEN) {
                protocol.drain();
            }
        });
    }

    @Override
    public void write(ByteBuffer bytes) {
        if (state == State.OPEN) {
            outbound.append(bytes);
        }
    }

    @Override
    public void write(byte[] bytes) {
        if (state == State.OPEN) {
            outbound.append(bytes);
        }
    }

    @Override
    public void write(byte[] bytes, int offset, int length) {
        if (state == State.OPEN) {
            outbound.appendCopy(bytes, offset, length);
        }
    }

    /**
     * The queue's tail, which {@link ResponseWriter} encodes HTTP/1.1 heads and small bodies straight into: bytes
     * appended go after everything written before. Not on {@link Wire}, so the codec's type stays out of the API.
     */
    ByteSink sink() {
        return outbound.sink();
    }

    @Override
    public void sendFile(FileChannel file, long pos, long count) {
        if (state == State.OPEN) {
            outbound.appendFile(file, pos, count);
        } else {
            OutboundQueue.closeQuietly(file);
        }
    }

    @Override
    public void whenSent(Sent listener) {
        if (state == State.CLOSED) {
            listener.sent(false);
        } else if (state == State.LINGERING) {
            listener.sent(true);
        } else {
            outbound.whenSent(listener);
        }
    }

    @Override
    public void flush() {
        if (!dispatching) {
            event(null);
        }
    }

    @Override
    public long backlog() {
        return outbound.backlog();
    }

    @Override
    public boolean writable() {
        return outbound.backlog() < highWatermark;
    }

    @Override
    public void pauseReading() {
        readPaused = true;
        if (!dispatching) {
            updateInterest();
        }
    }

    @Override
    public void resumeReading() {
        if (readPaused) {
            readPaused = false;
            readBuffered |= transport.hasBufferedInput();
            if (!dispatching) {
                event(null);
            }
        }
    }

    @Override
    public void closeAfterFlush() {
        if (!closeAfterFlush && state == State.OPEN) {
            closeAfterFlush = true;
            if (!dispatching) {
                event(null);
            }
        }
    }

    @Override
    public void switchTo(Protocol next, ByteBuffer leftover) {
        if (state == State.OPEN) {
            start(next, leftover);
        }
    }

    @Override
    public Deadline newDeadline(Runnable onExpiry) {
        IoAction expiry = onExpiry::run;
        ConnectionTimer t = new ConnectionTimer(() -> event(expiry));
        protocolDeadlines.add(t);
        return t;
    }

    @Override
    public LoopExecutor loop() {
        return ctx.loop.executor();
    }

    @Override
    public TlsInfo tls() {
        return transport.tls();
    }

    @Override
    public InetSocketAddress remote() {
        return remote;
    }

    /** Whether the connection has not closed yet (lingering counts as open). Any thread. */
    @Override
    public boolean isOpen() {
        return !closed;
    }

    @Override
    public void close() {
        if (state == State.CLOSED) {
            return;
        }
        state = State.CLOSED;
        closed = true;
        try {
            for (ConnectionTimer t : new ConnectionTimer[] {writeDeadline, lingerDeadline}) {
                if (t != null) {
                    t.disarm();
                }
            }
            protocolDeadlines.forEach(ConnectionTimer::disarm);
            if (key != null) {
                key.cancel();
            }
            transport.close();
            outbound.release();
            if (protocol != null) {
                protocol.onClosed();
            }
        } finally {
            ctx.connections.remove(this);
            ctx.counter.closed();
        }
    }

    @Override
    public void onLoopClosing() {
        close();
    }

    @Override
    public String toString() {
        return "Connection[" + remote + ", " + state + ", " + protocol + "]";
    }

    /** Work of one event that may fail with an I/O error. */
    @FunctionalInterface
    private interface IoAction {
        void run() throws IOException;
    }

    /**
     * A deadline on the loop's timer wheel, counted from the loop's clock as first read in the callback that
     * arms it ({@link EventLoop#eventNanos}): the requests of one read arm and re-arm theirs on one reading.
     */
    private final class ConnectionTimer implements Deadline {
        private final TimerWheel.Timer timer;

        ConnectionTimer(Runnable onExpiry) {
            this.timer = ctx.loop.timers().newTimer(onExpiry);
        }

        @Override
        public void arm(long millis) {
            if (state != State.CLOSED) {
                ctx.loop.timers().schedule(timer, millis, ctx.loop.eventNanos());
            }
        }

        @Override
        public void disarm() {
            ctx.loop.timers().cancel(timer);
        }

        @Override
        public boolean isArmed() {
            return timer.isArmed();
        }
    }
}
