package dev.gyre.bench.netty;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpServerCodec;

import java.net.InetSocketAddress;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

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
 *      --port 8081 --transport nio|epoll [--threads N] [--host 127.0.0.1]
 * </pre>
 *
 * Once bound it prints one line with its URL; it runs until the process is stopped.
 */
public final class NettyReferenceServer {

    private NettyReferenceServer() {
    }

    public static void main(String[] args) throws InterruptedException {
        ServerOptions options;
        try {
            options = ServerOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.println(ServerOptions.USAGE);
            System.exit(2);
            return;
        }
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(options.threads(), options.transport().ioHandlerFactory());
        Runtime.getRuntime().addShutdownHook(new Thread(() -> group.shutdownGracefully(0, 1, TimeUnit.SECONDS)));
        Channel server = new ServerBootstrap()
                .group(group)
                .channel(options.transport().serverChannelClass())
                .option(ChannelOption.SO_BACKLOG, 8192)
                .option(ChannelOption.SO_REUSEADDR, true)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel channel) {
                        channel.pipeline().addLast(new HttpServerCodec(), new ReferenceHandler());
                    }
                })
                .bind(options.host(), options.port())
                .sync()
                .channel();
        InetSocketAddress bound = (InetSocketAddress) server.localAddress();
        System.out.printf("Netty reference server (%s, %d event-loop threads) listening on http://%s:%d/%n",
                options.transport().name().toLowerCase(Locale.ROOT), options.threads(),
                bound.getHostString(), bound.getPort());
        server.closeFuture().sync();
    }
}
