package dev.gyre.ws;

import java.nio.ByteBuffer;

/**
 * A message framed once and sent to any number of sessions without being encoded or copied again: each
 * session writes its own {@link ByteBuffer#duplicate()} of the same read-only bytes. This is what
 * {@link SessionGroup#broadcast} uses.
 *
 * <p>The frame is never compressed, so that it is valid on every session, whether it negotiated
 * permessage-deflate or not (RFC 7692 §6 lets a sender leave any message uncompressed), and it is one frame
 * whatever the outbound fragment size. Immutable and thread-safe.
 */
public final class PreparedMessage {
    /** Without compression the encoder holds no state, so one serves every thread. */
    private static final FrameEncoder PLAIN = new FrameEncoder(0, null);

    private final ByteBuffer frame;
    private final int weight;

    private PreparedMessage(ByteBuffer frame, int weight) {
        this.frame = frame;
        this.weight = weight;
    }

    public static PreparedMessage text(String text) {
        return new PreparedMessage(PLAIN.text(text), text.length());
    }

    /** The array is read now and not kept. */
    public static PreparedMessage binary(byte[] data) {
        return new PreparedMessage(PLAIN.binary(data), data.length);
    }

    /** A view of the frame with its own position, for one session to write. */
    ByteBuffer frame() {
        return frame.duplicate();
    }

    /** How much the message counts against a session's outbound limit. */
    int weight() {
        return weight;
    }
}
