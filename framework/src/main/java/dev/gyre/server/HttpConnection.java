package dev.gyre.server;

import dev.gyre.http.ErrorResponse;
import dev.gyre.http.HttpVersion;
import dev.gyre.http.Request;
import dev.gyre.http.RequestHead;
import dev.gyre.http.Response;
import dev.gyre.loop.EventLoop;
import dev.gyre.loop.IoHandler;
import dev.gyre.server.ConnectionDeadline.Kind;
import dev.gyre.transport.Transport;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One HTTP/1.1 connection, owned by one loop thread from accept to close.
 *
 * <pre>
 *             bytes                END                 respond()
 *   ┌──────▶ READING ─────────────────────────▶ HANDLING ──────┬── bytes / file ───────┐
 *   │         │  │ ERROR / 408 / early answer:                  ├── stream ▶ STREAMING ─┤ last chunk
 *   │         │  └─ closeAfterFlush ─┐                           └── 101 ▶ UPGRADING ─▶ UPGRADED
 *   │         │ idle / EOF           ▼                                                 │ (channel handed
 *   │         │             flushed: LINGERING ── EOF / linger ──▶ CLOSED              │  to the protocol)
 *   │         └────────────────────────────────────────────────▶ CLOSED                │
 *   └──────────── keep-alive: encode, flush, parse pipelined bytes ◀───────────────────┘
 * </pre>
 *
 * <p>This class runs the states and decides when each half may act: {@link RequestReader} turns the
 * bytes read into requests, {@link ResponseWriter} turns answers into bytes to send, and
 * {@link ConnectionDeadline} times whichever phase the connection is in.
 *
 * <p>One request is in flight at a time: while it is handled, nothing more is parsed, so pipelined
 * responses leave in request order. Reading goes on (up to {@link RequestReader#MAX_PENDING_BYTES}) so
 * that a client that leaves is noticed at once. A request whose handler streams its body is dispatched
 * as soon as its head is read, and its body flows through a bounded {@link RequestBodyPipe} while it is
 * handled.
 *
 * <p>Every close goes through {@link #close()}, which releases the timer, the key, the buffers and
 * the count (the count and the connection set even when a release throws). Whatever escapes a handler
 * of this connection reaches {@link #onFailure}, which is this same close. A close the server decides first sends FIN and drains the client's bytes for a moment
 * (lingering close), so the last response is not lost to a TCP reset caused by unread input.
 */
final class HttpConnection implements IoHandler, ResponseStreamOwner {
    private static final Logger log = LoggerFactory.getLogger(HttpConnection.class);

    private enum State { READING, HANDLING, STREAMING, UPGRADING, UPGRADED, LINGERING, CLOSED }

    private final Transport transport;
    private final LoopContext ctx;
    private final InetSocketAddress remote;
    private final ConnectionDeadline deadline;
    private final OutboundQueue outbound = new OutboundQueue();
    /** Times a response while it waits for the client to read, against the minimum response rate. */
    private final TransferClock writeClock;
    private final RequestReader reader;
    private final ResponseWriter writer;
    private SelectionKey key;
    private State state = State.READING;
    private volatile boolean closed;
    private boolean inputClosed;
    private boolean closeAfterFlush;
    private boolean firstRead = true;
    private HttpExchange current;

    HttpConnection(Transport transport, LoopContext ctx) throws IOException {
        this.transport = transport;
        this.ctx = ctx;
        this.remote = transport.remoteAddress();
        this.deadline = new ConnectionDeadline(ctx, this::onTimeout);
        this.writeClock = new TransferClock(ctx.config.timeouts().minResponseRate());
        this.reader = new RequestReader(this, ctx, deadline, remote, transport.tls());
        this.writer = new ResponseWriter(this, ctx, outbound);
    }

    /**
     * Registers with the loop and starts waiting for the first request; input a TLS handshake already read
     * is parsed at once, since the selector will not report it. Loop thread.
     */
    void open() throws IOException {
        key = ctx.loop.register(transport.channel(), SelectionKey.OP_READ, this);
        ctx.connections.add(this);
        ctx.counter.opened();
        deadline.arm(Kind.IDLE);
        if (transport.hasBufferedInput()) {
            onReady(key, SelectionKey.OP_READ);
        }
    }

    @Override
    public void onReady(SelectionKey key, int readyOps) {
        try {
            if ((readyOps & SelectionKey.OP_WRITE) != 0) {
                resume();
            }
            if ((readyOps & SelectionKey.OP_READ) != 0 && state != State.CLOSED && state != State.UPGRADED) {
                onReadable();
            }
        } catch (IOException e) {
            log.debug("connection {} failed: {}", remote, e.toString());
            close();
        }
    }

    private void onReadable() throws IOException {
        ByteBuffer in = ctx.readBuffer;
        in.clear();
        int n = transport.read(in);
        if (n < 0) {
            onInputClosed();
            return;
        }
        if (n == 0 || state == State.LINGERING) {
            return;
        }
        in.flip();
        if (firstRead) {
            firstRead = false;
            if (ctx.http2.priorKnowledge() && Http2Preface.begins(in)) {
                handOverToHttp2(in);
                return;
            }
        }
        reader.read(in);
        afterProcessing();
    }

    /** The client's first bytes are the HTTP/2 preface (prior knowledge, RFC 9113 §3.3): HTTP/2 takes over. */
    private void handOverToHttp2(ByteBuffer in) {
        deadline.disarm();
        ctx.connections.remove(this);
        state = State.UPGRADED;
        ByteBuffer leftover = ByteBuffer.allocate(in.remaining()).put(in).flip();
        Http2Protocol protocol = new Http2Protocol(ctx, remote, transport.tls(), true);
        new UpgradeHandOver(transport, key, ctx, leftover, null).start(Http2Socket.upgrade(ctx, protocol));
    }

    /** Whether input may still be parsed at all: the connection is not closing, closed or handed over. */
    boolean acceptsInput() {
        return !closeAfterFlush && state != State.CLOSED && state != State.LINGERING && state != State.UPGRADED;
    }

    /** Whether a new request may begin: none is in flight, and the client reads what it is sent. */
    boolean awaitsRequest() {
        return state == State.READING && outbound.backlog() < ctx.config.writeHighWatermark();
    }

    /** Loop: the reader has a request (whole, or its head when the handler streams the body). */
    void dispatch(Request request, RequestHead requestHead) {
        state = State.HANDLING;
        HttpExchange exchange = new HttpExchange(this, request, requestHead);
        current = exchange;
        Response h2c = Http2Socket.h2cUpgrade(request, ctx);
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
        closeAfterFlush = true;
    }

    /** Loop: the input can no longer be trusted; close once the answer under way has left. */
    void closeWhenFlushed() {
        closeAfterFlush = true;
    }

    /** Loop: queues an interim (1xx) response, unless the connection is past answering. */
    void sendInterim(byte[] response) {
        if (state != State.CLOSED && state != State.LINGERING) {
            outbound.sink().append(response);
            if (!reader.isProcessing()) {
                resume();
            }
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
            close();
        }
    }

    private void queue(HttpExchange exchange, Response response) {
        if (exchange != current || state != State.HANDLING) {
            ResponseWriter.closeUnsentFile(response);
            exchange.completed(false);
            return;
        }
        current = null;
        boolean bodyUnread = reader.abandonBody();
        boolean keepAlive = exchange.head().keepAlive() && !ctx.draining && !bodyUnread && !closeAfterFlush
                && !response.headers().containsToken("Connection", "close");
        ResponseWriter.Outcome outcome;
        try {
            outcome = writer.write(exchange, response, keepAlive);
        } catch (RuntimeException e) {
            log.error("could not encode the response to {}; closing the connection", exchange.request(), e);
            exchange.completed(false);
            close();
            return;
        }
        switch (outcome) {
            case UPGRADING -> state = State.UPGRADING;
            case STREAMING -> {
                state = State.STREAMING;
                writer.startProducer();
            }
            case QUEUED -> {
                state = State.READING;
                closeAfterFlush |= !keepAlive;
            }
        }
        if (!reader.isProcessing()) {
            resume();
        }
    }

    /** Loop: a chunk from {@code s}; ignored once the stream is no longer this connection's. */
    @Override
    public void streamChunk(ChunkedResponseStream s, byte[] framed) {
        if (state == State.STREAMING && writer.chunk(s, framed) && !reader.isProcessing()) {
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
        if (keepAlive == null) {
            return;
        }
        state = State.READING;
        closeAfterFlush |= !keepAlive;
        if (!reader.isProcessing()) {
            resume();
        }
    }

    /** Continues after a response was queued or the socket took bytes: parse what waits, then flush. */
    void resume() {
        try {
            reader.parsePending();
            afterProcessing();
        } catch (IOException e) {
            log.debug("connection {} failed: {}", remote, e.toString());
            close();
        }
    }

    private void afterProcessing() throws IOException {
        if (state == State.CLOSED || state == State.UPGRADED) {
            return;
        }
        long writtenBefore = outbound.written();
        boolean flushed = outbound.flush(transport);
        writeClock.add(outbound.written() - writtenBefore);
        if (flushed) {
            writeClock.stop();
        }
        writer.flushed();
        if (flushed && state == State.READING) {
            reader.exchangesEnded();
        }
        if (flushed && state == State.UPGRADING) {
            handOver();
            return;
        }
        if (flushed && closeAfterFlush && state == State.READING) {
            startLinger();
            return;
        }
        if (flushed && inputClosed && state == State.READING && !reader.hasPending()) {
            close();
            return;
        }
        if (!flushed) {
            if (!writeClock.isRunning()) {
                writeClock.start(System.nanoTime());
            }
            deadline.arm(Kind.WRITE, writeClock);
        } else if (state == State.READING && !reader.requestStarted()) {
            if (ctx.draining && !reader.hasPending()) {
                close();
                return;
            }
            if (!deadline.is(Kind.IDLE)) {
                deadline.arm(Kind.IDLE);
            }
        } else if (deadline.is(Kind.WRITE)) {
            deadline.disarm();
        }
        if (reader.hasPending() && reader.canParse() && flushed) {
            resume();
            return;
        }
        updateInterest();
    }

    private void updateInterest() {
        boolean mayRead = switch (state) {
            case READING -> !closeAfterFlush && !reader.hasPending()
                    && outbound.backlog() < ctx.config.writeHighWatermark();
            case HANDLING, STREAMING, UPGRADING -> reader.readsWhileHandling();
            case LINGERING -> true;
            case UPGRADED, CLOSED -> false;
        };
        int ops = mayRead && !inputClosed ? SelectionKey.OP_READ : 0;
        if (outbound.backlog() > 0 || transport.hasPendingOutput()) {
            ops |= SelectionKey.OP_WRITE;
        }
        if (key.isValid() && key.interestOps() != ops) {
            key.interestOps(ops);
        }
    }

    private void onInputClosed() throws IOException {
        inputClosed = true;
        if (reader.inputEnded()) {
            close();
            return;
        }
        boolean idle = state == State.READING && !reader.requestStarted() && outbound.backlog() == 0;
        if (state == State.LINGERING || idle || (state == State.READING && reader.requestStarted())) {
            close();
            return;
        }
        if (state == State.STREAMING) {
            close();
            return;
        }
        if (state == State.READING) {
            closeAfterFlush = true;
        }
        updateInterest();
    }

    private void startLinger() throws IOException {
        if (inputClosed) {
            close();
            return;
        }
        state = State.LINGERING;
        reader.discardPending();
        transport.shutdownOutput();
        deadline.arm(Kind.LINGER);
        updateInterest();
    }

    private void handOver() {
        deadline.disarm();
        ctx.connections.remove(this);
        state = State.UPGRADED;
        UpgradeHandOver handOver = writer.handOver(transport, key, reader.takeUnparsed());
        try {
            handOver.start(writer.takeUpgrade());
        } catch (Throwable e) {
            log.error("protocol upgrade failed for {}", remote, e);
            handOver.closed();
            transport.close();
        }
    }

    private void onTimeout(Kind expired) {
        switch (expired) {
            case HEAD, BODY -> {
                if (reader.streamsBody() || state != State.READING) {
                    close();
                } else {
                    reader.timedOut();
                    resume();
                }
            }
            case IDLE, WRITE, LINGER -> close();
        }
    }

    /**
     * Graceful shutdown: close if idle, otherwise answer what is under way with Connection: close. An
     * idle connection is read once more first: a request already in its socket buffer got in, and is
     * answered rather than lost to the close.
     */
    void drain() {
        if (state == State.READING && !reader.requestStarted() && outbound.backlog() == 0) {
            try {
                onReadable();
            } catch (IOException e) {
                log.debug("connection {} failed: {}", remote, e.toString());
            }
            if (state == State.READING && !reader.requestStarted() && outbound.backlog() == 0) {
                close();
            }
        } else if (state == State.READING && !reader.requestStarted()) {
            closeAfterFlush = true;
        } else if (state == State.STREAMING) {
            writer.drain();
        }
    }

    boolean isOpen() {
        return !closed;
    }

    EventLoop loop() {
        return ctx.loop;
    }

    void close() {
        if (state == State.CLOSED || state == State.UPGRADED) {
            return;
        }
        state = State.CLOSED;
        closed = true;
        try {
            deadline.disarm();
            if (key != null) {
                key.cancel();
            }
            transport.close();
            reader.closed();
            outbound.release();
            failUndelivered();
        } finally {
            ctx.connections.remove(this);
            ctx.counter.closed();
        }
    }

    /** The connection closed: every exchange still waiting is over, undelivered. */
    private void failUndelivered() {
        HttpExchange handling = current;
        current = null;
        if (handling != null) {
            handling.completed(false);
        }
        writer.closed();
    }

    /** A stream producer's callback failed mid-response: nothing else can be sent, so the connection closes. */
    @Override
    public void abandon() {
        close();
    }

    @Override
    public void onLoopClosing() {
        close();
    }

    @Override
    public String toString() {
        return "HttpConnection[" + remote + ", " + state + "]";
    }
}
