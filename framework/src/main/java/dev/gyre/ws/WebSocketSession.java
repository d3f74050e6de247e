package dev.gyre.ws;

import dev.gyre.http.Request;
import java.util.concurrent.CompletionStage;

/**
 * One open WebSocket connection, as the application sees it. Thread-safe: every method may be called from
 * any thread, including from inside a callback of this or another session.
 *
 * <p><b>Sending.</b> Messages leave in the order of the {@code send} calls (as the calls are ordered between
 * threads), each as a whole message. The returned stage completes once the message has been handed to the
 * socket, on the session's event loop thread: a dependent action that blocks must use an {@code *Async}
 * variant. It fails with {@link WebSocketSendException} when the session closed first, or when the
 * session's outbound limit is reached (see {@link WebSocketOptions#maxQueuedBytes()} for what then happens
 * to the session).
 *
 * <p><b>Closing.</b> {@link #close} sends a Close frame after the messages already sent; the session stops
 * accepting messages at once and ends when the peer answers (or after the close timeout).
 */
public interface WebSocketSession {

    /** A short id, unique within this server process; handy for logs and maps. */
    String id();

    /** The handshake request: headers, query, cookies and (string) path parameters. */
    Request request();

    /** The subprotocol agreed in the handshake, or {@code null}. */
    String subprotocol();

    /** Whether messages may still be sent: no Close frame has been sent or received. */
    boolean isOpen();

    /** Sends a text message. */
    CompletionStage<Void> send(String text);

    /** Sends a binary message; the array is not copied, so do not change it until the stage completes. */
    CompletionStage<Void> send(byte[] data);

    /** Sends a message encoded once for many sessions, without copying it (see {@link SessionGroup}). */
    CompletionStage<Void> send(PreparedMessage message);

    /** Payload bytes (UTF-16 characters for text) accepted by {@code send} and not yet written. */
    long queuedBytes();

    /** Starts the closing handshake with a status code valid on the wire ({@link CloseCodes}) and a reason. */
    void close(int code, String reason);

    /** Closes with 1000 (normal closure). */
    default void close() {
        close(CloseCodes.NORMAL_CLOSURE, "");
    }
}
