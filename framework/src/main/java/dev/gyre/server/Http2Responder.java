package dev.gyre.server;

import dev.gyre.http.ErrorResponse;
import dev.gyre.http.Headers;
import dev.gyre.http.Response;
import dev.gyre.http.codec.ResponseEncoder;
import dev.gyre.http.internal.Responses;
import dev.gyre.http2.Http2ErrorCode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.ArrayDeque;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The response side of one HTTP/2 stream: turns a {@link Response} into HEADERS and DATA within the peer's
 * windows, and feeds the stream as the windows open ({@link #onWritable}).
 *
 * <pre>
 *   IDLE ── send(bytes / HEAD / 1xx-free status) ─────────────────────────────────▶ DONE
 *     │  ── send(file) ───▶ FILE ── each onWritable: next pieces ── last piece ──▶ DONE
 *     └─ ── send(stream) ─▶ STREAM ── producer writes (held while the engine is full) ── close ▶ DONE
 *     STREAM ── drain (server stopping): the stream is closed, END_STREAM after what was held ──▶ DONE
 *   any ── reset / connection closed ──▶ DONE (the stream's producer sees it closed)
 *   with trailers, every "──▶ DONE" above that ends a body: no END_STREAM on the last DATA, then
 *     sendTrailers: HEADERS + END_STREAM queued behind the DATA ──▶ DONE   (supplier throws: RST_STREAM ──▶ DONE)
 * </pre>
 *
 * <p><b>Files</b> are copied: HTTP/2 frames every byte of a body, so a file region is read through the heap in
 * pieces of {@value #FILE_PIECE} bytes, on the loop, only as fast as the stream may send (zero-copy
 * {@code sendfile} cannot put frame headers between the file's bytes). <b>Streams</b> use the same
 * {@link ChunkedResponseStream} as HTTP/1.1, unframed: each write becomes DATA; while the engine refuses more
 * (its queue for the stream is full because the peer's window is shut or the socket is slow) writes are held
 * here and the stream reports itself unwritable, so a producer that minds {@code isWritable} holds the
 * peer-never-reads case to about one high watermark per stream.
 *
 * <p><b>Trailers</b> ({@link Response#trailer}) end the stream instead of an END_STREAM on the last DATA: the
 * engine queues the trailing HEADERS behind every DATA byte of the stream, so they leave only once the peer's
 * windows let the whole body out. A whole body's trailers are asked for before its head (one that throws makes
 * the answer a 500), a stream's when it is closed (one that throws resets the stream with INTERNAL_ERROR).
 * A {@code HEAD} request and a status without content drop them unasked; the HEAD answer still has the GET's
 * {@code trailer} field, a status without content none ({@link Http2Heads#response}). Loop thread only.
 */
final class Http2Responder implements ResponseStreamOwner {
    private static final Logger log = LoggerFactory.getLogger(Http2Responder.class);
    /** The largest piece of a file read at once: two DATA frames of the default size. */
    static final int FILE_PIECE = 32 * 1024;
    private static final ByteBuffer EMPTY = ByteBuffer.allocate(0);

    private enum State { IDLE, FILE, STREAM, DONE }

    private final Http2ServerStream stream;
    private State state = State.IDLE;
    private FileChannel file;
    private long filePosition;
    private long fileEnd;
    private ChunkedResponseStream body;
    private final ArrayDeque<byte[]> held = new ArrayDeque<>(0);
    private long heldBytes;
    private boolean engineWritable = true;
    private boolean endPending;
    /** The response whose trailers end the body, while they are not sent; null for one without. */
    private Response trailed;
    /** A whole body's trailers, asked for before its head. */
    private Headers trailers;

    Http2Responder(Http2ServerStream stream) {
        this.stream = stream;
    }

    /** Whether the whole response has been handed to the engine (or given up). */
    boolean isDone() {
        return state == State.DONE;
    }

    /** Whether the response is a stream that has not ended. */
    boolean streaming() {
        return state == State.STREAM;
    }

    /** Whether a response has begun on this stream. */
    boolean started() {
        return state != State.IDLE;
    }

    /** Sends {@code response}; a HEAD request's answer and 204/304 carry no body. */
    void send(Response response, boolean headRequest, Http2Protocol protocol) {
        int status = response.status();
        boolean hasContent = ResponseEncoder.hasContent(status);
        boolean omitBody = headRequest || !hasContent;
        if (!omitBody && !response.trailerNames().isEmpty()) {
            trailed = response;
            if (!response.isStreamed()) {
                try {
                    trailers = response.trailers();
                } catch (RuntimeException e) {
                    log.error("the trailers of the response on {} failed", stream, e);
                    ResponseWriter.closeUnsentFile(response);
                    trailed = null;
                    send(ErrorResponse.of(500, "Internal Server Error"), headRequest, protocol);
                    return;
                }
            }
        }
        Headers headers = protocol.responseHeaders(response, hasContent);
        int id = stream.id;
        if (response.isStreamed() && !omitBody) {
            protocol.engine.sendHeaders(id, status, headers, false);
            state = State.STREAM;
            body = new ChunkedResponseStream(this, protocol.ctx.loop, false, protocol.ctx.config.writeHighWatermark());
            produce(response, protocol);
            return;
        }
        Response.FileRegion region = Responses.file(response);
        if (region != null && !omitBody && region.count() > 0) {
            protocol.engine.sendHeaders(id, status, headers, false);
            state = State.FILE;
            file = region.channel();
            filePosition = region.position();
            fileEnd = region.position() + region.count();
            sendFile();
            return;
        }
        ResponseWriter.closeUnsentFile(response);
        byte[] bytes = omitBody ? null : response.body();
        state = State.DONE;
        if ((bytes == null || bytes.length == 0) && trailed == null) {
            protocol.engine.sendHeaders(id, status, headers, true);
        } else {
            protocol.engine.sendHeaders(id, status, headers, false);
            if (bytes != null && bytes.length > 0) {
                engineWritable = stream.sendData(ByteBuffer.wrap(bytes), trailed == null);
            }
            sendTrailers();
        }
    }

    /**
     * Ends the body with its trailers, queued behind its DATA, when it has some; a stream's are asked for now.
     * With no field left (every supplier gave null) the trailing HEADERS is empty, which still ends the stream.
     */
    private void sendTrailers() {
        if (trailed == null) {
            return;
        }
        Response response = trailed;
        trailed = null;
        Headers fields = trailers;
        trailers = null;
        if (fields == null) {
            try {
                fields = response.trailers();
            } catch (RuntimeException e) {
                log.error("the trailers of the stream on {} failed; resetting it", stream, e);
                stream.resetHere(Http2ErrorCode.INTERNAL_ERROR);
                return;
            }
        }
        stream.sendTrailers(fields);
    }

    private void produce(Response response, Http2Protocol protocol) {
        ChunkedResponseStream s = body;
        if (Responses.streamProducer(response) != null) {
            try {
                Responses.streamProducer(response).accept(s);
            } catch (Throwable e) {
                log.error("stream producer failed for {}", stream, e);
                abandon();
            }
            return;
        }
        Response.BlockingProducer producer = Responses.blockingProducer(response);
        protocol.ctx.blocking.execute(() -> {
            try {
                producer.writeTo(s.outputStream());
                s.close();
            } catch (Exception e) {
                log.debug("streamed response on {} ended early: {}", stream, e.toString());
                protocol.ctx.loop.execute(() -> {
                    if (s == body) {
                        abandon();
                    }
                });
            }
        });
    }

    private void sendFile() {
        try {
            while (engineWritable && filePosition < fileEnd) {
                ByteBuffer piece = ByteBuffer.allocate((int) Math.min(FILE_PIECE, fileEnd - filePosition));
                while (piece.hasRemaining()) {
                    int n = file.read(piece, filePosition + piece.position());
                    if (n < 0) {
                        throw new IOException("the file shrank while it was being sent");
                    }
                }
                filePosition += piece.flip().remaining();
                boolean last = filePosition == fileEnd;
                engineWritable = stream.sendData(piece, last && trailed == null);
                if (last) {
                    sendTrailers();
                }
            }
        } catch (IOException e) {
            log.debug("file response on {} failed: {}", stream, e.toString());
            abandon();
            return;
        }
        if (filePosition == fileEnd) {
            closeFile();
            state = State.DONE;
        }
    }

    @Override
    public void streamChunk(ChunkedResponseStream s, byte[] framed) {
        if (s != body) {
            return;
        }
        if (engineWritable && held.isEmpty()) {
            engineWritable = stream.sendData(ByteBuffer.wrap(framed), false);
        } else {
            held.add(framed);
            heldBytes += framed.length;
        }
        reportBacklog();
        stream.sent();
    }

    @Override
    public void streamEnd(ChunkedResponseStream s) {
        if (s != body) {
            return;
        }
        endPending = true;
        drainHeld();
        stream.sent();
    }

    /** Graceful shutdown: a streamed body is closed, so its END_STREAM follows what was written before. */
    void drain() {
        if (state == State.STREAM && body != null) {
            body.close();
        }
    }

    /** The stream may take more data again. */
    void onWritable() {
        engineWritable = true;
        if (state == State.FILE) {
            sendFile();
        } else if (state == State.STREAM) {
            drainHeld();
        }
    }

    private void drainHeld() {
        while (engineWritable && !held.isEmpty()) {
            byte[] next = held.poll();
            heldBytes -= next.length;
            engineWritable = stream.sendData(ByteBuffer.wrap(next), false);
        }
        if (held.isEmpty() && endPending && engineWritable) {
            if (trailed != null) {
                sendTrailers();
            } else {
                stream.sendData(EMPTY, true);
            }
            finishStream();
            return;
        }
        reportBacklog();
    }

    /** Writable while what waits here and in the engine stays under the high watermark. */
    private void reportBacklog() {
        if (body != null) {
            body.flushed(heldBytes + (engineWritable ? 0 : stream.highWatermark()));
        }
    }

    /** A producer's callback failed, or its file broke, mid-response: the stream is reset, the connection lives. */
    @Override
    public void abandon() {
        if (state == State.DONE) {
            return;
        }
        stream.resetHere(Http2ErrorCode.INTERNAL_ERROR);
    }

    /** The stream is gone (reset either way, or the connection closed): nothing more is sent. */
    void stopped() {
        closeFile();
        finishStream();
        held.clear();
        heldBytes = 0;
    }

    private void finishStream() {
        state = State.DONE;
        if (body != null) {
            ChunkedResponseStream s = body;
            body = null;
            s.ended();
        }
    }

    private void closeFile() {
        if (file != null) {
            try {
                file.close();
            } catch (IOException e) {
                log.debug("closing a sent file", e);
            }
            file = null;
        }
    }
}
