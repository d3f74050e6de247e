package dev.gyre.bench.netty;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerAdapter;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpServerUpgradeHandler;
import io.netty.handler.codec.http2.CleartextHttp2ServerUpgradeHandler;
import io.netty.handler.codec.http2.Http2CodecUtil;
import io.netty.handler.codec.http2.Http2FrameCodecBuilder;
import io.netty.handler.codec.http2.Http2MultiplexHandler;
import io.netty.handler.codec.http2.Http2ServerUpgradeCodec;
import io.netty.handler.ssl.ApplicationProtocolNames;
import io.netty.handler.ssl.ApplicationProtocolNegotiationHandler;
import io.netty.handler.ssl.SslContext;
import io.netty.util.AsciiString;

/**
 * Sets up each accepted connection's pipeline: the reference server's one place that knows which protocol a
 * connection speaks.
 *
 * <pre>
 *   cleartext, HTTP/1.1 only   HttpServerCodec → ReferenceHandler
 *   cleartext, --http2         CleartextHttp2ServerUpgradeHandler ─┬─ h2 preface → Http2FrameCodec → Http2MultiplexHandler
 *                                                                  │                  (a ReferenceStreamHandler per stream)
 *                                                                  └─ otherwise   → HttpServerCodec → ReferenceHandler
 *   TLS                        SslHandler → ALPN ─┬─ h2 (only with --http2) → as the h2 branch above
 *                                                 └─ http/1.1 or none       → HttpServerCodec → ReferenceHandler
 * </pre>
 *
 * HTTP/2 is Netty's own frame codec with its default settings, as its users get it; each stream is a child
 * channel on the connection's event loop. An {@code Upgrade: h2c} request is honoured too.
 */
final class ReferenceChannels extends ChannelInitializer<SocketChannel> {
    private final SslContext tls;
    private final boolean http2;

    ReferenceChannels(SslContext tls, boolean http2) {
        this.tls = tls;
        this.http2 = http2;
    }

    @Override
    protected void initChannel(SocketChannel channel) {
        ChannelPipeline pipeline = channel.pipeline();
        if (tls != null) {
            pipeline.addLast(tls.newHandler(channel.alloc()), new Negotiation());
        } else if (http2) {
            HttpServerCodec codec = new HttpServerCodec();
            pipeline.addLast(new CleartextHttp2ServerUpgradeHandler(codec,
                    new HttpServerUpgradeHandler(codec, ReferenceChannels::upgrade), http2Handlers()),
                    new ReferenceHandler());
        } else {
            pipeline.addLast(new HttpServerCodec(), new ReferenceHandler());
        }
    }

    private static HttpServerUpgradeHandler.UpgradeCodec upgrade(CharSequence protocol) {
        return AsciiString.contentEquals(Http2CodecUtil.HTTP_UPGRADE_PROTOCOL_NAME, protocol)
                ? new Http2ServerUpgradeCodec(Http2FrameCodecBuilder.forServer().build(), multiplexer())
                : null;
    }

    /**
     * The HTTP/2 connection handlers as one handler, which is what prior knowledge installs: it puts the codec
     * and the multiplexer in its own place (before the HTTP/1.1 handler that follows in cleartext) as it is added.
     */
    private static ChannelHandler http2Handlers() {
        return new ChannelHandlerAdapter() {
            @Override
            public void handlerAdded(ChannelHandlerContext ctx) {
                String codec = ctx.name() + "-h2";
                ctx.pipeline().addAfter(ctx.name(), codec, Http2FrameCodecBuilder.forServer().build())
                        .addAfter(codec, null, multiplexer())
                        .remove(this);
            }
        };
    }

    private static Http2MultiplexHandler multiplexer() {
        return new Http2MultiplexHandler(new ChannelInitializer<Channel>() {
            @Override
            protected void initChannel(Channel stream) {
                stream.pipeline().addLast(new ReferenceStreamHandler());
            }
        });
    }

    /** Picks the protocol ALPN chose; a client that offered none gets HTTP/1.1. */
    private static final class Negotiation extends ApplicationProtocolNegotiationHandler {
        Negotiation() {
            super(ApplicationProtocolNames.HTTP_1_1);
        }

        @Override
        protected void configurePipeline(ChannelHandlerContext ctx, String protocol) {
            if (ApplicationProtocolNames.HTTP_2.equals(protocol)) {
                ctx.pipeline().addLast(http2Handlers());
            } else {
                ctx.pipeline().addLast(new HttpServerCodec(), new ReferenceHandler());
            }
        }
    }
}
