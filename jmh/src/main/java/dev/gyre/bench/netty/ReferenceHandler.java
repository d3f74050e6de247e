package dev.gyre.bench.netty;

import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.DefaultLastHttpContent;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.AsciiString;
import io.netty.util.ReferenceCountUtil;

/**
 * Serves the sample app's contract on one connection, behind an {@code HttpServerCodec}.
 *
 * <p>Responses are written as requests are decoded and flushed once per read, in
 * {@link #channelReadComplete}: a pipelined batch of requests leaves in a single socket write, as in
 * TechEmpower's Netty entry. {@code POST /echo} is streamed, not aggregated: the response head goes
 * out with the request's framing (its {@code Content-Length}, or chunked) and each body piece is
 * written back as it arrives, so the echo costs no copy and no size limit is needed. While the socket
 * cannot take more, reading stops, so a client that sends without reading cannot grow our buffers.
 *
 * <p>Per connection state: whether the body now arriving belongs to an echo, and whether the request
 * that owns it keeps the connection alive. Touched only by the channel's event loop.
 */
final class ReferenceHandler extends ChannelInboundHandlerAdapter {

    private static final AsciiString ALLOW_GET = AsciiString.cached("GET");
    private static final AsciiString ALLOW_POST = AsciiString.cached("POST");

    private boolean echoing;
    private boolean keepAlive;

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof HttpRequest request) {
            onRequest(ctx, request);
        }
        if (msg instanceof HttpContent content) {
            onContent(ctx, content);
        }
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        ctx.flush();
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        ctx.channel().config().setAutoRead(ctx.channel().isWritable());
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ctx.close();
    }

    private void onRequest(ChannelHandlerContext ctx, HttpRequest request) {
        if (request.decoderResult().isFailure()) {
            keepAlive = false;
            respond(ctx, request, Responses.badRequest());
            return;
        }
        keepAlive = HttpUtil.isKeepAlive(request);
        HttpMethod method = request.method();
        switch (path(request.uri())) {
            case "/plaintext" -> respond(ctx, request,
                    HttpMethod.GET.equals(method) ? Responses.plaintext() : Responses.methodNotAllowed(ALLOW_GET));
            case "/json" -> respond(ctx, request,
                    HttpMethod.GET.equals(method) ? Responses.json() : Responses.methodNotAllowed(ALLOW_GET));
            case "/echo" -> {
                if (HttpMethod.POST.equals(method)) {
                    echoing = true;
                    ctx.write(connectionHeader(request, Responses.echoHead(
                            HttpUtil.getContentLength(request, 0L), HttpUtil.isTransferEncodingChunked(request))));
                } else {
                    respond(ctx, request, Responses.methodNotAllowed(ALLOW_POST));
                }
            }
            default -> respond(ctx, request, Responses.notFound());
        }
    }

    /** Echoes a body piece back, or drops it when the request it belongs to was already answered. */
    private void onContent(ChannelHandlerContext ctx, HttpContent content) {
        if (!echoing || content.decoderResult().isFailure()) {
            ReferenceCountUtil.release(content);
            if (echoing) {
                ctx.close();
            }
            return;
        }
        if (!(content instanceof LastHttpContent last)) {
            ctx.write(content);
            return;
        }
        echoing = false;
        // Request trailers are the client's, not ours: never echo them back.
        HttpContent end = last.trailingHeaders().isEmpty() ? last : new DefaultLastHttpContent(last.content());
        closeUnlessKeepAlive(ctx.write(end));
    }

    private void respond(ChannelHandlerContext ctx, HttpRequest request, HttpResponse response) {
        closeUnlessKeepAlive(ctx.write(connectionHeader(request, response)));
    }

    private void closeUnlessKeepAlive(ChannelFuture written) {
        if (!keepAlive) {
            written.addListener(ChannelFutureListener.CLOSE);
        }
    }

    /** HTTP/1.1 keeps alive unless told otherwise; HTTP/1.0 only when told, so say it back. */
    private HttpResponse connectionHeader(HttpRequest request, HttpResponse response) {
        if (!keepAlive) {
            response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        } else if (request.protocolVersion() == HttpVersion.HTTP_1_0) {
            response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE);
        }
        return response;
    }

    private static String path(String uri) {
        int query = uri.indexOf('?');
        return query < 0 ? uri : uri.substring(0, query);
    }
}
