package dev.gyre.bench.netty;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http2.DefaultHttp2DataFrame;
import io.netty.handler.codec.http2.DefaultHttp2Headers;
import io.netty.handler.codec.http2.DefaultHttp2HeadersFrame;
import io.netty.handler.codec.http2.Http2DataFrame;
import io.netty.handler.codec.http2.Http2Headers;
import io.netty.handler.codec.http2.Http2HeadersFrame;
import io.netty.util.AsciiString;
import io.netty.util.ReferenceCountUtil;

/**
 * Serves the contract's {@code GET /plaintext} and {@code GET /json} on one HTTP/2 stream (a child channel of
 * {@code Http2MultiplexHandler}); any other method or path is {@code 404}, a request body is read and dropped.
 * The answer leaves when the request has ended ({@code END_STREAM}): a HEADERS frame and one DATA frame that
 * ends the stream, flushed together. Touched only by the connection's event loop.
 */
final class ReferenceStreamHandler extends ChannelInboundHandlerAdapter {
    private static final AsciiString TEXT_PLAIN = AsciiString.cached("text/plain");
    private static final AsciiString APPLICATION_JSON = AsciiString.cached("application/json");
    private static final AsciiString SERVER = AsciiString.cached("Netty");
    private static final AsciiString GET = AsciiString.cached("GET");

    private Http2Headers request;

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        try {
            if (msg instanceof Http2HeadersFrame headers) {
                request = headers.headers();
                if (headers.isEndStream()) {
                    respond(ctx);
                }
            } else if (msg instanceof Http2DataFrame data && data.isEndStream() && request != null) {
                respond(ctx);
            }
        } finally {
            ReferenceCountUtil.release(msg);
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ctx.close();
    }

    private void respond(ChannelHandlerContext ctx) {
        CharSequence path = request.path();
        boolean get = GET.contentEquals(request.method());
        request = null;
        if (get && AsciiString.contentEquals("/plaintext", path)) {
            send(ctx, HttpResponseStatus.OK, TEXT_PLAIN, Responses.plaintextBody());
        } else if (get && AsciiString.contentEquals("/json", path)) {
            send(ctx, HttpResponseStatus.OK, APPLICATION_JSON, Unpooled.wrappedBuffer(Responses.jsonBody()));
        } else {
            send(ctx, HttpResponseStatus.NOT_FOUND, APPLICATION_JSON, Unpooled.wrappedBuffer(Responses.errorBody(
                    HttpResponseStatus.NOT_FOUND)));
        }
    }

    private static void send(ChannelHandlerContext ctx, HttpResponseStatus status, AsciiString type, ByteBuf body) {
        Http2Headers headers = new DefaultHttp2Headers(false)
                .status(status.codeAsText())
                .set(HttpHeaderNames.CONTENT_TYPE, type)
                .setInt(HttpHeaderNames.CONTENT_LENGTH, body.readableBytes())
                .set(HttpHeaderNames.SERVER, SERVER)
                .set(HttpHeaderNames.DATE, HttpDate.now());
        ctx.write(new DefaultHttp2HeadersFrame(headers));
        ctx.writeAndFlush(new DefaultHttp2DataFrame(body, true));
    }
}
