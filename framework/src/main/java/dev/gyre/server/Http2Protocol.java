package dev.gyre.server;

import dev.gyre.http.Headers;
import dev.gyre.http.Request;
import dev.gyre.http.Response;
import dev.gyre.http2.Http2Connection;
import dev.gyre.http2.Http2ErrorCode;
import dev.gyre.http2.Http2Listener;
import dev.gyre.http2.Http2Request;
import dev.gyre.loop.TimerWheel;
import dev.gyre.transport.TlsInfo;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Map;

/**
 * HTTP/2 as a protocol of a connection: bytes in, through the {@link Http2Connection} engine, to one
 * {@link Http2ServerStream} per stream and its {@link Http2Exchange} for the same handlers HTTP/1.1 serves;
 * the engine's output out through an {@link Http2Wire}. Its entry points are the connection layer's
 * {@code Protocol} ({@link #start}, {@link #onInput}, {@link #onWritable}, {@link #onInputClosed},
 * {@link #drain}, {@link #onClosed}), so moving it onto that layer changes no logic here.
 *
 * <pre>
 *   start ──▶ SERVING ── drain(): GOAWAY(2^31-1) + PING ──▶ DRAINING ── PING ACK or 1 s: GOAWAY(last id) ──┐
 *               │  │ idle (no stream for Timeouts.idle): GOAWAY(last id)                                    │
 *               │  └─────────────────────────────────────────────────────────────────▶ CLOSING ◀── last stream done
 *               │ connection error / flood (the engine sent GOAWAY), or EOF with no stream  ▲
 *               └───────────────────────────────────────────────────────────────────────────┘
 *   CLOSING: the wire flushes, sends FIN, lingers, closes ──▶ onClosed: every stream undelivered
 * </pre>
 *
 * <p><b>Output.</b> The engine's output moves to the wire only while the wire's backlog is under the server's
 * write high watermark; above it the bytes stay in the engine, which then stops framing DATA (its own 64 KiB
 * mark) and queues it per stream, so a peer that does not read holds back the producers, not the heap. Reading
 * stops above the watermark too (the wire's part), so PING and SETTINGS answers cannot pile up either.
 *
 * <p><b>Deadlines.</b> Idle (no open stream) closes with GOAWAY; each request body has its own (pause and
 * minimum rate, {@link Timeouts}); a response held back by a peer's window that does not open for the write
 * timeout closes with GOAWAY (a peer that never opens its window); the socket's write deadline is the wire's.
 * Loop thread only.
 */
final class Http2Protocol implements Http2Listener {
    /** How long the first GOAWAY of a drain waits for the client's PING answer before the final one. */
    static final long FINAL_GOAWAY_MILLIS = 1_000;

    private enum Deadline { IDLE, FINAL_GOAWAY }

    final LoopContext ctx;
    final Http2Connection engine;
    private final InetSocketAddress remote;
    private final TlsInfo tls;
    private final Map<Integer, Http2ServerStream> streams = new HashMap<>();
    private final TimerWheel.Timer timer;
    /** Fires when a response has waited for the peer's window longer than the write timeout. */
    private final TimerWheel.Timer stallTimer;
    private long lastWindowNanos;
    private final Http2Heads heads = new Http2Heads();
    private Deadline armed;
    private Http2Wire wire;
    private Request upgraded;
    private boolean inEngine;
    private boolean inputEnded;
    private boolean closing;
    private boolean closed;

    Http2Protocol(LoopContext ctx, InetSocketAddress remote, TlsInfo tls, boolean expectPreface) {
        this.ctx = ctx;
        this.remote = remote;
        this.tls = tls;
        this.engine = new Http2Connection(ctx.http2.limits(), this, expectPreface, System::nanoTime);
        this.timer = ctx.loop.timers().newTimer(this::onDeadline);
        this.stallTimer = ctx.loop.timers().newTimer(this::checkStall);
    }

    /**
     * Takes over an HTTP/1.1 request that asked for {@code Upgrade: h2c}: it becomes stream 1 once started.
     *
     * @throws IllegalArgumentException for a bad {@code HTTP2-Settings}: answer in HTTP/1.1 instead
     */
    void acceptUpgrade(Request request, String http2Settings) {
        engine.acceptUpgrade(new Http2Request(request.method(), "http", request.header("Host"), request.target(),
                request.headers(), request.head().contentLength()), http2Settings);
        upgraded = request;
    }

    /** Starts serving on {@code to}: the server's preface, the upgraded request, then the bytes already read. */
    void start(Http2Wire to, ByteBuffer leftover) {
        this.wire = to;
        if (upgraded != null) {
            Http2ServerStream first = new Http2ServerStream(this, 1, upgraded.head());
            streams.put(1, first);
            first.dispatch(upgraded);
            upgraded = null;
        }
        onInput(leftover);
    }

    /** Application bytes read; the engine consumes all of them (the buffer is the loop's). */
    void onInput(ByteBuffer in) {
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

    /** Everything queued reached the socket: let out what the engine held back, and complete what was delivered. */
    void onWritable() {
        if (closed) {
            return;
        }
        engine.outputWritten();
        if (wire.backlog() == 0) {
            deliver();
        }
        afterEvent();
    }

    /** EOF: streams under way are finished if they can be; with none, the connection closes. */
    void onInputClosed() {
        inputEnded = true;
        afterEvent();
    }

    /** Graceful shutdown (§6.8): GOAWAY and a PING now, the final GOAWAY on the PING's answer or after a second. */
    void drain() {
        if (closed || closing) {
            return;
        }
        engine.goAway();
        arm(Deadline.FINAL_GOAWAY, FINAL_GOAWAY_MILLIS);
        afterEvent();
    }

    /** The connection is gone: every stream still here ends undelivered. */
    void onClosed() {
        closed = true;
        ctx.loop.timers().cancel(timer);
        ctx.loop.timers().cancel(stallTimer);
        IOException cause = new IOException("the connection closed");
        for (Http2ServerStream s : new ArrayList<>(streams.values())) {
            s.gone(cause);
        }
        streams.clear();
    }

    boolean isOpen() {
        return !closed;
    }

    InetSocketAddress remote() {
        return remote;
    }

    TlsInfo tls() {
        return tls;
    }

    /** The receive window of a stream, the most a streamed body holds before its handler reads. */
    int engineWindow() {
        return ctx.http2.limits().initialWindowSize();
    }

    /**
     * After anything that may have given the engine work: moves its output to the wire (if the wire has room),
     * and closes once the engine is finished. Deferred while the engine itself is calling out.
     */
    void afterEvent() {
        if (inEngine || closed) {
            return;
        }
        boolean finished = engine.isFinished() || (inputEnded && streams.isEmpty());
        pump(finished);
        if (closed) {
            return;
        }
        if (finished && !closing) {
            closing = true;
            ctx.loop.timers().cancel(timer);
            wire.closeAfterFlush();
            return;
        }
        if (!closing) {
            if (streams.isEmpty() && armed != Deadline.IDLE && armed != Deadline.FINAL_GOAWAY) {
                arm(Deadline.IDLE, ctx.config.timeouts().idle().toMillis());
            } else if (!streams.isEmpty() && armed == Deadline.IDLE) {
                armed = null;
                ctx.loop.timers().cancel(timer);
            }
        }
    }

    /**
     * The sink is cleared before the wire copies it: the wire may flush at once, and a flush that empties the
     * socket calls {@link #onWritable}, which comes back here.
     */
    private void pump(boolean force) {
        var out = engine.output();
        if (out.size() > 0 && (force || wire.backlog() < ctx.config.writeHighWatermark())) {
            byte[] bytes = out.array();
            int length = out.size();
            out.clear();
            wire.write(bytes, length);
        }
    }

    /** Streams whose responses are framed and flushed are delivered; a body still arriving is cut short. */
    private void deliver() {
        var done = streams.values().iterator();
        while (done.hasNext()) {
            Http2ServerStream s = done.next();
            if (s.answered() && engine.responseFramed(s.id)) {
                done.remove();
                if (engine.receiving(s.id)) {
                    engine.reset(s.id, Http2ErrorCode.NO_ERROR);
                }
                s.delivered();
            }
        }
    }

    /** A stream this side reset: it is no longer tracked. */
    void forget(Http2ServerStream s) {
        streams.remove(s.id, s);
    }

    /**
     * A response waits for the peer's window: unless some stream's window opens within the write timeout, the
     * connection is closed, as HTTP/1.1 closes one whose client stops reading. PINGs and the like do not count
     * as progress; only a window that lets response bytes out does.
     */
    void stalled() {
        if (!stallTimer.isArmed()) {
            lastWindowNanos = System.nanoTime();
            ctx.loop.timers().schedule(stallTimer, ctx.config.timeouts().write().toMillis(), lastWindowNanos);
        }
    }

    private void checkStall() {
        if (closed || closing || streams.values().stream().noneMatch(Http2ServerStream::stalled)) {
            return;
        }
        long now = System.nanoTime();
        long limit = ctx.config.timeouts().write().toMillis();
        long waited = (now - lastWindowNanos) / 1_000_000;
        if (waited < limit) {
            ctx.loop.timers().schedule(stallTimer, limit - waited, now);
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

    private void arm(Deadline kind, long millis) {
        armed = kind;
        ctx.loop.timers().schedule(timer, millis, System.nanoTime());
    }

    private void onDeadline() {
        Deadline expired = armed;
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
        Http2ServerStream s = new Http2ServerStream(this, streamId, Http2Heads.request(request, endStream));
        streams.put(streamId, s);
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
            s.data(ByteBuffer.allocate(0), true);
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
        lastWindowNanos = System.nanoTime();
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
