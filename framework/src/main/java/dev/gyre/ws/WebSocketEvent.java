package dev.gyre.ws;

/**
 * What {@link FrameDecoder#decode} hands the connection: one whole message, one control frame, or the
 * reason the connection must be failed.
 *
 * <p>A sealed type, so the connection's {@code switch} is checked for completeness. Payload arrays belong to
 * the receiver: the decoder never touches them again.
 */
public sealed interface WebSocketEvent {

    /** A whole text message, validated as UTF-8 and, if it was compressed, inflated. */
    record Text(String text) implements WebSocketEvent {
    }

    /** A whole binary message, inflated if it was compressed. */
    record Binary(byte[] data) implements WebSocketEvent {
    }

    /** A Ping (RFC 6455 §5.5.2); answer with a Pong carrying the same payload, soon. */
    record Ping(byte[] payload) implements WebSocketEvent {
    }

    /** A Pong (RFC 6455 §5.5.3), solicited or not. */
    record Pong(byte[] payload) implements WebSocketEvent {
    }

    /**
     * The peer's Close frame (RFC 6455 §5.5.1), already validated. {@code code} is
     * {@link CloseCodes#NO_STATUS_RECEIVED} when the frame had no payload, and {@code reason} is empty then.
     * The decoder reads nothing more after it.
     */
    record Close(int code, String reason) implements WebSocketEvent {
    }

    /**
     * The peer broke the protocol or a limit; RFC 6455 §7.1.7 says to fail the connection: send a Close frame
     * with {@code closeCode} and {@code reason}, then close the TCP connection without waiting for the peer's
     * Close. The decoder reads nothing more after it.
     */
    record ProtocolError(int closeCode, String reason) implements WebSocketEvent {
    }
}
