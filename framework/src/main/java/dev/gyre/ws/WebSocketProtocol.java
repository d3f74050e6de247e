package dev.gyre.ws;

import dev.gyre.connection.Deadline;
import dev.gyre.connection.Wire;
import dev.gyre.http.LoopExecutor;
import dev.gyre.http.Upgrade;
import dev.gyre.http.internal.FrameworkProtocol;
import dev.gyre.loop.BufferBudget;
import dev.gyre.ws.internal.SessionCounters;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * WebSocket as the protocol of a connection, from the end of the handshake to the close: decodes the frames
 * read, answers control frames, runs the closing handshake and its timers, and moves what the
 * {@link ServerSession} queued onto the wire. Everything here runs on the loop thread. The connection below
 * owns the outbound queue, the read buffer and the lingering close.
 *
 * <pre>
 *            our Close sent (close(), 1003, 1008 incl. a too slow message, 1011, idle, drain)
 *   OPEN ───────────────────────────────────────────────▶ CLOSE_SENT ── peer's Close ──────┐
 *     │ peer's Close                                                                       │
 *     ├──────────────▶ CLOSE_RECEIVED ── callbacks of earlier messages done, their sends    │
 *     │                                  written, then the Close answered ────────────────┤
 *     │ protocol error (Close sent, RFC 6455 §7.1.7)                                       ▼
 *     └─────────────────────────────────────────────────────────────────────────────▶ FINISHING
 *   FINISHING ── outbox empty ──▶ wire.closeAfterFlush (the connection's lingering close) ──▶ CLOSED
 *   any ── EOF (but CLOSE_RECEIVED, FINISHING) / I/O error / close timeout / loop closing ──▶ CLOSED
 * </pre>
 *
 * Messages that arrive before the peer's Close are delivered, and what their callbacks send is written,
 * before the Close is answered (§5.5.1 lets an endpoint finish sending first): the answer waits in
 * CLOSE_RECEIVED for the callbacks queued before it, bounded by the close timeout. A client that sends a
 * message, a Close and its FIN at once still gets the replies, then the Close, then the server's FIN.
 *
 * The server closes TCP first (§7.1.1) with the connection's lingering close, which half-closes and reads
 * until the client's FIN: closing with unread input would send RST, which can destroy the Close frame before
 * the client reads it. One deadline serves every state: keep-alive checks while OPEN, the close timeout
 * after. The application hears
 * {@code onClose} once, when the session stops being usable (the first Close frame, either way), or with
 * 1006 when the connection ends without one.
 *
 * <p>Every exit ends in {@link #onClosed()}, which releases the zlib streams and fails what was not sent.
 */
final class WebSocketProtocol implements FrameworkProtocol {
    private static final Logger log = LoggerFactory.getLogger(WebSocketProtocol.class);
    private static final byte[] EMPTY = new byte[0];

    private enum State { OPEN, CLOSE_SENT, CLOSE_RECEIVED, FINISHING, CLOSED }

    private final LoopExecutor loop;
    private final Endpoint endpoint;
    private final WebSocketOptions options;
    private final WebSocketCodec codec;
    private final ServerSession session;
    private final FrameOutbox writer;
    private final CallbackSequencer callbacks;
    private Wire wire;
    private Deadline timer;
    /** Fires when the unfinished message would fall below {@link WebSocketOptions#minMessageRate()}. */
    private Deadline messageRateTimer;
    private State state = State.OPEN;
    private boolean readPaused;
    private boolean closeNotified;
    private long lastReadNanos;
    private final SessionCounters counters;

    WebSocketProtocol(Upgrade.Context ctx, Endpoint endpoint, HandshakeResult.Accepted accepted,
                        Map<String, Object> pathValues, WebSocketOptions options, Executor blocking,
                        SessionCounters counters, BufferBudget budget) {
        this.counters = counters;
        this.loop = ctx.loop();
        this.endpoint = endpoint;
        this.options = options;
        this.codec = new WebSocketCodec(options.protocol(), accepted.deflate(), budget,
                options.minMessageRate());
        this.session = new ServerSession(this, ctx.request(), accepted.subprotocol(), pathValues, options);
        this.writer = new FrameOutbox(session.queuedCounter());
        this.callbacks = new CallbackSequencer(loop, blocking, () -> loop.execute(this::updateReading));
    }

    /** Starts the session: {@code onOpen}, then whatever the client sent right behind its handshake. */
    @Override
    public void start(Wire wire, ByteBuffer leftover) {
        this.wire = wire;
        this.timer = wire.newDeadline(this::onTimer);
        this.messageRateTimer = wire.newDeadline(this::watchMessageRate);
        lastReadNanos = System.nanoTime();
        armKeepAlive();
        counters.opened();
        callback(Endpoint.Callback.OPEN, null);
        if (leftover.hasRemaining()) {
            decode(leftover);
        }
        flush();
    }

    @Override
    public void onInput(ByteBuffer in) {
        lastReadNanos = System.nanoTime();
        decode(in);
        flush();
    }

    /** The peer's FIN: after its Close it only ends the lingering; before, the session ends with 1006. */
    @Override
    public void onInputClosed() {
        if (state == State.CLOSE_RECEIVED || state == State.FINISHING) {
            return;
        }
        if (state == State.OPEN || state == State.CLOSE_SENT) {
            endSession(new CloseStatus(CloseCodes.ABNORMAL_CLOSURE, "connection closed without a Close frame"));
        }
        wire.close();
    }

    @Override
    public void onWritable() {
        flush();
        if (state != State.CLOSED) {
            updateReading();
        }
    }

    private void decode(ByteBuffer in) {
        for (WebSocketEvent e; (e = codec.decode(in)) != null; ) {
            onEvent(e);
        }
        updateReading();
        watchMessageRate();
    }

    /**
     * Closes with 1008 a session whose unfinished message arrives slower than its minimum rate (it holds
     * buffer budget, and pongs alone would keep it open forever); otherwise arms the check for the moment
     * it would become too slow, or disarms it when no message is unfinished.
     */
    private void watchMessageRate() {
        long wait = state == State.OPEN ? codec.millisUntilMessageTooSlow(System.nanoTime()) : Long.MAX_VALUE;
        if (wait == 0) {
            messageRateTimer.disarm();
            closeLocally(CloseCodes.POLICY_VIOLATION, "message arrives too slowly");
        } else if (wait == Long.MAX_VALUE) {
            messageRateTimer.disarm();
        } else {
            messageRateTimer.arm(wait);
        }
    }

    private void onEvent(WebSocketEvent event) {
        switch (event) {
            case WebSocketEvent.Text t -> message(Endpoint.Callback.TEXT, t.text(), "text");
            case WebSocketEvent.Binary b -> message(Endpoint.Callback.BINARY, b.data(), "binary");
            case WebSocketEvent.Ping p -> {
                if (state == State.OPEN) {
                    writer.add(codec.encoder().pong(p.payload()));
                }
            }
            case WebSocketEvent.Pong p -> {
                // lastReadNanos is all a Pong is for
            }
            case WebSocketEvent.Close c -> {
                if (state == State.OPEN) {
                    state = State.CLOSE_RECEIVED;
                    arm(options.closeTimeout().toMillis());
                    callbacks.submit(() -> answerClose(c), true);
                } else {
                    answerClose(c);
                }
            }
            case WebSocketEvent.ProtocolError f -> {
                ByteBuffer close = codec.closeFrame(f.closeCode(), f.reason());
                if (close != null) {
                    writer.add(close);
                }
                endSession(new CloseStatus(f.closeCode(), f.reason()));
                finishing();
            }
        }
    }

    private void message(Endpoint.Callback kind, Object message, String what) {
        if (closeNotified) {
            return; // after onClose, the application hears nothing more
        }
        if (endpoint.handler(kind) == null) {
            closeLocally(CloseCodes.UNSUPPORTED_DATA, what + " messages are not accepted");
            return;
        }
        counters.received();
        callback(kind, message);
    }

    /** Queues a callback, guarded: a listener that throws hears {@code onError}, and the session closes 1011. */
    private void callback(Endpoint.Callback kind, Object event) {
        Endpoint.Handler handler = endpoint.handler(kind);
        if (handler == null) {
            if (kind == Endpoint.Callback.ERROR) {
                log.warn("{} on {}: {}", endpoint.description(), session, event, (Throwable) event);
            }
            return;
        }
        callbacks.submit(() -> {
            try {
                reply(handler.call(session, event));
            } catch (Throwable t) {
                listenerFailed(kind, t);
            }
        }, endpoint.onLoop().contains(kind));
    }

    private void reply(Object result) {
        if (result instanceof String text) {
            session.send(text);
        } else if (result instanceof byte[] data) {
            session.send(data);
        }
    }

    /** On the callback's thread. */
    private void listenerFailed(Endpoint.Callback kind, Throwable t) {
        if (kind == Endpoint.Callback.CLOSE || kind == Endpoint.Callback.ERROR) {
            log.error("{} failed in on{} of {}", endpoint.description(), kind, session, t);
            return;
        }
        Endpoint.Handler onError = endpoint.handler(Endpoint.Callback.ERROR);
        if (onError == null) {
            log.error("{} failed in on{} of {}; closing with 1011", endpoint.description(), kind, session, t);
        } else {
            try {
                onError.call(session, t);
            } catch (Throwable again) {
                again.addSuppressed(t);
                log.error("{} failed in onError of {}", endpoint.description(), session, again);
            }
        }
        loop.execute(() -> {
            closeLocally(CloseCodes.INTERNAL_ERROR, "internal error");
            flush();
        });
    }

    /**
     * Answers the peer's Close and ends the session. After a Close received while OPEN this runs on the loop
     * once every callback queued before it has returned, so what they sent is written first.
     */
    private void answerClose(WebSocketEvent.Close c) {
        if (state == State.CLOSED) {
            return;
        }
        if (state == State.CLOSE_RECEIVED) {
            drainOutbox();
        }
        ByteBuffer reply = codec.replyTo(c);
        if (reply != null) {
            writer.add(reply);
        }
        endSession(new CloseStatus(c.code(), c.reason()));
        finishing();
        flush();
    }

    /** Reports the end of the session to the application, once. */
    private void endSession(CloseStatus status) {
        session.markClosed();
        if (!closeNotified) {
            closeNotified = true;
            counters.closed();
            callback(Endpoint.Callback.CLOSE, status);
            callbacks.submit(session::closeScope, false);
        }
    }

    /** Sends a Close if none was sent, and waits for the peer's (or the close timeout). */
    private void closeLocally(int code, String reason) {
        if (state != State.OPEN) {
            return;
        }
        writer.add(codec.closeFrame(code, reason));
        endSession(new CloseStatus(code, reason));
        state = State.CLOSE_SENT;
        arm(options.closeTimeout().toMillis());
    }

    private void finishing() {
        if (state == State.OPEN) {
            arm(options.closeTimeout().toMillis());
        }
        state = State.FINISHING;
    }

    /** Asks the loop to drain the session's outbox; any thread. */
    void scheduleDrain() {
        loop.execute(this::drainOutbox);
    }

    private void drainOutbox() {
        session.drainStarted();
        for (ServerSession.Outgoing o; (o = session.poll()) != null; ) {
            switch (o) {
                case ServerSession.Message m -> write(m);
                case ServerSession.CloseRequest c -> closeLocally(c.code(), c.reason());
            }
        }
        flush();
    }

    private void write(ServerSession.Message m) {
        if (state != State.OPEN && state != State.CLOSE_RECEIVED) {
            session.release(m);
            m.done().completeExceptionally(new WebSocketSendException("the session is closed"));
            return;
        }
        ByteBuffer frame;
        try {
            frame = switch (m.payload()) {
                case String text -> codec.encoder().text(text);
                case byte[] data -> codec.encoder().binary(data);
                case PreparedMessage prepared -> prepared.frame();
                default -> throw new IllegalStateException("not a message: " + m.payload());
            };
        } catch (RuntimeException e) {
            session.release(m);
            m.done().completeExceptionally(e);
            return;
        }
        writer.add(frame, m.done(), m.weight());
        counters.sent();
    }

    /** The session passed its outbound limit under {@link WebSocketOptions.OverflowPolicy#CLOSE}; any thread. */
    void overflowed() {
        loop.execute(() -> {
            if (state == State.OPEN) {
                writer.failAll(new WebSocketSendException("discarded: the outbound limit was reached"));
                closeLocally(CloseCodes.POLICY_VIOLATION, "outbound limit reached: the client reads too slowly");
                flush();
            }
        });
    }

    /**
     * Moves queued frames onto the wire as far as it has room and flushes; once FINISHING has nothing left to
     * move, the connection's lingering close takes over.
     */
    private void flush() {
        if (state == State.CLOSED) {
            return;
        }
        writer.moveTo(wire);
        if (state == State.FINISHING && writer.isEmpty()) {
            wire.closeAfterFlush();
        }
        wire.flush();
    }

    /**
     * Reading stops while the handlers are behind ({@link CallbackSequencer#PAUSE_AT}) or while what the session
     * owes the peer does not fit on the wire: frames waiting in the outbox, or a wire above its high watermark.
     * The second is what bounds a peer that sends Pings (or anything answered) and never reads the answers: its
     * input waits in the kernel instead of turning into Pongs in the heap.
     */
    private void updateReading() {
        boolean backedUp = !writer.isEmpty() || !wire.writable();
        if (!readPaused && (backedUp || callbacks.backlog() >= CallbackSequencer.PAUSE_AT)) {
            readPaused = true;
            wire.pauseReading();
        } else if (readPaused && !backedUp && callbacks.backlog() <= CallbackSequencer.RESUME_AT) {
            readPaused = false;
            wire.resumeReading();
        }
    }

    private void onTimer() {
        if (state != State.OPEN) {
            log.debug("{}: close timeout in {}", session, state);
            wire.close();
            return;
        }
        long idle = System.nanoTime() - lastReadNanos;
        if (!options.idleTimeout().isZero() && idle >= options.idleTimeout().toNanos()) {
            closeLocally(CloseCodes.GOING_AWAY, "idle timeout");
        } else {
            if (!options.pingInterval().isZero() && idle >= options.pingInterval().toNanos()) {
                writer.add(codec.encoder().ping(EMPTY));
            }
            armKeepAlive();
        }
        flush();
    }

    private void armKeepAlive() {
        long every = !options.pingInterval().isZero() ? options.pingInterval().toMillis() : options.idleTimeout().toMillis();
        if (every > 0) {
            arm(every);
        }
    }

    private void arm(long millis) {
        timer.arm(millis);
    }

    /** The server is stopping: close with 1001 after what was already sent. */
    @Override
    public void drain() {
        if (state == State.OPEN) {
            session.close(CloseCodes.GOING_AWAY, "server shutting down");
        }
    }

    /** The connection is gone (its deadlines with it): the zlib streams are released, unsent messages fail. */
    @Override
    public void onClosed() {
        if (state == State.CLOSED) {
            return;
        }
        state = State.CLOSED;
        codec.close();
        WebSocketSendException closed = new WebSocketSendException("the session closed before the message was sent");
        writer.failAll(closed);
        for (ServerSession.Outgoing o; (o = session.poll()) != null; ) {
            if (o instanceof ServerSession.Message m) {
                session.release(m);
                m.done().completeExceptionally(closed);
            }
        }
        endSession(new CloseStatus(CloseCodes.ABNORMAL_CLOSURE, "connection closed"));
    }

    @Override
    public String toString() {
        return "WebSocket " + state;
    }
}
