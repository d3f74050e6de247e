package dev.gyre.loop;

import java.io.IOException;
import java.nio.channels.SocketChannel;

/** Takes a freshly accepted channel on the loop that will own it, and registers it there. */
@FunctionalInterface
public interface ChannelAcceptor {

    /** Called on {@code loop}'s thread; the channel is already non-blocking with TCP_NODELAY set. */
    void accepted(SocketChannel channel, EventLoop loop) throws IOException;
}
