package dev.gyre.server;

import dev.gyre.http.HttpVersion;
import dev.gyre.http.RequestHead;
import dev.gyre.http.Response;
import dev.gyre.http.Upgrade;
import dev.gyre.transport.Transport;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The writing half of an {@link HttpConnection}: turns each response into what the outbound queue sends
 * (encoded bytes, an uncopied large body, a file region, the chunks of a stream, or a 101 before an
 * upgrade) and keeps the exchange that waits to hear when it has left.
 *
 * <p>It decides nothing about the connection's life: {@link #write} says which state the connection
 * enters, and the connection moves there. Loop thread only.
 */
final class ResponseWriter {
    private static final Logger log = LoggerFactory.getLogger(ResponseWriter.class);
    /** Bodies at least this large are written from their own array instead of being copied. */
    static final int COPY_BODY_LIMIT = 16 * 1024;

    /** What the connection does after {@link #write}. */
    enum Outcome {
        /** The whole response is queued: take the next request (or close, when not kept alive). */
        QUEUED,
        /** A stream has begun: wait for its end. */
        STREAMING,
        /** A 101 is queued: hand the channel over once it is sent. */
        UPGRADING
    }

    private final HttpConnection connection;
    private final LoopContext ctx;
    private final OutboundQueue outbound;
    private ChunkedResponseStream stream;
    private boolean streamKeepAlive;
    private HttpExchange streamExchange;
    private Response streamResponse;
    private Upgrade upgrade;
    private HttpExchange upgradeExchange;

    ResponseWriter(HttpConnection connection, LoopContext ctx, OutboundQueue outbound) {
        this.connection = connection;
        this.ctx = ctx;
        this.outbound = outbound;
    }

    /** Queues {@code exchange}'s response. */
    Outcome write(HttpExchange exchange, Response response, boolean keepAlive) {
        RequestHead h = exchange.head();
        boolean omitBody = "HEAD".equals(h.method()) || response.status() == 204 || response.status() == 304;
        if (response.upgrade() != null && response.status() == 101) {
            ctx.encoder.encode(response, h.version(), true, true, false, outbound.sink());
            upgrade = response.upgrade();
            upgradeExchange = exchange;
            return Outcome.UPGRADING;
        }
        if (response.isStreamed() && !omitBody) {
            openStream(exchange, response, keepAlive);
            return Outcome.STREAMING;
        }
        writeWhole(response, h.version(), keepAlive, omitBody);
        outbound.awaitDelivery(exchange);
        return Outcome.QUEUED;
    }

    /** Queues a response whose body is whole: bytes (copied when small) or a file region. */
    void writeWhole(Response response, HttpVersion version, boolean keepAlive, boolean omitBody) {
        Response.FileRegion file = response.file();
        boolean uncopied = !omitBody && (file != null || response.body().length >= COPY_BODY_LIMIT);
        ctx.encoder.encode(response, version, keepAlive, omitBody, !uncopied, outbound.sink());
        if (file != null && !omitBody) {
            outbound.appendFile(file);
        } else if (uncopied) {
            outbound.appendUncopied(response.body());
        } else {
            closeUnsentFile(response);
        }
    }

    /** A response that will never be sent may still hold an open file. */
    static void closeUnsentFile(Response response) {
        if (response.file() != null) {
            try {
                response.file().channel().close();
            } catch (IOException e) {
                log.debug("closing an unsent file", e);
            }
        }
    }

    private void openStream(HttpExchange exchange, Response response, boolean keepAlive) {
        RequestHead h = exchange.head();
        boolean chunked = h.version() == HttpVersion.HTTP_1_1;
        streamKeepAlive = keepAlive && chunked;
        streamExchange = exchange;
        ctx.encoder.encodeChunkedHead(response, h.version(), keepAlive, outbound.sink());
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
        if (response.streamProducer() != null) {
            try {
                response.streamProducer().accept(s);
            } catch (Throwable e) {
                log.error("stream producer failed for {}", h.target(), e);
                connection.close();
            }
            return;
        }
        Response.BlockingProducer producer = response.blockingProducer();
        ctx.blocking.execute(() -> {
            try {
                producer.writeTo(s.outputStream());
                s.close();
            } catch (Exception e) {
                log.debug("streamed response to {} ended early: {}", exchange.request().remoteAddress(), e.toString());
                ctx.loop.execute(() -> {
                    if (s == stream) {
                        connection.close();
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
        if (framed.length >= COPY_BODY_LIMIT) {
            outbound.appendUncopied(framed);
        } else {
            outbound.sink().append(framed);
        }
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
        outbound.sink().append(s.terminator());
        stream = null;
        s.ended();
        outbound.awaitDelivery(streamExchange);
        streamExchange = null;
        return streamKeepAlive;
    }

    /** After each flush: tells a stream how much still waits, which decides its writability. */
    void flushed() {
        if (stream != null) {
            stream.flushed(outbound.backlog());
        }
    }

    /** Graceful shutdown: a stream under way ends now, and the connection with it. */
    void drain() {
        if (stream != null) {
            streamKeepAlive = false;
            stream.close();
        }
    }

    /** Loop: the 101 has been sent; the exchange is over and the new protocol takes the channel. */
    UpgradeHandOver handOver(Transport transport, SelectionKey key, ByteBuffer leftover) {
        HttpExchange exchange = upgradeExchange;
        upgradeExchange = null;
        UpgradeHandOver handOver = new UpgradeHandOver(transport, key, ctx, leftover, exchange.request());
        exchange.completed(true);
        return handOver;
    }

    Upgrade takeUpgrade() {
        Upgrade u = upgrade;
        upgrade = null;
        return u;
    }

    /** The connection closed: a stream under way ends, waiting exchanges are over, undelivered. */
    void closed() {
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
