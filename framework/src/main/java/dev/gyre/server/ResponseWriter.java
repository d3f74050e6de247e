package dev.gyre.server;

import dev.gyre.http.ErrorResponse;
import dev.gyre.http.Headers;
import dev.gyre.http.HttpVersion;
import dev.gyre.http.RequestHead;
import dev.gyre.http.Response;
import dev.gyre.http.Upgrade;
import dev.gyre.http.codec.ResponseEncoder;
import dev.gyre.http.internal.Responses;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The writing half of {@link Http1Protocol}: turns each response into what the wire sends (encoded bytes,
 * a large body as it is, a file region, the chunks of a stream, or a 101 before an upgrade) and keeps the
 * exchange that waits to hear when it has left.
 *
 * <p>Trailers ({@link Response#trailer}) need the chunked coding: on HTTP/1.1 a whole body that has them is
 * sent as one chunk and the trailer section, a stream's trailers follow its last chunk, and a {@code HEAD} gets
 * the same chunked head alone; for HTTP/1.0, a {@code HEAD} and a status without content they are dropped unasked
 * (and, but for the {@code HEAD}, not announced: {@link dev.gyre.http.codec.ResponseEncoder} sends the
 * {@code Trailer} field only with chunked content).
 *
 * <p>It decides nothing about the connection's life: {@link #write} says which state the protocol enters,
 * and the protocol moves there. Loop thread only.
 */
final class ResponseWriter {
    private static final Logger log = LoggerFactory.getLogger(ResponseWriter.class);
    /** Bodies at least this large are written from their own array instead of being copied. */
    private static final int COPY_BODY_LIMIT = OutboundQueue.COPY_LIMIT;

    /** What the connection does after {@link #write}. */
    enum Outcome {
        /** The whole response is queued: take the next request (or close, when not kept alive). */
        QUEUED,
        /** A stream has begun: wait for its end. */
        STREAMING,
        /** A 101 is queued: hand the channel over once it is sent. */
        UPGRADING
    }

    private final Http1Protocol connection;
    private final LoopContext ctx;
    private final Connection wire;
    private ChunkedResponseStream stream;
    private boolean streamKeepAlive;
    private HttpExchange streamExchange;
    private Response streamResponse;
    /** The streamed response whose trailers follow its last chunk, or null. */
    private Response streamTrailers;
    private Upgrade upgrade;
    private HttpExchange upgradeExchange;

    ResponseWriter(Http1Protocol connection, LoopContext ctx, Connection wire) {
        this.connection = connection;
        this.ctx = ctx;
        this.wire = wire;
    }

    /** Queues {@code exchange}'s response. */
    Outcome write(HttpExchange exchange, Response response, boolean keepAlive) {
        RequestHead h = exchange.head();
        boolean omitBody = omitsBody(h, response.status());
        Upgrade next = Responses.upgrade(response);
        if (next != null && response.status() == 101) {
            ctx.encoder.encode(response, h.version(), true, true, false, wire.sink());
            upgrade = next;
            upgradeExchange = exchange;
            return Outcome.UPGRADING;
        }
        boolean chunkedForTrailers = chunkedForTrailers(h, response);
        if (response.isStreamed() && !omitBody) {
            openStream(exchange, response, keepAlive);
            streamTrailers = chunkedForTrailers ? response : null;
            return Outcome.STREAMING;
        }
        if (chunkedForTrailers && omitBody) {
            closeUnsentFile(response);
            ctx.encoder.encodeChunkedHead(response, HttpVersion.HTTP_1_1, keepAlive, wire.sink());
        } else if (chunkedForTrailers) {
            writeTrailed(exchange, response, keepAlive);
        } else {
            writeWhole(response, h.version(), keepAlive, omitBody);
        }
        awaitDelivery(exchange);
        return Outcome.QUEUED;
    }

    /** Queues {@code exchange}'s whole response of {@code status}, {@code fields} and {@code body}, without a {@link Response}. */
    void write(HttpExchange exchange, int status, Headers fields, byte[] body, boolean keepAlive) {
        RequestHead h = exchange.head();
        boolean omitBody = omitsBody(h, status);
        boolean uncopied = !omitBody && body.length >= COPY_BODY_LIMIT;
        ctx.encoder.encode(status, fields, body, h.version(), keepAlive, omitBody, !uncopied, wire.sink());
        if (uncopied) {
            wire.write(body);
        }
        awaitDelivery(exchange);
    }

    /**
     * Whether a GET for {@code head} gets {@code response} chunked because it has trailers: on HTTP/1.1, for a status
     * with content. A HEAD answer is then a chunked head too (RFC 9110 §9.3.2: the fields a GET would have), with
     * no body and no trailer section.
     */
    private static boolean chunkedForTrailers(RequestHead head, Response response) {
        return head.version() == HttpVersion.HTTP_1_1 && ResponseEncoder.hasContent(response.status())
                && !response.trailerNames().isEmpty();
    }

    /** A HEAD request gets no body, nor does a 204 or a 304. */
    private static boolean omitsBody(RequestHead head, int status) {
        return "HEAD".equals(head.method()) || status == 204 || status == 304;
    }

    /**
     * Queues a whole body with trailers: chunked, the body one chunk, then the trailer section. The trailers are
     * asked for first, so a supplier that fails turns the answer into a 500 before anything is sent.
     */
    private void writeTrailed(HttpExchange exchange, Response response, boolean keepAlive) {
        Headers trailers;
        try {
            trailers = response.trailers();
        } catch (RuntimeException e) {
            log.error("the trailers of the response to {} failed", exchange.request(), e);
            closeUnsentFile(response);
            writeWhole(ErrorResponse.of(500, "Internal Server Error"), HttpVersion.HTTP_1_1, keepAlive, false);
            return;
        }
        ctx.encoder.encodeChunkedHead(response, HttpVersion.HTTP_1_1, keepAlive, wire.sink());
        long length = response.contentLength();
        if (length > 0) {
            ctx.encoder.chunkStart(length, wire.sink());
            Response.FileRegion file = Responses.file(response);
            if (file != null) {
                wire.sendFile(file.channel(), file.position(), file.count());
            } else {
                wire.write(response.body());
            }
            ctx.encoder.chunkEnd(wire.sink());
        } else {
            closeUnsentFile(response);
        }
        ctx.encoder.lastChunk(trailers, wire.sink());
    }

    /** Queues a response whose body is whole: bytes (copied when small) or a file region. */
    void writeWhole(Response response, HttpVersion version, boolean keepAlive, boolean omitBody) {
        Response.FileRegion file = Responses.file(response);
        boolean uncopied = !omitBody && (file != null || response.body().length >= COPY_BODY_LIMIT);
        ctx.encoder.encode(response, version, keepAlive, omitBody, !uncopied, wire.sink());
        if (file != null && !omitBody) {
            wire.sendFile(file.channel(), file.position(), file.count());
        } else if (uncopied) {
            wire.write(response.body());
        } else if (file != null) {
            OutboundQueue.closeQuietly(file.channel());
        }
    }

    /** A response that will never be sent may still hold an open file. */
    static void closeUnsentFile(Response response) {
        Response.FileRegion file = Responses.file(response);
        if (file != null) {
            OutboundQueue.closeQuietly(file.channel());
        }
    }

    /** {@code exchange} hears when its last byte has left, if it asked to. */
    private void awaitDelivery(HttpExchange exchange) {
        if (exchange.wantsCompletion()) {
            wire.whenSent(exchange::completed);
        }
    }

    private void openStream(HttpExchange exchange, Response response, boolean keepAlive) {
        RequestHead h = exchange.head();
        boolean chunked = h.version() == HttpVersion.HTTP_1_1;
        streamKeepAlive = keepAlive && chunked;
        streamExchange = exchange;
        ctx.encoder.encodeChunkedHead(response, h.version(), keepAlive, wire.sink());
        stream = new ChunkedResponseStream(connection, ctx.loop, chunked, ctx.config.writeHighWatermark());
        streamResponse = response;
    }

    /**
     * Starts the producer of the stream {@link #write} opened. Called once the connection is in its
     * streaming state, since a loop producer may write, and even close, before it returns.
     */
    void startProducer() {
        Response response = streamResponse;
        streamResponse = null;
        ChunkedResponseStream s = stream;
        HttpExchange exchange = streamExchange;
        RequestHead h = exchange.head();
        if (Responses.streamProducer(response) != null) {
            try {
                Responses.streamProducer(response).accept(s);
            } catch (Throwable e) {
                log.error("stream producer failed for {}", h.target(), e);
                connection.abandon();
            }
            return;
        }
        Response.BlockingProducer producer = Responses.blockingProducer(response);
        ctx.blocking.execute(() -> {
            try {
                producer.writeTo(s.outputStream());
                s.close();
            } catch (Exception e) {
                log.debug("streamed response to {} ended early: {}", exchange.request().remoteAddress(), e.toString());
                ctx.loop.execute(() -> {
                    if (s == stream) {
                        connection.abandon();
                    }
                });
            }
        });
    }

    /** Queues a chunk of {@code s}; false when {@code s} is no longer this connection's stream. */
    boolean chunk(ChunkedResponseStream s, byte[] framed) {
        if (s != stream) {
            return false;
        }
        wire.write(framed);
        return true;
    }

    /**
     * Ends {@code s} with its terminator. Returns whether the connection may stay open after it, or
     * {@code null} when {@code s} is no longer this connection's stream.
     */
    Boolean end(ChunkedResponseStream s) {
        if (s != stream) {
            return null;
        }
        if (streamTrailers != null) {
            Response trailed = streamTrailers;
            streamTrailers = null;
            try {
                ctx.encoder.lastChunk(trailed.trailers(), wire.sink());
            } catch (RuntimeException e) {
                log.error("the trailers of the stream to {} failed; closing without its last chunk",
                        streamExchange.request(), e);
                wire.closeAfterFlush();
                return null;
            }
        } else {
            wire.sink().append(s.terminator());
        }
        stream = null;
        s.ended();
        awaitDelivery(streamExchange);
        streamExchange = null;
        return streamKeepAlive;
    }

    /** After a flush: tells a stream how much still waits, which decides its writability. */
    void flushed(long backlog) {
        if (stream != null) {
            stream.flushed(backlog);
        }
    }

    /** Graceful shutdown: a stream under way ends now, and the connection with it. */
    void drain() {
        if (stream != null) {
            streamKeepAlive = false;
            stream.close();
        }
    }

    /** Loop: the 101 has been sent; the exchange that asked for the upgrade is over. */
    HttpExchange takeUpgradeExchange() {
        HttpExchange exchange = upgradeExchange;
        upgradeExchange = null;
        return exchange;
    }

    Upgrade takeUpgrade() {
        Upgrade u = upgrade;
        upgrade = null;
        return u;
    }

    /** The connection closed: a stream under way ends, waiting exchanges are over, undelivered. */
    void closed() {
        streamTrailers = null;
        if (stream != null) {
            ChunkedResponseStream s = stream;
            stream = null;
            s.ended();
        }
        for (HttpExchange e : new HttpExchange[] {streamExchange, upgradeExchange}) {
            if (e != null) {
                e.completed(false);
            }
        }
        streamExchange = null;
        upgradeExchange = null;
    }
}
