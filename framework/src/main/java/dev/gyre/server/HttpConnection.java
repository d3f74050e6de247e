package dev.gyre.server;

import dev.gyre.http.ErrorResponse;
import dev.gyre.http.HttpVersion;
import dev.gyre.http.Request;
import dev.gyre.http.RequestHead;
import dev.gyre.http.RequestParser;
import dev.gyre.http.Response;
import dev.gyre.loop.IoHandler;
import dev.gyre.server.ConnectionDeadline.Kind;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
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
 * <p>One request is in flight at a time: while it is handled, nothing more is parsed, so pipelined
 * responses leave in request order. Reading goes on (up to {@link #MAX_PENDING_BYTES}) so that a client
 * that leaves is noticed at once. A request whose handler streams its body is dispatched as soon as its
 * head is read, and its body flows through a bounded {@link RequestBodyPipe} while it is handled.
 *
 * <p>Every close goes through {@link #close()}, which releases the timer, the key, the buffers and
 * the count. A close the server decides first sends FIN and drains the client's bytes for a moment
 * (lingering close), so the last response is not lost to a TCP reset caused by unread input.
 */
final class HttpConnection implements IoHandler {
    private static final Logger log = LoggerFactory.getLogger(HttpConnection.class);
    private static final byte[] CONTINUE = "HTTP/1.1 100 Continue\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
    /** Input kept while a request is handled; more waits in the socket (input backpressure). */
    private static final int MAX_PENDING_BYTES = 64 * 1024;
    /** How much of a streamed request body may wait for its handler. */
    private static final int BODY_WINDOW = 64 * 1024;

    private enum State { READING, HANDLING, STREAMING, UPGRADING, UPGRADED, LINGERING, CLOSED }

    private final SocketChannel channel;
    private final LoopContext ctx;
    private final RequestParser parser;
    private final InetSocketAddress remote;
    private final ConnectionDeadline deadline;
    private final OutboundQueue outbound = new OutboundQueue();
    private final BodyAccumulator body = new BodyAccumulator();
    private final ResponseWriter writer;
    private SelectionKey key;
    private State state = State.READING;
    private volatile boolean closed;

    private ByteBuffer pending;
    private boolean requestStarted;
    private boolean inputClosed;
    private boolean closeAfterFlush;
    private boolean processing;
    private RequestHead head;
    private HttpExchange current;
    private RequestBodyPipe bodyPipe;
    private boolean bodyPaused;

    HttpConnection(SocketChannel channel, LoopContext ctx) throws IOException {
        this.channel = channel;
        this.ctx = ctx;
        this.parser = new RequestParser(ctx.config.limits(), ctx.strings);
        this.remote = (InetSocketAddress) channel.getRemoteAddress();
        this.deadline = new ConnectionDeadline(ctx, this::onTimeout);
        this.writer = new ResponseWriter(this, ctx, outbound);
    }

    /** Registers with the loop and starts waiting for the first request. Loop thread. */
    void open() throws IOException {
        key = ctx.loop.register(channel, SelectionKey.OP_READ, this);
        ctx.connections.add(this);
        ctx.counter.opened();
        deadline.arm(Kind.IDLE);
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
        int n = channel.read(in);
        if (n < 0) {
            onInputClosed();
            return;
        }
        if (n == 0 || state == State.LINGERING) {
            return;
        }
        in.flip();
        if (pending != null) {
            keep(in);
            processPending();
        } else {
            process(in);
            if (in.hasRemaining() && state != State.CLOSED) {
                keep(in);
            }
        }
        afterProcessing();
    }

    /** Keeps unparsed input for later, after any input kept before. */
    private void keep(ByteBuffer in) {
        if (pending == null || !pending.hasRemaining()) {
            pending = ByteBuffer.allocate(in.remaining()).put(in).flip();
            return;
        }
        ByteBuffer joined = ByteBuffer.allocate(pending.remaining() + in.remaining());
        pending = joined.put(pending).put(in).flip();
    }

    private void processPending() {
        if (pending != null) {
            process(pending);
            if (pending != null && !pending.hasRemaining()) {
                pending = null;
            }
        }
    }

    /** Whether the parser may consume input now: a new request, or the body of a streamed one. */
    private boolean canParse() {
        if (closeAfterFlush || state == State.CLOSED || state == State.LINGERING || state == State.UPGRADED) {
            return false;
        }
        if (bodyPipe != null) {
            return !bodyPaused;
        }
        return state == State.READING && outbound.backlog() < ctx.config.writeHighWatermark();
    }

    /**
     * Parses and handles requests from {@code in} while the connection may. A head without a body may
     * report its END only on the following call, so the parser is asked again while a head is open
     * even when no bytes are left.
     */
    private void process(ByteBuffer in) {
        processing = true;
        try {
            while (canParse()) {
                if (!in.hasRemaining() && head == null) {
                    return;
                }
                if (!requestStarted) {
                    requestStarted = true;
                    deadline.arm(Kind.HEAD);
                }
                switch (parser.next(in)) {
                    case NEED_MORE -> {
                        return;
                    }
                    case HEAD -> onHead();
                    case BODY -> onBody();
                    case END -> onEnd();
                    case ERROR -> onParseError();
                }
            }
        } finally {
            processing = false;
        }
    }

    private void onHead() {
        head = parser.head();
        if (!head.hasBody()) {
            return;
        }
        String expect = head.headers().get("Expect");
        if (expect != null && !head.expectContinue()) {
            fail(417, "unsupported expectation: " + expect, "HEAD".equals(head.method()));
            return;
        }
        if (head.expectContinue()) {
            Response early = ctx.handler.screen(head);
            if (early != null) {
                answerWithoutBody(early);
                return;
            }
        }
        deadline.arm(Kind.BODY);
        if (ctx.handler.streamsBody(head)) {
            bodyPipe = new RequestBodyPipe(ctx.loop, BODY_WINDOW, this::resumeBody,
                    head.expectContinue() ? this::sendContinue : null);
            dispatch(Request.streamed(head, bodyPipe, remote), head);
            return;
        }
        body.start(head.contentLength());
        if (head.expectContinue()) {
            sendContinue();
        }
    }

    private void onBody() {
        deadline.arm(Kind.BODY);
        if (bodyPipe != null) {
            bodyPaused = !bodyPipe.offer(parser.body());
        } else {
            body.append(parser.body());
        }
    }

    private void onEnd() {
        requestStarted = false;
        RequestHead requestHead = head;
        head = null;
        if (bodyPipe != null) {
            RequestBodyPipe pipe = bodyPipe;
            bodyPipe = null;
            if (deadline.is(Kind.BODY)) {
                deadline.disarm();
            }
            pipe.end();
            return;
        }
        deadline.disarm();
        dispatch(new Request(requestHead, body.take(), remote), requestHead);
    }

    private void dispatch(Request request, RequestHead requestHead) {
        state = State.HANDLING;
        HttpExchange exchange = new HttpExchange(this, request, requestHead);
        current = exchange;
        try {
            ctx.handler.handle(exchange);
        } catch (RuntimeException e) {
            log.error("handler failed for {}", request, e);
            exchange.respond(ErrorResponse.of(500, "Internal Server Error"));
        }
    }

    private void onParseError() {
        if (bodyPipe != null) {
            bodyPipe.fail(new IOException("malformed request body: " + parser.errorReason()));
            bodyPipe = null;
            closeAfterFlush = true;
            return;
        }
        fail(parser.errorStatus(), parser.errorReason(), parser.errorInHeadRequest());
    }

    /** Loop: the handler of a streamed body wants it; tell a waiting client to send it. */
    private void sendContinue() {
        if (state != State.CLOSED && state != State.LINGERING) {
            outbound.sink().append(CONTINUE);
            if (!processing) {
                resume();
            }
        }
    }

    /** Loop: the handler has read enough of a paused streamed body; read on. */
    private void resumeBody() {
        if (bodyPipe != null && bodyPaused) {
            bodyPaused = false;
            resume();
        }
    }

    /** Queues the response of {@code exchange}. Loop thread; called at most once per exchange. */
    void complete(HttpExchange exchange, Response response) {
        if (exchange != current || state != State.HANDLING) {
            ResponseWriter.closeUnsentFile(response);
            exchange.completed(false);
            return;
        }
        current = null;
        boolean bodyUnread = bodyPipe != null;
        if (bodyUnread) {
            bodyPipe.fail(new IOException("the response was sent before the body was read"));
            bodyPipe = null;
        }
        boolean keepAlive = exchange.head().keepAlive() && !ctx.draining && !bodyUnread
                && !response.headers().containsToken("Connection", "close");
        switch (writer.write(exchange, response, keepAlive)) {
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
        if (!processing) {
            resume();
        }
    }

    /** Loop: a chunk from {@code s}; ignored once the stream is no longer this connection's. */
    void streamChunk(ChunkedResponseStream s, byte[] framed) {
        if (state == State.STREAMING && writer.chunk(s, framed) && !processing) {
            resume();
        }
    }

    /** Loop: the producer closed {@code s}; end the body and take the next request. */
    void streamEnd(ChunkedResponseStream s) {
        if (state != State.STREAMING) {
            return;
        }
        Boolean keepAlive = writer.end(s);
        if (keepAlive == null) {
            return;
        }
        state = State.READING;
        closeAfterFlush |= !keepAlive;
        if (!processing) {
            resume();
        }
    }

    /** Answers before the body is read (Expect: 100-continue refused), then closes. */
    private void answerWithoutBody(Response response) {
        RequestHead h = head;
        deadline.disarm();
        requestStarted = false;
        head = null;
        writer.writeWhole(response, h.version(), false, "HEAD".equals(h.method()));
        closeAfterFlush = true;
    }

    /** Answers a request the server refuses, then closes. A HEAD request's answer has no body. */
    private void fail(int status, String reason, boolean headRequest) {
        deadline.disarm();
        requestStarted = false;
        head = null;
        writer.writeWhole(ErrorResponse.of(status, reason), HttpVersion.HTTP_1_1, false, headRequest);
        closeAfterFlush = true;
    }

    /** Continues after a response was queued or the socket took bytes: parse what waits, then flush. */
    private void resume() {
        try {
            processPending();
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
        boolean flushed = outbound.flush(channel);
        writer.flushed();
        if (flushed && state == State.UPGRADING) {
            handOver();
            return;
        }
        if (flushed && closeAfterFlush && state == State.READING) {
            startLinger();
            return;
        }
        if (flushed && inputClosed && state == State.READING && pending == null) {
            close();
            return;
        }
        if (!flushed) {
            deadline.arm(Kind.WRITE);
        } else if (state == State.READING && !requestStarted) {
            if (ctx.draining && pending == null) {
                close();
                return;
            }
            if (!deadline.is(Kind.IDLE)) {
                deadline.arm(Kind.IDLE);
            }
        } else if (deadline.is(Kind.WRITE)) {
            deadline.disarm();
        }
        if (pending != null && canParse() && flushed) {
            resume();
            return;
        }
        updateInterest();
    }

    private void updateInterest() {
        boolean mayRead = switch (state) {
            case READING -> !closeAfterFlush && pending == null
                    && outbound.backlog() < ctx.config.writeHighWatermark();
            case HANDLING, STREAMING, UPGRADING -> bodyPipe != null
                    ? !bodyPaused && pending == null
                    : pending == null || pending.remaining() < MAX_PENDING_BYTES;
            case LINGERING -> true;
            case UPGRADED, CLOSED -> false;
        };
        int ops = mayRead && !inputClosed ? SelectionKey.OP_READ : 0;
        if (outbound.backlog() > 0) {
            ops |= SelectionKey.OP_WRITE;
        }
        if (key.isValid() && key.interestOps() != ops) {
            key.interestOps(ops);
        }
    }

    private void onInputClosed() throws IOException {
        inputClosed = true;
        if (bodyPipe != null) {
            bodyPipe.fail(new IOException("the client closed the connection before the body was complete"));
            close();
            return;
        }
        boolean idle = state == State.READING && !requestStarted && outbound.backlog() == 0;
        if (state == State.LINGERING || idle || (state == State.READING && requestStarted)) {
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
        pending = null;
        channel.shutdownOutput();
        deadline.arm(Kind.LINGER);
        updateInterest();
    }

    private void handOver() {
        deadline.disarm();
        ctx.connections.remove(this);
        state = State.UPGRADED;
        ByteBuffer leftover = pending != null ? pending : ByteBuffer.allocate(0);
        pending = null;
        UpgradeHandOver handOver = writer.handOver(channel, key, leftover);
        try {
            handOver.start(writer.takeUpgrade());
        } catch (RuntimeException e) {
            log.error("protocol upgrade failed for {}", remote, e);
            handOver.closed();
            try {
                channel.close();
            } catch (IOException closeFailed) {
                log.trace("close", closeFailed);
            }
        }
    }

    private void onTimeout(Kind expired) {
        switch (expired) {
            case HEAD, BODY -> {
                if (bodyPipe != null || state != State.READING) {
                    close();
                } else {
                    fail(408, "request timeout", head != null && "HEAD".equals(head.method()));
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
        if (state == State.READING && !requestStarted && outbound.backlog() == 0) {
            try {
                onReadable();
            } catch (IOException e) {
                log.debug("connection {} failed: {}", remote, e.toString());
            }
            if (state == State.READING && !requestStarted && outbound.backlog() == 0) {
                close();
            }
        } else if (state == State.READING && !requestStarted) {
            closeAfterFlush = true;
        } else if (state == State.STREAMING) {
            writer.drain();
        }
    }

    boolean isOpen() {
        return !closed;
    }

    dev.gyre.loop.EventLoop loop() {
        return ctx.loop;
    }

    void close() {
        if (state == State.CLOSED || state == State.UPGRADED) {
            return;
        }
        state = State.CLOSED;
        closed = true;
        deadline.disarm();
        if (key != null) {
            key.cancel();
        }
        try {
            channel.close();
        } catch (IOException e) {
            log.trace("close", e);
        }
        if (bodyPipe != null) {
            bodyPipe.fail(new IOException("the connection closed"));
            bodyPipe = null;
        }
        pending = null;
        body.release();
        outbound.release();
        failUndelivered();
        ctx.connections.remove(this);
        ctx.counter.closed();
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

    @Override
    public void onLoopClosing() {
        close();
    }

    @Override
    public String toString() {
        return "HttpConnection[" + remote + ", " + state + "]";
    }
}
