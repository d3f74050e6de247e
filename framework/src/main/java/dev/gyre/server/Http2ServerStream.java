package dev.gyre.server;

import dev.gyre.http.ErrorResponse;
import dev.gyre.http.Headers;
import dev.gyre.http.Request;
import dev.gyre.http.RequestHead;
import dev.gyre.http.Response;
import dev.gyre.http.internal.ParsedHeaders;
import dev.gyre.http.internal.Requests;
import dev.gyre.http2.Http2ErrorCode;
import dev.gyre.loop.EventLoop;
import dev.gyre.loop.TimerWheel;
import dev.gyre.loop.TransferClock;
import java.io.IOException;
import java.nio.ByteBuffer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One HTTP/2 stream on the server, from its request head to the end of its response: the request side here (a
 * buffered or a streamed body, {@code 100 Continue}, the body deadline, the handler's dispatch), the response
 * side in its {@link Http2Responder}.
 *
 * <pre>
 *   head ─┬─ no body ────────────────────────────────▶ DISPATCHED ── respond ──▶ ANSWERING ── framed, flushed ─▶ DELIVERED
 *         ├─ body, handler reads it whole ─▶ BUFFERING ── END_STREAM ─▶ DISPATCHED
 *         ├─ body, handler streams it ─────────────────────────────────▶ DISPATCHED (body through a RequestBodyPipe)
 *         └─ refused (413, 417, 501, 503, screen) ────────────────────────────────────▶ ANSWERING
 *   any ── RST_STREAM either way, body too slow, connection closed ──▶ GONE (exchange undelivered)
 * </pre>
 *
 * <p>Flow control follows the handler: a streamed body's window reopens as the handler takes its bytes (the
 * pipe reports them), so a slow handler holds back its own stream only; a buffered body's window reopens as its
 * bytes are copied into the body, which the server's body budget bounds (as HTTP/1.1's). A response that
 * leaves before the body was read ends the body with an error for the handler, and once the response is framed
 * the stream is reset with NO_ERROR (RFC 9113 §8.1) so the client stops sending. Loop thread only, except
 * {@link #isOpen}.
 */
final class Http2ServerStream {
    private static final Logger log = LoggerFactory.getLogger(Http2ServerStream.class);
    private static final byte[] NO_BODY = new byte[0];
    private static final Headers NO_TRAILERS = ParsedHeaders.none();

    final int id;
    private final Http2Protocol protocol;
    private final RequestHead head;
    private final Http2Responder responder = new Http2Responder(this);
    private final TransferClock bodyClock;
    private TimerWheel.Timer bodyTimer;
    private BodyAccumulator body;
    private RequestBodyPipe pipe;
    private long received;
    private Http2Exchange exchange;
    private volatile boolean open = true;

    Http2ServerStream(Http2Protocol protocol, int id, RequestHead head) {
        this.protocol = protocol;
        this.id = id;
        this.head = head;
        this.bodyClock = new TransferClock(protocol.ctx.config.timeouts().minRequestBodyRate());
    }

    EventLoop loop() {
        return protocol.ctx.loop;
    }

    boolean isOpen() {
        return open && protocol.isOpen();
    }

    /** The request head has arrived; {@code endStream} says it has no body. */
    void begin(boolean endStream) {
        LoopContext ctx = protocol.ctx;
        if ("CONNECT".equals(head.method())) {
            answerEarly(ErrorResponse.of(501, "CONNECT is not supported"));
            return;
        }
        if (endStream) {
            dispatch(Requests.whole(head, NO_BODY, protocol.peer()));
            return;
        }
        String expect = head.headers().get("expect");
        if (expect != null && !head.expectContinue()) {
            answerEarly(ErrorResponse.of(417, "unsupported expectation: " + expect));
            return;
        }
        if (head.contentLength() > ctx.config.limits().maxBodySize()) {
            answerEarly(ErrorResponse.of(413, "request body too large"));
            return;
        }
        if (head.expectContinue()) {
            Response early = ctx.handler.screen(head);
            if (early != null) {
                answerEarly(early);
                return;
            }
        }
        startBodyClock();
        if (ctx.handler.streamsBody(head)) {
            pipe = new RequestBodyPipe(ctx.loop, protocol.engineWindow(), () -> { },
                    head.expectContinue() ? this::sendContinue : null, this::taken);
            dispatch(Requests.streamed(head, pipe, protocol.peer()));
            return;
        }
        if (ctx.bodyBudget.exhausted()
                || (head.expectContinue() && !ctx.bodyBudget.hasRoomFor(head.contentLength()))) {
            answerEarly(ErrorResponse.of(503, "too many request bodies arriving at once").header("Retry-After", "1"));
            return;
        }
        body = new BodyAccumulator(ctx.bodyBudget);
        body.start(head.contentLength());
        if (head.expectContinue()) {
            sendContinue();
        }
    }

    /** A piece of the request body; {@code end} ends the request (END_STREAM without trailers). */
    void data(ByteBuffer data, boolean end) {
        data(data, end, NO_TRAILERS);
    }

    /** The request's trailers, which end it; the handler finds them in {@link Request#trailers()}. */
    void trailers(Headers trailers) {
        data(ByteBuffer.allocate(0), true, ParsedHeaders.readOnlyCopy(trailers));
    }

    private void data(ByteBuffer data, boolean end, Headers trailers) {
        int n = data.remaining();
        received += n;
        if (pipe != null) {
            pipe.offer(data);
            if (end) {
                pipe.end(trailers);
                stopBodyClock();
            } else {
                bodyArrived(n);
            }
            return;
        }
        protocol.engine.consumed(id, n);
        if (body == null) {
            return;
        }
        if (received > protocol.ctx.config.limits().maxBodySize()) {
            answerEarly(ErrorResponse.of(413, "request body too large"));
            return;
        }
        switch (body.append(data)) {
            case OK -> { }
            case TOO_LARGE -> {
                answerEarly(ErrorResponse.of(413, "request body too large to buffer"));
                return;
            }
            case OVER_BUDGET -> {
                answerEarly(ErrorResponse.of(503, "too many request bodies arriving at once")
                        .header("Retry-After", "1"));
                return;
            }
        }
        if (end) {
            stopBodyClock();
            Request request = Requests.whole(head, body.take(), protocol.peer());
            Requests.trailers(request, trailers);
            dispatch(request);
        } else {
            bodyArrived(n);
        }
    }

    /** Runs the handler; one that throws is answered 500, as on HTTP/1.1. */
    void dispatch(Request request) {
        exchange = new Http2Exchange(this, request);
        try {
            protocol.ctx.handler.handle(exchange);
        } catch (Throwable t) {
            log.error("handler failed for {}", request, t);
            exchange.respond(ErrorResponse.of(500, "Internal Server Error"));
        }
    }

    /** Loop: the handler's answer. */
    void respond(Response response) {
        if (!open || responder.started()) {
            ResponseWriter.closeUnsentFile(response);
            return;
        }
        if (pipe != null && protocol.engine.receiving(id)) {
            pipe.fail(new IOException("the response was sent before the body was read"));
            pipe = null;
        }
        send(response);
    }

    /** Answers without a handler (a refusal, a screen's answer); the rest of the body is dropped. */
    private void answerEarly(Response response) {
        stopBodyClock();
        releaseBody();
        if (!responder.started()) {
            send(response);
        }
    }

    private void send(Response response) {
        try {
            responder.send(response, "HEAD".equals(head.method()), protocol);
        } catch (RuntimeException e) {
            log.error("could not send the response to {}", this, e);
            resetHere(Http2ErrorCode.INTERNAL_ERROR);
        }
        sent();
    }

    /** Something was handed to the engine outside its own events: let it out. */
    void sent() {
        protocol.afterEvent();
    }

    /** Hands body bytes to the engine; {@code false} means wait for {@link #onWritable}. */
    boolean sendData(ByteBuffer data, boolean end) {
        return protocol.engine.sendData(id, data, end);
    }

    /** Ends the response with trailing HEADERS, which the engine sends after every DATA byte given before. */
    void sendTrailers(Headers trailers) {
        protocol.engine.sendTrailers(id, trailers);
    }

    long highWatermark() {
        return protocol.ctx.config.writeHighWatermark();
    }

    void onWritable() {
        responder.onWritable();
    }

    /** Graceful shutdown: a streamed response ends here (its producer sees the stream closed). */
    void drain() {
        responder.drain();
    }

    /** Whether the response is a stream its producer is still writing. */
    boolean streaming() {
        return responder.streaming();
    }

    /** Whether the response is wholly in the engine's hands. */
    boolean answered() {
        return responder.isDone();
    }

    private void sendContinue() {
        if (open && !responder.started()) {
            protocol.engine.sendHeaders(id, 100, new Headers(), false);
            startBodyClock();
            sent();
        }
    }

    /** The handler took {@code n} bytes of a streamed body: the client may send that much more. */
    private void taken(int n) {
        if (open) {
            protocol.engine.consumed(id, n);
            startBodyClock();
            sent();
        }
    }

    private void startBodyClock() {
        bodyClock.start(System.nanoTime());
        armBodyTimer();
    }

    private void bodyArrived(int n) {
        bodyClock.add(n);
        armBodyTimer();
    }

    private void armBodyTimer() {
        TimerWheel timers = protocol.ctx.loop.timers();
        if (bodyTimer == null) {
            bodyTimer = timers.newTimer(this::bodyTooSlow);
        }
        long now = System.nanoTime();
        long pause = protocol.ctx.config.timeouts().bodyRead().toMillis();
        timers.schedule(bodyTimer, Math.min(pause, bodyClock.millisUntilTooSlow(now)), now);
    }

    private void stopBodyClock() {
        bodyClock.stop();
        if (bodyTimer != null) {
            protocol.ctx.loop.timers().cancel(bodyTimer);
        }
    }

    /** The body paused too long or came too slowly: 408 if its handler has not started, else the stream is reset. */
    private void bodyTooSlow() {
        if (!open) {
            return;
        }
        if (exchange == null) {
            answerEarly(ErrorResponse.of(408, "request timeout"));
            return;
        }
        if (pipe != null) {
            pipe.fail(new IOException("the request body arrived too slowly"));
        }
        resetHere(Http2ErrorCode.CANCEL);
    }

    /** Resets the stream from this side; its exchange ends undelivered. */
    void resetHere(Http2ErrorCode code) {
        protocol.engine.reset(id, code);
        protocol.forget(this);
        gone(new IOException("the stream was reset"));
        sent();
    }

    /** The stream's last frame reached the socket. */
    void delivered() {
        end(true);
    }

    /** RST_STREAM either way, or the connection closed: {@code cause} is what a reading handler sees. */
    void gone(IOException cause) {
        if (pipe != null) {
            pipe.fail(cause);
        }
        responder.stopped();
        end(false);
    }

    private void end(boolean wasDelivered) {
        open = false;
        stopBodyClock();
        releaseBody();
        if (exchange != null) {
            exchange.completed(wasDelivered);
        }
    }

    private void releaseBody() {
        if (body != null) {
            body.release();
            body = null;
        }
    }

    @Override
    public String toString() {
        return "h2 stream " + id + " of " + protocol.peer().address() + " (" + head.method() + " " + head.target() + ")";
    }
}
