package dev.gyre.server;

import dev.gyre.connection.Protocol;
import dev.gyre.connection.Wire;
import dev.gyre.http.ErrorResponse;
import dev.gyre.http.Headers;
import dev.gyre.http.HttpVersion;
import dev.gyre.http.LoopExecutor;
import dev.gyre.http.Request;
import dev.gyre.http.Response;
import dev.gyre.http.Upgrade;
import dev.gyre.http.internal.DirectResponder;
import dev.gyre.loop.EventLoop;
import dev.gyre.server.RequestDeadline.Kind;
import java.nio.ByteBuffer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * HTTP/1.1 on a {@link Connection}: the life of its exchanges, one at a time, from the first request to the
 * last response or the hand-over to another protocol.
 *
 * <pre>
 *             bytes                END                 respond()
 *   ┌──────▶ READING ─────────────────────────▶ HANDLING ──────┬── bytes / file ───────┐
 *   │         │  │ ERROR / 408 / early answer:                  ├── stream ▶ STREAMING ─┤ last chunk
 *   │         │  └─ closing: wire.closeAfterFlush              └── 101 ▶ UPGRADING ─▶ UPGRADED
 *   │         │ idle / EOF / drain                                   flushed: switchTo │ (the next
 *   │         └──────────────────────────────────▶ wire.close() ▶ CLOSED               │  protocol)
 *   └──────────── keep-alive: flushed to the low watermark, parse pipelined bytes ◀────┘
 * </pre>
 *
 * <p>This class runs the states: {@link RequestReader} turns the bytes read into requests (and owns the
 * request deadlines and the HTTP rules of a request's arrival: Expect, 100-continue, 417, body limits), and
 * {@link ResponseWriter} turns answers into bytes on the wire. The connection below owns the queue, the
 * write deadline and the lingering close.
 *
 * <p>One request is in flight at a time: while it is handled, nothing more is parsed, so pipelined
 * responses leave in request order. Reading goes on (up to {@link RequestReader#MAX_PENDING_BYTES}) so
 * that a client that leaves is noticed at once. A request whose handler streams its body is dispatched
 * as soon as its head is read, and its body flows through a bounded {@link RequestBodyPipe} while it is
 * handled. Loop thread only, except {@link #isOpen()}.
 */
final class Http1Protocol implements Protocol, ResponseStreamOwner {
    private static final Logger log = LoggerFactory.getLogger(Http1Protocol.class);

    private enum State { READING, HANDLING, STREAMING, UPGRADING, UPGRADED, CLOSED }

    private final LoopContext ctx;
    private Wire wire;
    private RequestReader reader;
    private ResponseWriter writer;
    private RequestDeadline deadline;
    private State state = State.READING;
    /** The input can no longer be trusted, or the last response is queued: close once it has left. */
    private boolean closing;
    private boolean inputClosed;
    /**
     * The first bytes may still be the HTTP/2 preface: prior knowledge is on and the connection is cleartext
     * (over TLS only ALPN chooses h2, RFC 9113 §3.3), and too few bytes have come to tell.
     */
    private boolean prefaceUndecided;
    /** The first bytes, fewer than {@link Http2Preface#ENOUGH}, all as the preface begins; else {@code null}. */
    private byte[] prefaceStart;
    /** When the first of those bytes came ({@link EventLoop#eventNanos()}), while the head deadline runs for them. */
    private long prefaceStartNanos;
    /** No TLS below: only then may a request ask for {@code Upgrade: h2c}. */
    private boolean cleartext;
    private HttpExchange current;
    /** How long the transport's preamble (a PROXY header) took: the first head's deadline is that much shorter. */
    private final long preambleNanos;

    Http1Protocol(LoopContext ctx, long preambleNanos) {
        this.ctx = ctx;
        this.preambleNanos = preambleNanos;
    }

    @Override
    public void start(Wire wire, ByteBuffer leftover) {
        this.wire = wire;
        this.deadline = new RequestDeadline(wire, ctx.config.timeouts(), preambleNanos, this::onTimeout);
        this.reader = new RequestReader(this, ctx, deadline, wire);
        // HTTP/1.1 is only ever a Connection's first protocol (Http2Negotiation.firstProtocol), and the writer
        // encodes into that connection's queue, which Wire does not hand out.
        this.writer = new ResponseWriter(this, ctx, (Connection) wire);
        deadline.arm(Kind.IDLE);
        cleartext = wire.tls() == null;
        prefaceUndecided = ctx.http2.priorKnowledge() && cleartext;
        if (leftover.hasRemaining()) {
            onInput(leftover);
        }
    }

    @Override
    public void onInput(ByteBuffer in) {
        if (prefaceUndecided) {
            in = afterPrefaceStart(in);
            switch (Http2Preface.match(in)) {
                case PREFACE -> {
                    switchToHttp2(in);
                    return;
                }
                case TOO_SHORT -> {
                    prefaceStart = new byte[in.remaining()];
                    in.get(prefaceStart);
                    if (!deadline.is(Kind.HEAD)) {
                        // from the first byte, as any head: re-armed per piece, a preface dribbled byte by byte
                        // would hold the connection for a head timeout per byte
                        deadline.arm(Kind.HEAD);
                        prefaceStartNanos = ctx.loop.eventNanos();
                    }
                    updateReading();
                    return;
                }
                case NOT_PREFACE -> prefaceUndecided = false;
            }
        }
        reader.read(in);
        updateReading();
    }

    /**
     * {@code in} behind the first bytes kept while the preface was undecided (a client may split its preface
     * anywhere, even byte by byte); {@code in} itself when none were kept.
     */
    private ByteBuffer afterPrefaceStart(ByteBuffer in) {
        if (prefaceStart == null) {
            return in;
        }
        ByteBuffer joined = ByteBuffer.allocate(prefaceStart.length + in.remaining()).put(prefaceStart).put(in).flip();
        prefaceStart = null;
        return joined;
    }

    /**
     * The client's first bytes are the HTTP/2 preface (prior knowledge, RFC 9113 §3.3): HTTP/2 takes over, its
     * first request's deadline shorter by the time the preface's first pieces took here.
     */
    private void switchToHttp2(ByteBuffer in) {
        long spent = deadline.is(Kind.HEAD) ? ctx.loop.eventNanos() - prefaceStartNanos : 0;
        deadline.disarm();
        state = State.UPGRADED;
        wire.switchTo(new Http2Protocol(ctx, true, spent), in);
    }

    /** Whether input may still be parsed at all: the connection is not closing, closed or handed over. */
    boolean acceptsInput() {
        return !closing && state != State.CLOSED && state != State.UPGRADED;
    }

    /** Whether a new request may begin: none is in flight, and the client reads what it is sent. */
    boolean awaitsRequest() {
        return state == State.READING && wire.writable();
    }

    /** Loop: the reader has a request (whole, or its head when the handler streams the body). */
    void dispatch(Request request) {
        state = State.HANDLING;
        HttpExchange exchange = new HttpExchange(this, request);
        current = exchange;
        Response h2c = cleartext ? Http2Negotiation.h2cUpgrade(request, ctx) : null;
        if (h2c != null) {
            exchange.respond(h2c);
            return;
        }
        try {
            ctx.handler.handle(exchange);
        } catch (Throwable t) {
            log.error("handler failed for {}", request, t);
            exchange.respond(ErrorResponse.of(500, "Internal Server Error"));
        }
    }

    /** Loop: the reader refused a request without handling it; answer, then close. */
    void refuse(Response response, HttpVersion version, boolean headRequest) {
        writer.writeWhole(response, version, false, headRequest);
        closeWhenFlushed();
    }

    /** Loop: the input can no longer be trusted; close once the answer under way has left. */
    void closeWhenFlushed() {
        closing = true;
        if (state == State.READING) {
            wire.closeAfterFlush();
        }
    }

    /** Loop: queues an interim (1xx) response, unless the connection is past answering. */
    void sendInterim(byte[] response) {
        if (state != State.CLOSED && !closing) {
            wire.write(response);
            resume();
        }
    }

    /**
     * Queues the response of {@code exchange}. Loop thread; called at most once per exchange. A response
     * that cannot be written (its encoding or its producer throws) closes the connection: the exchange has
     * been answered, so nothing else can be sent on it.
     */
    void complete(HttpExchange exchange, Response response) {
        try {
            queue(exchange, response);
        } catch (Throwable t) {
            log.error("the response to {} failed; closing the connection", exchange.request(), t);
            wire.close();
        }
    }

    /**
     * Queues the whole response of {@code status}, {@code fields} and {@code body} ({@link DirectResponder}), as
     * {@link #complete(HttpExchange, Response)} queues the {@code Response} they make.
     */
    void complete(HttpExchange exchange, int status, Headers fields, byte[] body) {
        try {
            if (!take(exchange)) {
                return;
            }
            boolean keepAlive = keepsAlive(exchange, fields);
            writer.write(exchange, status, fields, body, keepAlive);
            exchangeEnded(keepAlive);
            resume();
        } catch (Throwable t) {
            log.error("the response to {} failed; closing the connection", exchange.request(), t);
            wire.close();
        }
    }

    /** Whether {@code exchange} may answer now: it is the one in flight. One that may not is completed undelivered. */
    private boolean take(HttpExchange exchange) {
        if (exchange != current || state != State.HANDLING) {
            exchange.completed(false);
            return false;
        }
        current = null;
        return true;
    }

    /** Whether the connection stays open after the answer with {@code fields} to {@code exchange}. */
    private boolean keepsAlive(HttpExchange exchange, Headers fields) {
        boolean bodyUnread = reader.abandonBody();
        return exchange.head().keepAlive() && !ctx.draining && !bodyUnread && !closing
                && !fields.containsToken("Connection", "close");
    }

    private void queue(HttpExchange exchange, Response response) {
        if (!take(exchange)) {
            ResponseWriter.closeUnsentFile(response);
            return;
        }
        boolean keepAlive = keepsAlive(exchange, response.headers());
        ResponseWriter.Outcome outcome;
        try {
            outcome = writer.write(exchange, response, keepAlive);
        } catch (RuntimeException e) {
            log.error("could not encode the response to {}; closing the connection", exchange.request(), e);
            exchange.completed(false);
            wire.close();
            return;
        }
        switch (outcome) {
            case UPGRADING -> state = State.UPGRADING;
            case STREAMING -> {
                state = State.STREAMING;
                writer.startProducer();
            }
            case QUEUED -> exchangeEnded(keepAlive);
        }
        resume();
    }

    /** The last byte of an exchange is queued: take the next request, or close once it has left. */
    private void exchangeEnded(boolean keepAlive) {
        state = State.READING;
        if (!keepAlive) {
            closeWhenFlushed();
        }
    }

    /** Loop: a chunk from {@code s}; ignored once the stream is no longer this connection's. */
    @Override
    public void streamChunk(ChunkedResponseStream s, byte[] framed) {
        if (state == State.STREAMING && writer.chunk(s, framed)) {
            resume();
        }
    }

    /** Loop: the producer closed {@code s}; end the body and take the next request. */
    @Override
    public void streamEnd(ChunkedResponseStream s) {
        if (state != State.STREAMING) {
            return;
        }
        Boolean keepAlive = writer.end(s);
        if (keepAlive != null) {
            exchangeEnded(keepAlive);
            resume();
        }
    }

    /**
     * Continues after a response was queued, a body resumed or a deadline passed: parse what waits, then
     * flush. Inside the parse loop this does nothing: the loop goes on, and the connection flushes after it.
     */
    void resume() {
        if (reader.isProcessing()) {
            return;
        }
        reader.parsePending();
        updateReading();
        wire.flush();
    }

    @Override
    public void onWritable() {
        if (state == State.CLOSED || state == State.UPGRADED) {
            return;
        }
        writer.flushed(wire.backlog());
        boolean flushed = wire.backlog() == 0;
        if (flushed && state == State.READING) {
            reader.exchangesEnded();
        }
        if (flushed && state == State.UPGRADING) {
            handOver();
            return;
        }
        if (state == State.READING && (closing || (inputClosed && flushed && !reader.hasPending()))) {
            if (closing) {
                wire.closeAfterFlush();
            } else {
                wire.close();
            }
            return;
        }
        if (flushed && state == State.READING && !reader.requestStarted() && prefaceStart == null) {
            if (ctx.draining && !reader.hasPending()) {
                wire.close();
                return;
            }
            if (!deadline.is(Kind.IDLE)) {
                deadline.arm(Kind.IDLE);
            }
        }
        if (reader.hasPending() && reader.canParse()) {
            reader.parsePending();
        }
        updateReading();
    }

    /** Reads while a request may begin or a streamed body has room; otherwise input waits in the socket. */
    private void updateReading() {
        boolean mayRead = switch (state) {
            case READING -> !closing && !reader.hasPending() && wire.writable();
            case HANDLING, STREAMING, UPGRADING -> reader.readsWhileHandling();
            case UPGRADED, CLOSED -> false;
        };
        if (mayRead) {
            wire.resumeReading();
        } else {
            wire.pauseReading();
        }
    }

    @Override
    public void onInputClosed() {
        inputClosed = true;
        if (reader.inputEnded()) {
            wire.close();
            return;
        }
        boolean idle = state == State.READING && !reader.requestStarted() && wire.backlog() == 0;
        if (idle || (state == State.READING && reader.requestStarted()) || state == State.STREAMING) {
            wire.close();
            return;
        }
        if (state == State.READING) {
            closeWhenFlushed();
        }
    }

    private void handOver() {
        deadline.disarm();
        state = State.UPGRADED;
        HttpExchange exchange = writer.takeUpgradeExchange();
        Upgrade upgrade = writer.takeUpgrade();
        exchange.completed(true);
        Protocol next;
        try {
            next = upgrade.start(new UpgradeContext(exchange.request(), ctx.loop.executor()));
        } catch (Throwable e) {
            log.error("protocol upgrade failed for {}", wire.remote(), e);
            wire.close();
            return;
        }
        wire.switchTo(LoopConfinedWire.guard(next, ctx.loop.executor()), reader.takeUnparsed());
    }

    /** What an upgrade's new protocol is told of the HTTP connection it replaces. */
    private record UpgradeContext(Request request, LoopExecutor loop)
            implements Upgrade.Context {
    }

    private void onTimeout(Kind expired) {
        switch (expired) {
            case HEAD, BODY -> {
                if (reader.streamsBody() || state != State.READING) {
                    wire.close();
                } else {
                    reader.timedOut();
                    resume();
                }
            }
            case IDLE -> wire.close();
        }
    }

    /**
     * Graceful shutdown (the connection has read once more): close if idle, otherwise answer what is under
     * way with Connection: close.
     */
    @Override
    public void drain() {
        if (state == State.READING && !reader.requestStarted() && wire.backlog() == 0) {
            wire.close();
        } else if (state == State.READING && !reader.requestStarted()) {
            closeWhenFlushed();
        } else if (state == State.STREAMING) {
            writer.drain();
        }
    }

    /** Whether the connection has not closed. Any thread. */
    boolean isOpen() {
        return wire.isOpen();
    }

    EventLoop loop() {
        return ctx.loop;
    }

    /** Ends the connection now: a response that cannot go on (its producer failed). */
    @Override
    public void abandon() {
        wire.close();
    }

    /** The connection closed: a streamed body fails, and every exchange still waiting is over, undelivered. */
    @Override
    public void onClosed() {
        if (state == State.UPGRADED) {
            return;
        }
        state = State.CLOSED;
        deadline.disarm();
        reader.closed();
        HttpExchange handling = current;
        current = null;
        if (handling != null) {
            handling.completed(false);
        }
        writer.closed();
    }

    @Override
    public String toString() {
        return "HTTP/1.1 " + state;
    }
}
