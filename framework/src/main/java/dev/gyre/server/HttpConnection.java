package dev.gyre.server;

import dev.gyre.http.ByteSink;
import dev.gyre.http.ErrorResponse;
import dev.gyre.http.HttpVersion;
import dev.gyre.http.Request;
import dev.gyre.http.RequestHead;
import dev.gyre.http.RequestParser;
import dev.gyre.http.Response;
import dev.gyre.loop.IoHandler;
import dev.gyre.loop.TimerWheel;
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
 *             bytes                     END                     respond()
 *   ┌──────▶ READING ────────────────────────────▶ HANDLING ──────────────┐
 *   │         │  │ ERROR / 408: error response,                          │
 *   │         │  └─ closeAfterFlush ─┐                                    │
 *   │         │ idle / EOF           ▼                                    │
 *   │         │             flushed: LINGERING ── EOF / linger ──▶ CLOSED │
 *   │         └──────────────────────────────────────────────────▶ CLOSED │
 *   └──────────── keep-alive: encode, flush, parse pipelined bytes ◀──────┘
 * </pre>
 *
 * <p>One request is in flight at a time: while it is handled, the connection neither reads nor parses,
 * so pipelined responses leave in request order and a client cannot make the server buffer more than
 * one request ahead. Bytes already read behind the request are kept in {@code pending} and parsed
 * once the response is queued; when they hold several requests whose handlers answer at once (loop
 * handlers), all their responses go out in one write.
 *
 * <p>Output: small responses are encoded into one {@link ByteSink}; a large body is queued as its own
 * buffer without copying. {@code OP_WRITE} is asked for only while bytes are left that the socket did
 * not take, and no new request is parsed while more than the high watermark is waiting.
 *
 * <p>Every close goes through {@link #close()}, which releases the timer, the key and the count. A
 * close the server decides (error, {@code Connection: close}, shutdown) first sends FIN and keeps
 * draining the client's bytes for a moment (lingering close), so the last response is not lost to a
 * TCP reset caused by unread input.
 */
final class HttpConnection implements IoHandler {
    private static final Logger log = LoggerFactory.getLogger(HttpConnection.class);
    private static final byte[] CONTINUE = "HTTP/1.1 100 Continue\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
    /** Bodies at least this large are written from their own array instead of being copied. */
    private static final int COPY_BODY_LIMIT = 16 * 1024;
    /** Input kept while a request is handled; more waits in the socket (input backpressure). */
    private static final int MAX_PENDING_BYTES = 64 * 1024;

    private enum State { READING, HANDLING, LINGERING, CLOSED }

    private enum Deadline { NONE, IDLE, HEAD, BODY, WRITE, LINGER }

    private final SocketChannel channel;
    private final LoopContext ctx;
    private final RequestParser parser;
    private final InetSocketAddress remote;
    private final TimerWheel.Timer timer;
    private final OutboundQueue outbound = new OutboundQueue();
    private SelectionKey key;
    private State state = State.READING;
    private Deadline deadline = Deadline.NONE;
    private volatile boolean closed;

    private ByteBuffer pending;
    private boolean requestStarted;
    private boolean inputClosed;
    private boolean closeAfterFlush;
    private boolean processing;
    private RequestHead head;
    private final BodyAccumulator body = new BodyAccumulator();
    private HttpExchange current;

    HttpConnection(SocketChannel channel, LoopContext ctx) throws IOException {
        this.channel = channel;
        this.ctx = ctx;
        this.parser = new RequestParser(ctx.config.limits());
        this.remote = (InetSocketAddress) channel.getRemoteAddress();
        this.timer = ctx.loop.timers().newTimer(this::onTimeout);
    }

    /** Registers with the loop and starts waiting for the first request. Loop thread. */
    void open() throws IOException {
        key = ctx.loop.register(channel, SelectionKey.OP_READ, this);
        ctx.connections.add(this);
        ctx.counter.opened();
        arm(Deadline.IDLE);
    }

    @Override
    public void onReady(SelectionKey key, int readyOps) {
        try {
            if ((readyOps & SelectionKey.OP_WRITE) != 0) {
                resume();
            }
            if ((readyOps & SelectionKey.OP_READ) != 0 && state != State.CLOSED) {
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
        if (state == State.HANDLING) {
            keep(in);
            updateInterest();
            return;
        }
        process(in);
        if (in.hasRemaining() && state != State.CLOSED) {
            keep(in);
        }
        afterProcessing();
    }

    /**
     * Keeps unparsed input for later: bytes pipelined behind a request being handled. Reading goes on
     * while a request is handled so that a client that leaves is noticed at once, but only up to
     * {@link #MAX_PENDING_BYTES}; past that the socket's own buffer holds the rest.
     */
    private void keep(ByteBuffer in) {
        if (pending == null || !pending.hasRemaining()) {
            pending = ByteBuffer.allocate(in.remaining()).put(in).flip();
            return;
        }
        ByteBuffer joined = ByteBuffer.allocate(pending.remaining() + in.remaining());
        pending = joined.put(pending).put(in).flip();
    }

    /**
     * Parses and handles requests from {@code in} while the connection may take the next one. A head
     * without a body may report its END only on the following call, so the parser is asked again while
     * a head is open even when no bytes are left.
     */
    private void process(ByteBuffer in) {
        processing = true;
        try {
            while (state == State.READING && !closeAfterFlush
                    && outbound.backlog() < ctx.config.writeHighWatermark()) {
                if (!in.hasRemaining() && head == null) {
                    return;
                }
                if (!requestStarted) {
                    requestStarted = true;
                    arm(Deadline.HEAD);
                }
                switch (parser.next(in)) {
                    case NEED_MORE -> {
                        return;
                    }
                    case HEAD -> onHead();
                    case BODY -> onBody();
                    case END -> onRequestComplete();
                    case ERROR -> fail(parser.errorStatus(), parser.errorReason());
                }
            }
        } finally {
            processing = false;
        }
    }

    private void onHead() {
        head = parser.head();
        body.start(head.contentLength());
        if (head.hasBody()) {
            arm(Deadline.BODY);
            if (head.expectContinue() && head.version() == HttpVersion.HTTP_1_1) {
                outbound.sink().append(CONTINUE);
            }
        }
    }

    private void onBody() {
        body.append(parser.body());
        arm(Deadline.BODY);
    }

    private void onRequestComplete() {
        disarm();
        requestStarted = false;
        RequestHead requestHead = head;
        head = null;
        Request request = new Request(requestHead, body.take(), remote);
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

    /** Queues the response of {@code exchange}. Loop thread; called at most once per exchange. */
    void complete(HttpExchange exchange, Response response) {
        if (exchange != current || state != State.HANDLING) {
            return;
        }
        current = null;
        RequestHead h = exchange.head();
        boolean keepAlive = h.keepAlive() && !ctx.draining
                && !response.headers().containsToken("Connection", "close");
        boolean omitBody = "HEAD".equals(h.method());
        enqueue(response, h.version(), keepAlive, omitBody);
        state = State.READING;
        if (!keepAlive) {
            closeAfterFlush = true;
        }
        if (!processing) {
            resume();
        }
    }

    private void enqueue(Response response, HttpVersion version, boolean keepAlive, boolean omitBody) {
        byte[] bytes = response.body();
        boolean large = !omitBody && bytes.length >= COPY_BODY_LIMIT;
        ctx.encoder.encode(response, version, keepAlive, omitBody, !large, outbound.sink());
        if (large) {
            outbound.appendUncopied(bytes);
        }
    }

    /** Answers a request the server refuses, then closes. */
    private void fail(int status, String reason) {
        disarm();
        requestStarted = false;
        head = null;
        HttpVersion version = HttpVersion.HTTP_1_1;
        enqueue(ErrorResponse.of(status, reason), version, false, false);
        closeAfterFlush = true;
    }

    /** Continues after a response was queued or the socket took bytes: parse what waits, then flush. */
    private void resume() {
        try {
            if (pending != null && state == State.READING) {
                process(pending);
                if (!pending.hasRemaining()) {
                    pending = null;
                }
            }
            afterProcessing();
        } catch (IOException e) {
            log.debug("connection {} failed: {}", remote, e.toString());
            close();
        }
    }

    private void afterProcessing() throws IOException {
        if (state == State.CLOSED) {
            return;
        }
        boolean flushed = outbound.flush(channel);
        if (flushed && closeAfterFlush && state == State.READING) {
            startLinger();
            return;
        }
        if (flushed && inputClosed && state == State.READING && pending == null) {
            close();
            return;
        }
        if (!flushed) {
            arm(Deadline.WRITE);
        } else if (state == State.READING && !requestStarted) {
            if (ctx.draining && pending == null) {
                close();
                return;
            }
            if (deadline != Deadline.IDLE) {
                arm(Deadline.IDLE);
            }
        } else if (deadline == Deadline.WRITE) {
            disarm();
        }
        if (pending != null && state == State.READING && flushed && outbound.backlog() == 0) {
            resume();
            return;
        }
        updateInterest();
    }

    private void updateInterest() {
        int ops = 0;
        boolean mayRead = switch (state) {
            case READING -> !closeAfterFlush && pending == null
                    && outbound.backlog() < ctx.config.writeHighWatermark();
            case HANDLING -> pending == null || pending.remaining() < MAX_PENDING_BYTES;
            case LINGERING -> true;
            case CLOSED -> false;
        };
        if (mayRead && !inputClosed) {
            ops |= SelectionKey.OP_READ;
        }
        if (outbound.backlog() > 0) {
            ops |= SelectionKey.OP_WRITE;
        }
        if (key.isValid() && key.interestOps() != ops) {
            key.interestOps(ops);
        }
    }

    private void onInputClosed() throws IOException {
        inputClosed = true;
        boolean idle = state == State.READING && !requestStarted && outbound.backlog() == 0;
        if (state == State.LINGERING || idle || (state == State.READING && requestStarted)) {
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
        arm(Deadline.LINGER);
        updateInterest();
    }

    private void onTimeout() {
        Deadline expired = deadline;
        deadline = Deadline.NONE;
        switch (expired) {
            case HEAD, BODY -> {
                if (state == State.READING) {
                    fail(408, "request timeout");
                    resume();
                }
            }
            case IDLE, WRITE, LINGER -> close();
            case NONE -> {
            }
        }
    }

    /** Graceful shutdown: close if idle, otherwise answer what is under way with Connection: close. */
    void drain() {
        if (state == State.READING && !requestStarted && outbound.backlog() == 0) {
            close();
        } else if (state == State.READING && !requestStarted) {
            closeAfterFlush = true;
        }
    }

    boolean isOpen() {
        return !closed;
    }

    void close() {
        if (state == State.CLOSED) {
            return;
        }
        state = State.CLOSED;
        closed = true;
        disarm();
        if (key != null) {
            key.cancel();
        }
        try {
            channel.close();
        } catch (IOException e) {
            log.trace("close", e);
        }
        pending = null;
        body.release();
        outbound.release();
        current = null;
        ctx.connections.remove(this);
        ctx.counter.closed();
    }

    @Override
    public void onLoopClosing() {
        close();
    }

    private void arm(Deadline d) {
        long millis = switch (d) {
            case IDLE -> ctx.config.timeouts().idle().toMillis();
            case HEAD -> ctx.config.timeouts().requestHead().toMillis();
            case BODY -> ctx.config.timeouts().bodyRead().toMillis();
            case WRITE -> ctx.config.timeouts().write().toMillis();
            case LINGER -> ctx.config.timeouts().linger().toMillis();
            case NONE -> -1;
        };
        deadline = d;
        ctx.loop.timers().schedule(timer, millis, System.nanoTime());
    }

    private void disarm() {
        deadline = Deadline.NONE;
        ctx.loop.timers().cancel(timer);
    }

    dev.gyre.loop.EventLoop loop() {
        return ctx.loop;
    }

    @Override
    public String toString() {
        return "HttpConnection[" + remote + ", " + state + "]";
    }
}
