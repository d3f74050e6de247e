package dev.gyre.server;

import dev.gyre.connection.Deadline;
import dev.gyre.connection.Wire;
import dev.gyre.http.Headers;
import dev.gyre.http.Request;
import dev.gyre.http.RequestHead;
import dev.gyre.http.Response;
import dev.gyre.http.internal.FrameworkProtocol;
import dev.gyre.http.internal.Peer;
import dev.gyre.http.internal.Requests;
import dev.gyre.http2.Http2Connection;
import dev.gyre.http2.Http2ErrorCode;
import dev.gyre.http2.Http2Listener;
import dev.gyre.http2.Http2Request;
import dev.gyre.http2.StreamTable;
import dev.gyre.loop.TransferClock;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Duration;

/**
 * HTTP/2 on a {@link Connection}: bytes in, through the {@link Http2Connection} engine, to one
 * {@link Http2ServerStream} per stream and its {@link Http2Exchange} for the same handlers HTTP/1.1 serves;
 * the engine's output out through the connection's {@link Wire}. A connection starts with it when ALPN chose
 * {@code h2} ({@link Http2Negotiation#firstProtocol}); {@link Http1Protocol} switches to it on the client
 * preface or after the {@code 101} of {@code Upgrade: h2c}.
 *
 * <pre>
 *   start ──▶ SERVING ── drain(): GOAWAY(2^31-1) + PING ──▶ DRAINING ── PING ACK or 1 s: GOAWAY(last id) ──┐
 *               │  │ idle (no stream for Timeouts.idle; before the first request Timeouts.requestHead):    │
 *               │  │ GOAWAY(last id)                                                                        │
 *               │  └─────────────────────────────────────────────────────────────────▶ CLOSING ◀── last stream done
 *               │ connection error / flood (the engine sent GOAWAY), EOF with no stream     ▲
 *               │ (EOF first resets every streamed response with CANCEL) or with a response  │
 *               │ held by the window, window shut for Timeouts.write                         │
 *               └───────────────────────────────────────────────────────────────────────────┘
 *   CLOSING: the wire flushes, sends FIN, lingers, closes ──▶ onClosed: every stream undelivered
 * </pre>
 *
 * <p><b>Output.</b> The engine's output moves to the wire only while the wire's backlog is under the server's
 * write high watermark; above it the bytes stay in the engine, which then stops framing DATA (its own 64 KiB
 * mark) and queues it per stream, so a peer that does not read holds back the producers, not the heap. Reading
 * stops above the watermark too ({@link Wire#pauseReading}), so PING and SETTINGS answers cannot pile up either.
 *
 * <p><b>Deadlines.</b> Idle (no open stream) closes with GOAWAY; until the first request's HEADERS are
 * complete (the preface, SETTINGS, a header block under way) that deadline is the request-head timeout; each request body has its own (pause and
 * minimum rate, {@link Timeouts}); a response held back by a peer's window that does not open for the write
 * timeout closes with GOAWAY (a peer that never opens its window, even for a response of a few bytes); the
 * socket's write deadline is the wire's. EOF while a response waits for the peer's window closes at once: no
 * WINDOW_UPDATE can follow, and closing ends every stream, which gives back their body budget.
 * Loop thread only, except {@link #isOpen}.
 */
final class Http2Protocol implements FrameworkProtocol, Http2Listener {
    /** How long the first GOAWAY of a drain waits for the client's PING answer before the final one. */
    static final long FINAL_GOAWAY_MILLIS = 1_000;

    private enum Timed { IDLE, FINAL_GOAWAY }

    final LoopContext ctx;
    final Http2Connection engine;
    private final StreamTable<Http2ServerStream> streams = new StreamTable<>();
    /** The idle or the final-GOAWAY deadline, whichever {@link #armed} says; made at {@link #start}. */
    private Deadline timer;
    /** Fires when response bytes have waited for the peer's window longer than the write timeout. */
    private Deadline stallTimer;
    /**
     * The response rate while a window holds response bytes, from when it began to: below the server's
     * {@code minResponseRate}, judged once both that rate's grace and the write timeout have passed, the
     * connection closes, so a peer that opens its window a byte at a time cannot keep it for good.
     */
    private final TransferClock windowClock;
    /** When a window last let response bytes out (or the wait began), and the engine's count then. */
    private long lastWindowNanos;
    private long dataSentThen;
    private boolean wasHeldByWindow;
    private final Http2Heads heads = new Http2Heads();
    private Timed armed;
    private Wire wire;
    /** The connection as each stream's request reports it; made in {@link #start}, one for all of them. */
    private Peer peer;
    /** An {@code Upgrade: h2c} request's head and body as stream 1 has them, until {@link #start}. */
    private RequestHead upgradedHead;
    private byte[] upgradedBody;
    private boolean inEngine;
    private boolean inputEnded;
    /** A request has come: until then the connection is timed by the request-head timeout, not the idle one. */
    private boolean requested;
    /** What the first request's head has spent before this protocol began (a preface split under HTTP/1.1). */
    private long firstRequestSpentMillis;
    private boolean closing;
    private boolean closed;

    Http2Protocol(LoopContext ctx, boolean expectPreface) {
        this(ctx, expectPreface, 0);
    }

    /**
     * @param spentNanos how long the connection has already waited for its first request (the pieces of a
     *                   preface HTTP/1.1 read before it could tell): the request-head timeout before the first
     *                   request is that much shorter, so a dribbled preface gets the timeout once, not twice
     */
    Http2Protocol(LoopContext ctx, boolean expectPreface, long spentNanos) {
        this.ctx = ctx;
        this.firstRequestSpentMillis = spentNanos / 1_000_000;
        this.engine = new Http2Connection(ctx.http2.limits(), this, expectPreface, System::nanoTime);
        Timeouts timeouts = ctx.config.timeouts();
        MinDataRate rate = timeouts.minResponseRate();
        Duration judgedFrom = rate.grace().compareTo(timeouts.write()) > 0 ? rate.grace() : timeouts.write();
        this.windowClock = new TransferClock(new MinDataRate(rate.bytesPerSecond(), judgedFrom));
    }

    /**
     * Takes over an HTTP/1.1 request that asked for {@code Upgrade: h2c}: it becomes stream 1 once started.
     *
     * @throws IllegalArgumentException for a bad {@code HTTP2-Settings}: answer in HTTP/1.1 instead
     */
    void acceptUpgrade(Request request, String http2Settings) {
        RequestHead head = Http2Negotiation.streamOne(request.head(), request.body().length);
        engine.acceptUpgrade(new Http2Request(head.method(), "http", request.header("Host"), head.target(),
                head.headers(), head.contentLength()), http2Settings);
        upgradedHead = head;
        upgradedBody = request.body();
    }

    /** Starts serving on {@code to}: the server's preface, the upgraded request, then the bytes already read. */
    @Override
    public void start(Wire to, ByteBuffer leftover) {
        this.wire = to;
        this.peer = new Peer(to.remote(), to.tls());
        this.timer = to.newDeadline(this::onDeadline);
        this.stallTimer = to.newDeadline(this::checkStall);
        if (upgradedHead != null) {
            requested = true;
            Http2ServerStream first = new Http2ServerStream(this, 1, upgradedHead);
            streams.add(1, first);
            first.dispatch(Requests.whole(upgradedHead, upgradedBody, peer));
            upgradedHead = null;
            upgradedBody = null;
        }
        onInput(leftover);
    }

    /** Application bytes read; the engine consumes all of them (the buffer is the loop's). */
    @Override
    public void onInput(ByteBuffer in) {
        if (closed) {
            return;
        }
        inEngine = true;
        try {
            engine.receive(in);
        } finally {
            inEngine = false;
        }
        afterEvent();
    }

    /**
     * The queue went down to its low watermark: let out what the engine held back; once it is empty, complete
     * what was delivered.
     */
    @Override
    public void onWritable() {
        if (closed) {
            return;
        }
        engine.outputWritten();
        if (wire.backlog() == 0) {
            deliver();
        }
        afterEvent();
    }

    /**
     * EOF: a streamed response is cut off (reset with CANCEL; its producer sees the stream closed), as HTTP/1.1
     * closes a connection whose client ends its input while a response streams, since an event stream would
     * otherwise write to a client that has gone for as long as it lives. Whole answers under way are finished
     * if they can be; with none left, or with a response held by the peer's window (no WINDOW_UPDATE can come
     * any more), the connection closes.
     */
    @Override
    public void onInputClosed() {
        inputEnded = true;
        for (Http2ServerStream s : streams.snapshot()) {
            if (s.streaming()) {
                s.resetHere(Http2ErrorCode.CANCEL);
            }
        }
        afterEvent();
    }

    /**
     * Graceful shutdown (§6.8): GOAWAY and a PING now, the final GOAWAY on the PING's answer or after a second;
     * streamed responses (SSE and the like, which would never end by themselves) are ended now, as HTTP/1.1's
     * drain ends its stream, so the connection can close before the grace runs out.
     */
    @Override
    public void drain() {
        if (closed || closing) {
            return;
        }
        for (Http2ServerStream s : streams.snapshot()) {
            s.drain();
        }
        engine.goAway();
        arm(Timed.FINAL_GOAWAY, FINAL_GOAWAY_MILLIS);
        afterEvent();
    }

    /** The connection is gone: every stream still here ends undelivered. */
    @Override
    public void onClosed() {
        closed = true;
        IOException cause = new IOException("the connection closed");
        for (Http2ServerStream s : streams.snapshot()) {
            streams.remove(s.id);
            s.gone(cause);
        }
    }

    /** Whether the connection has not closed. Any thread. */
    boolean isOpen() {
        return wire.isOpen();
    }

    Peer peer() {
        return peer;
    }

    /** The receive window of a stream, the most a streamed body holds before its handler reads. */
    int engineWindow() {
        return ctx.http2.limits().initialWindowSize();
    }

    /**
     * After anything that may have given the engine work: moves its output to the wire (if the wire has room),
     * reads only while the wire has room, closes once the engine is finished, and flushes. Deferred while the
     * engine itself is calling out. The flush does nothing inside the connection's own events (which flush when
     * they end); it is what lets out the work of a loop task (a handler's answer, a body timer).
     */
    void afterEvent() {
        if (inEngine || closed) {
            return;
        }
        boolean heldByWindow = engine.heldByWindow();
        boolean finished = engine.isFinished() || (inputEnded && (streams.isEmpty() || heldByWindow));
        pump(finished);
        if (streams.isEmpty()) {
            engine.releaseBuffers();
        }
        if (finished && !closing) {
            closing = true;
            timer.disarm();
            wire.closeAfterFlush();
            return;
        }
        if (!closing) {
            watchWindow(heldByWindow);
            if (streams.isEmpty() && armed != Timed.IDLE && armed != Timed.FINAL_GOAWAY) {
                Timeouts timeouts = ctx.config.timeouts();
                long headMillis = Math.max(0, timeouts.requestHead().toMillis() - firstRequestSpentMillis);
                firstRequestSpentMillis = 0;
                arm(Timed.IDLE, requested ? timeouts.idle().toMillis() : headMillis);
            } else if (!streams.isEmpty() && armed == Timed.IDLE) {
                armed = null;
                timer.disarm();
            }
        }
        if (wire.writable()) {
            wire.resumeReading();
        } else {
            wire.pauseReading();
        }
        wire.flush();
    }

    /**
     * Copies the engine's output into the wire's queue and clears it for the engine to reuse. A large output
     * joins the queue as an array of its own ({@link Wire#write(byte[], int, int)}) rather than growing the
     * queue's buffer, which would keep that size for as long as the connection lives.
     */
    private void pump(boolean force) {
        var out = engine.output();
        if (out.size() > 0 && (force || wire.writable())) {
            wire.write(out.array(), 0, out.size());
            out.clear();
        }
    }

    /** Streams whose responses are framed and flushed are delivered; a body still arriving is cut short. */
    private void deliver() {
        for (int i = 0; i < streams.size(); ) {
            Http2ServerStream s = streams.at(i);
            if (s.answered() && engine.responseFramed(s.id)) {
                streams.remove(s.id);
                if (engine.receiving(s.id)) {
                    engine.reset(s.id, Http2ErrorCode.NO_ERROR);
                }
                s.delivered();
            } else {
                i++;
            }
        }
    }

    /** A stream this side reset: it is no longer tracked. */
    void forget(Http2ServerStream s) {
        if (streams.get(s.id) == s) {
            streams.remove(s.id);
        }
    }

    /**
     * Response bytes wait for the peer's window: unless a window lets some out within the write timeout, the
     * connection is closed, as HTTP/1.1 closes one whose client stops reading. Any held byte starts the clock,
     * however small the response (a client that announces a window of 0 and asks for {@code /plaintext}); PINGs
     * and the like do not count as progress, only DATA that leaves does, and that DATA must also keep up the
     * minimum response rate ({@link #windowClock}) while the window holds the rest.
     */
    private void watchWindow(boolean heldByWindow) {
        long now = System.nanoTime();
        long sent = engine.dataSent();
        if (sent != dataSentThen) {
            windowClock.add(sent - dataSentThen);
            dataSentThen = sent;
            lastWindowNanos = now;
        }
        if (heldByWindow && !wasHeldByWindow) {
            lastWindowNanos = now;
            windowClock.start(now);
            if (!stallTimer.isArmed()) {
                stallTimer.arm(ctx.config.timeouts().write().toMillis());
            }
        } else if (!heldByWindow) {
            windowClock.stop();
        }
        wasHeldByWindow = heldByWindow;
    }

    private void checkStall() {
        if (closed || closing || !engine.heldByWindow()) {
            return;
        }
        long now = System.nanoTime();
        long waited = (now - lastWindowNanos) / 1_000_000;
        long left = Math.min(ctx.config.timeouts().write().toMillis() - waited, windowClock.millisUntilTooSlow(now));
        if (left > 0) {
            stallTimer.arm(left);
            return;
        }
        shutDown();
    }

    /** GOAWAY with the last stream id at once, then close after the flush; open streams end undelivered. */
    private void shutDown() {
        engine.goAway();
        engine.goAway();
        closing = true;
        pump(true);
        wire.closeAfterFlush();
    }

    private void arm(Timed kind, long millis) {
        armed = kind;
        timer.arm(millis);
    }

    private void onDeadline() {
        Timed expired = armed;
        armed = null;
        if (closed || expired == null) {
            return;
        }
        switch (expired) {
            case IDLE -> shutDown();
            case FINAL_GOAWAY -> {
                engine.goAway();
                afterEvent();
            }
        }
    }

    /** The response's fields as HTTP/2 sends them; see {@link Http2Heads#response}. */
    Headers responseHeaders(Response response, boolean hasContent) {
        return heads.response(response, hasContent);
    }

    @Override
    public void onRequest(int streamId, Http2Request request, boolean endStream) {
        if (closing) {
            engine.reset(streamId, Http2ErrorCode.REFUSED_STREAM);
            return;
        }
        requested = true;
        Http2ServerStream s = new Http2ServerStream(this, streamId, Http2Heads.request(request, endStream));
        streams.add(streamId, s);
        s.begin(endStream);
    }

    @Override
    public void onData(int streamId, ByteBuffer data, boolean endStream) {
        Http2ServerStream s = streams.get(streamId);
        if (s == null) {
            engine.consumed(streamId, data.remaining());
            return;
        }
        s.data(data, endStream);
    }

    @Override
    public void onTrailers(int streamId, Headers trailers) {
        Http2ServerStream s = streams.get(streamId);
        if (s != null) {
            s.trailers(trailers);
        }
    }

    @Override
    public void onReset(int streamId, Http2ErrorCode error) {
        Http2ServerStream s = streams.remove(streamId);
        if (s != null) {
            s.gone(new IOException("the stream was reset: " + error));
        }
    }

    @Override
    public void onWritable(int streamId) {
        Http2ServerStream s = streams.get(streamId);
        if (s != null) {
            s.onWritable();
        }
    }

    @Override
    public void onGoAway(int lastStreamId, Http2ErrorCode error) {
        // streams already open go on; the engine is finished once they end
    }
}
