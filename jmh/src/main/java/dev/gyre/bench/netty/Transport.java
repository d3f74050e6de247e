package dev.gyre.bench.netty;

import io.netty.channel.IoHandlerFactory;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;

/**
 * The two Netty transports the reference server can run on.
 *
 * <p>{@link #NIO} is the like-for-like rival for Gyre: both sit on a JDK {@code Selector}, so the
 * difference left is the code above it. {@link #EPOLL} is Netty's native transport (edge-triggered
 * epoll through JNI), the ceiling a Java server on Linux can be measured against.
 */
enum Transport {
    NIO {
        @Override
        IoHandlerFactory ioHandlerFactory() {
            return NioIoHandler.newFactory();
        }

        @Override
        Class<? extends ServerChannel> serverChannelClass() {
            return NioServerSocketChannel.class;
        }
    },
    EPOLL {
        @Override
        IoHandlerFactory ioHandlerFactory() {
            Epoll.ensureAvailability();
            return EpollIoHandler.newFactory();
        }

        @Override
        Class<? extends ServerChannel> serverChannelClass() {
            return EpollServerSocketChannel.class;
        }
    };

    abstract IoHandlerFactory ioHandlerFactory();

    abstract Class<? extends ServerChannel> serverChannelClass();
}
