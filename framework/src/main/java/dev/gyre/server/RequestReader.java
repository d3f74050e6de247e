package dev.gyre.server;

import dev.gyre.http.BodyTooLargeException;
import dev.gyre.http.ErrorResponse;
import dev.gyre.http.HttpVersion;
import dev.gyre.http.Request;
import dev.gyre.http.RequestHead;
import dev.gyre.http.codec.RequestParser;
import dev.gyre.http.internal.Peer;
import dev.gyre.http.internal.Requests;
import dev.gyre.http.Response;
import dev.gyre.connection.Wire;
import dev.gyre.loop.TransferClock;
import dev.gyre.server.RequestDeadline.Kind;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * The reading half of {@link Http1Protocol}: feeds the bytes read to the parser, turns its events into a
 * request to dispatch, the pieces of a body, or a refusal, and keeps the input it may not parse yet (the
 * rest of a cut request, or requests pipelined behind the one in flight). The HTTP rules of a request's
 * arrival live here: {@code Expect} (100-continue, else 417), a route's early answer before the body, the
 * limits and budget of buffered bodies.
 *
 * <p>It decides nothing about the connection's life: the protocol says when a request may begin
 * ({@link Http1Protocol#acceptsInput}, {@link Http1Protocol#awaitsRequest}), and is told what to do
 * next ({@link Http1Protocol#dispatch}, {@link Http1Protocol#refuse}). It owns the request deadlines
 * (head and body) while a request arrives. Loop thread only.
 */
final class RequestReader {
    private static final byte[] CONTINUE = "HTTP/1.1 100 Continue\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
    /** Input kept while a request is handled; more waits in the socket (input backpressure). */
    static final int MAX_PENDING_BYTES = 64 * 1024;
    /** How much of a streamed request body may wait for its handler. */
    private static final int BODY_WINDOW = 64 * 1024;
    /** No input; never written, so one is shared by every loop. */
    private static final ByteBuffer NOTHING = ByteBuffer.allocate(0).asReadOnlyBuffer();

    private final Http1Protocol connection;
    private final LoopContext ctx;
    private final RequestDeadline deadline;
    /** The connection as each of its requests reports it; one for all of them. */
    private final Peer peer;
    private final RequestParser parser;
    private final BodyAccumulator body;
    private final TransferClock bodyClock;

    private ByteBuffer pending;
    private boolean requestStarted;
    private boolean processing;
    private RequestHead head;
    private RequestBodyPipe bodyPipe;
    private boolean bodyPaused;

    RequestReader(Http1Protocol connection, LoopContext ctx, RequestDeadline deadline, Wire wire) {
        this.connection = connection;
        this.ctx = ctx;
        this.deadline = deadline;
        this.peer = new Peer(wire.remote(), wire.tls());
        this.parser = new RequestParser(ctx.config.limits(), ctx.strings);
        this.bodyClock = new TransferClock(ctx.config.timeouts().minRequestBodyRate());
        this.body = new BodyAccumulator(ctx.bodyBudget);
    }

    /**
     * Parses what it may of {@code in}, after any input kept before, and keeps the rest: {@code in} is
     * the loop's shared buffer, which the next read of any connection overwrites.
     */
    void read(ByteBuffer in) {
        if (pending != null) {
            keep(in);
            parsePending();
        } else {
            parse(in);
            if (in.hasRemaining() && connection.isOpen()) {
                keep(in);
            }
        }
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

    /**
     * Parses the input kept before, as far as the connection lets it. With none kept, the parser is still
     * asked once when a request is open: a body whose last piece filled the window paused the parsing
     * before the parser could report its end, and that end needs no more bytes.
     */
    void parsePending() {
        parse(pending != null ? pending : NOTHING);
        if (pending != null && !pending.hasRemaining()) {
            pending = null;
        }
    }

    /** Whether the parser may consume input now: a new request, or the body of a streamed one. */
    boolean canParse() {
        if (!connection.acceptsInput()) {
            return false;
        }
        if (bodyPipe != null) {
            return !bodyPaused;
        }
        return connection.awaitsRequest();
    }

    /**
     * Parses and handles requests from {@code in} while the connection may. A head without a body may
     * report its END only on the following call, so the parser is asked again while a head is open
     * even when no bytes are left.
     *
     * <p>The head deadline is armed only when a head is cut short ({@code NEED_MORE} before its end): a
     * head that arrived whole needs no timer, so a pipelined batch reads no clock and moves no timer per
     * request. It counts from when the head's first bytes are parsed, as before; until then the
     * idle deadline stays armed, and {@link #onEnd} or a body's deadline replaces it.
     */
    private void parse(ByteBuffer in) {
        processing = true;
        try {
            while (canParse()) {
                if (!in.hasRemaining() && head == null) {
                    return;
                }
                requestStarted = true;
                switch (parser.next(in)) {
                    case NEED_MORE -> {
                        if (head == null && !deadline.is(Kind.HEAD)) {
                            deadline.arm(Kind.HEAD);
                        }
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
        if (expect != null && !head.expectContinue() && head.version() == HttpVersion.HTTP_1_1) {
            fail(417, "unsupported expectation: " + expect, "HEAD".equals(head.method()));
            return;
        }
        if (head.expectContinue()) {
            Response early = ctx.handler.screen(head);
            if (early != null) {
                refuse(early, head.version(), "HEAD".equals(head.method()));
                return;
            }
        }
        bodyClock.start(System.nanoTime());
        deadline.arm(Kind.BODY, bodyClock);
        if (ctx.handler.streamsBody(head)) {
            bodyPipe = new RequestBodyPipe(ctx.loop, BODY_WINDOW, this::resumeBody,
                    head.expectContinue() ? this::sendContinue : null);
            connection.dispatch(Requests.streamed(head, bodyPipe, peer));
            return;
        }
        if (!BodyAccumulator.fits(head.contentLength())) {
            fail(413, "request body too large to buffer", "HEAD".equals(head.method()));
            return;
        }
        if (ctx.bodyBudget.exhausted()
                || (head.expectContinue() && !ctx.bodyBudget.hasRoomFor(head.contentLength()))) {
            refuseOverBudget();
            return;
        }
        body.start(head.contentLength());
        if (head.expectContinue()) {
            sendContinue();
        }
    }

    private void onBody() {
        bodyClock.add(parser.body().remaining());
        deadline.arm(Kind.BODY, bodyClock);
        if (bodyPipe != null) {
            bodyPaused = !bodyPipe.offer(parser.body());
            if (bodyPaused) {
                deadline.disarm();
            }
        } else {
            switch (body.append(parser.body())) {
                case OK -> { }
                case TOO_LARGE -> {
                    body.release();
                    fail(413, "request body too large to buffer", "HEAD".equals(head.method()));
                }
                case OVER_BUDGET -> {
                    body.release();
                    refuseOverBudget();
                }
            }
        }
    }

    private void onEnd() {
        requestStarted = false;
        bodyClock.stop();
        RequestHead requestHead = head;
        head = null;
        if (bodyPipe != null) {
            RequestBodyPipe pipe = bodyPipe;
            bodyPipe = null;
            if (deadline.is(Kind.BODY)) {
                deadline.disarm();
            }
            pipe.end(parser.trailers());
            return;
        }
        deadline.disarm();
        Request request = Requests.whole(requestHead, body.take(), peer);
        Requests.trailers(request, parser.trailers());
        connection.dispatch(request);
    }

    private void onParseError() {
        if (bodyPipe != null) {
            failBody(parser.errorStatus() == 413 ? new BodyTooLargeException(parser.errorReason())
                    : new IOException("malformed request body: " + parser.errorReason()));
            connection.closeWhenFlushed();
            return;
        }
        fail(parser.errorStatus(), parser.errorReason(), parser.errorInHeadRequest());
    }

    /** Loop: the body is wanted (at once when whole, at the handler's first read when streamed). */
    private void sendContinue() {
        connection.sendInterim(CONTINUE);
        restartBodyClock();
    }

    /** The client was told to send (a 100) or may send again (a paused body resumed): its rate counts from now. */
    private void restartBodyClock() {
        if (head != null) {
            bodyClock.start(System.nanoTime());
            deadline.arm(Kind.BODY, bodyClock);
        }
    }

    /** Loop: the handler has read enough of a paused streamed body; read on. */
    private void resumeBody() {
        if (bodyPipe != null && bodyPaused) {
            bodyPaused = false;
            restartBodyClock();
            connection.resume();
        }
    }

    /** Answers a request the server refuses, then closes. A HEAD request's answer has no body. */
    private void fail(int status, String reason, boolean headRequest) {
        refuse(ErrorResponse.of(status, reason), HttpVersion.HTTP_1_1, headRequest);
    }

    /** Gives up on the request before its body is read: answers it (an error, or a route's early answer). */
    private void refuse(Response response, HttpVersion version, boolean headRequest) {
        deadline.disarm();
        bodyClock.stop();
        body.release();
        requestStarted = false;
        head = null;
        connection.refuse(response, version, headRequest);
    }

    /** The server holds as many arriving bodies as its budget allows: 503, try again in a second, and close. */
    private void refuseOverBudget() {
        Response busy = ErrorResponse.of(503, "too many request bodies arriving at once").header("Retry-After", "1");
        refuse(busy, HttpVersion.HTTP_1_1, "HEAD".equals(head.method()));
    }

    /** Loop: the request head or whole body took too long; answer 408 and close. */
    void timedOut() {
        fail(408, "request timeout", head != null && "HEAD".equals(head.method()));
    }

    private void failBody(IOException cause) {
        bodyPipe.fail(cause);
        bodyPipe = null;
    }

    /**
     * The response left before its handler read the whole streamed body: the handler's reads fail, and
     * the rest of the body is never parsed. Returns whether there was such a body, since the connection
     * cannot then be kept alive.
     */
    boolean abandonBody() {
        if (bodyPipe == null) {
            return false;
        }
        failBody(new IOException("the response was sent before the body was read"));
        return true;
    }

    /** The client sent FIN: returns whether a streamed body was still arriving, which now fails. */
    boolean inputEnded() {
        if (bodyPipe == null) {
            return false;
        }
        bodyPipe.fail(new IOException("the client closed the connection before the body was complete"));
        return true;
    }

    /** Whether a request has begun to arrive and is not yet whole (or refused). */
    boolean requestStarted() {
        return requestStarted;
    }

    /** Whether the handler of the request in flight reads its body as it arrives. */
    boolean streamsBody() {
        return bodyPipe != null;
    }

    /** Whether the parse loop is running: an answer given from inside it is flushed after it, in one batch. */
    boolean isProcessing() {
        return processing;
    }

    boolean hasPending() {
        return pending != null;
    }

    /**
     * Whether to read the socket while a request is handled: a streamed body while its window has room;
     * otherwise input is kept (so that a client that leaves is noticed) up to {@link #MAX_PENDING_BYTES}.
     */
    boolean readsWhileHandling() {
        return bodyPipe != null
                ? !bodyPaused && pending == null
                : pending == null || pending.remaining() < MAX_PENDING_BYTES;
    }

    /** The bytes read after a request that upgrades; they belong to the new protocol. */
    ByteBuffer takeUnparsed() {
        ByteBuffer leftover = pending != null ? pending : ByteBuffer.allocate(0);
        pending = null;
        return leftover;
    }

    /** Every response so far is written: the bodies of those exchanges give their budget back. */
    void exchangesEnded() {
        body.releaseTaken();
    }

    /** The connection closed: a streamed body fails, and input and body bytes are dropped. */
    void closed() {
        if (bodyPipe != null) {
            failBody(new IOException("the connection closed"));
        }
        pending = null;
        body.release();
    }
}
