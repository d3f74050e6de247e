package dev.gyre.http;

import dev.gyre.loop.BufferBudget;
import dev.gyre.loop.EventLoop;
import dev.gyre.loop.IoHandler;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;

/**
 * Takes over a connection after a {@code 101 Switching Protocols} response (WebSocket): carried by
 * {@link Response#upgrade(Upgrade)}, called on the loop once the 101 has been written.
 */
@FunctionalInterface
public interface Upgrade {

    /**
     * Starts the new protocol on the channel. The returned handler is attached to the selection key
     * and receives its events from then on.
     */
    Upgraded start(Context context);

    /** What the new protocol inherits from the HTTP connection. */
    interface Context {
        SocketChannel channel();

        SelectionKey key();

        EventLoop loop();

        /** Bytes the client sent after the upgrade request, already read; may be empty. */
        ByteBuffer leftover();

        /** The request that asked for the upgrade. */
        Request request();

        /** The server's budget for bytes buffered on behalf of clients, shared with request bodies. */
        BufferBudget bufferBudget();

        /** Must be called once, when the upgraded connection has closed its channel. */
        void closed();
    }

    /** The handler of an upgraded connection. */
    interface Upgraded extends IoHandler {

        /** The server is shutting down: close gracefully (for WebSocket: close frame 1001). Loop thread. */
        void drain();
    }
}
