package dev.gyre.bench.netty;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.handler.ssl.SslContext;

import java.net.InetSocketAddress;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLException;

/**
 * A Netty 4.2 server answering the Gyre sample app's contract: the baseline Gyre is measured against.
 *
 * <p>It is built as TechEmpower's Netty entry is, because that is the strongest honest baseline:
 * one event-loop group that both accepts and serves (one thread per processor unless
 * {@code --threads} says otherwise), {@code HttpServerCodec} straight into one handler, no
 * aggregator, prebuilt bodies, a cached {@code Date}, and one flush per read so pipelined responses
 * share a write. Netty's defaults are otherwise kept, including its header validation on decode: a
 * production Netty user gets them, and Gyre validates too.
 *
 * <pre>
 * java -cp jmh/target/benchmarks.jar dev.gyre.bench.netty.NettyReferenceServer \
 *      --port 8081 --transport nio|epoll [--threads N] [--host 127.0.0.1] \
 *      [--tls-cert cert.pem --tls-key key.pem [--tls-provider jdk|conscrypt]] [--http2 true]
 * </pre>
 *
 * With a certificate the port speaks TLS through Netty's {@code SslHandler} on a JSSE engine (the JDK's by
 * default, as Gyre's); with {@code --http2 true} it serves HTTP/2 beside HTTP/1.1 ({@link ReferenceChannels}).
 *
 * Once bound it prints one line with its URL; it runs until the process is stopped.
 */
public final class NettyReferenceServer {

    private NettyReferenceServer() {
    }

    public static void main(String[] args) throws InterruptedException, SSLException {
        ServerOptions options;
        try {
            options = ServerOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.println(ServerOptions.USAGE);
            System.exit(2);
            return;
        }
        SslContext tls = options.tls() == null ? null : ServerTls.context(options.tls(), options.http2());
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(options.threads(), options.transport().ioHandlerFactory());
        Runtime.getRuntime().addShutdownHook(new Thread(() -> group.shutdownGracefully(0, 1, TimeUnit.SECONDS)));
        Channel server = new ServerBootstrap()
                .group(group)
                .channel(options.transport().serverChannelClass())
                .option(ChannelOption.SO_BACKLOG, 8192)
                .option(ChannelOption.SO_REUSEADDR, true)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new ReferenceChannels(tls, options.http2()))
                .bind(options.host(), options.port())
                .sync()
                .channel();
        InetSocketAddress bound = (InetSocketAddress) server.localAddress();
        System.out.printf("Netty reference server (%s, %d event-loop threads%s%s) listening on %s://%s:%d/%n",
                options.transport().name().toLowerCase(Locale.ROOT), options.threads(),
                tls == null ? "" : ", TLS on " + options.tls().provider().name().toLowerCase(Locale.ROOT),
                options.http2() ? ", HTTP/2" : "", tls == null ? "http" : "https", bound.getHostString(), bound.getPort());
        server.closeFuture().sync();
    }
}
