package dev.gyre.connection;

import java.nio.ByteBuffer;

/**
 * One protocol on a connection (HTTP/1.1, WebSocket after an upgrade, HTTP/2): fed the application bytes the
 * transport read, it answers through its {@link Wire}. A connection carries exactly one protocol at a time;
 * {@link Wire#switchTo} hands it to the next.
 *
 * <p>Every method is called on the connection's loop thread and must not block. The connection flushes what
 * a protocol wrote when the call returns, so a protocol calls {@link Wire#flush()} only from work of its own
 * (a task it queued on the loop, a deadline). Whatever a method throws closes the connection.
 */
public interface Protocol {

    /**
     * The protocol takes the connection. {@code leftover} holds bytes already read that belong to it (those
     * the previous protocol read past its last message; empty at the start of a connection); they are the
     * protocol's to keep.
     */
    void start(Wire wire, ByteBuffer leftover);

    /**
     * Bytes read. {@code in} is the loop's shared read buffer, overwritten by the next read of any connection:
     * consume what can be consumed now and copy whatever must be kept.
     */
    void onInput(ByteBuffer in);

    /**
     * The outbound queue is at or below its low watermark after a flush (empty included): produce more, or
     * move on now that earlier output has left. Called after every event the connection dispatched, so it
     * must be cheap when there is nothing to do.
     */
    void onWritable();

    /** The input ended: FIN, or for TLS the peer's {@code close_notify}. Nothing more will be read. */
    void onInputClosed();

    /**
     * The server began a graceful shutdown: finish what is under way and close (HTTP/1.1: {@code Connection:
     * close}; WebSocket: close code 1001; HTTP/2: GOAWAY).
     */
    void drain();

    /** The connection is gone (whoever closed it): release what the protocol holds, fail what was not delivered. */
    void onClosed();
}
