package dev.gyre.ws;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Writes server frames (RFC 6455 §5.2): unmasked, as §5.1 requires of a server, optionally compressed
 * (RFC 7692 §7.2.1) and optionally split into fragments (§5.4).
 *
 * <p>Every method returns a new read-only buffer holding all frames of one message, positioned at its start.
 * Nothing in it depends on the session it is written to, so one buffer can go to many sessions: give each
 * its own {@link ByteBuffer#duplicate()} (positions are per duplicate, bytes are shared). That is how a
 * broadcast avoids encoding, and copying, once per session.
 *
 * <p><b>Threads.</b> An encoder without compression holds no state: it is immutable and may be shared by all
 * loops, which is the one to use for broadcasts. A compressing encoder carries the connection's deflate
 * context, so it belongs to that connection's loop thread, and what it produces is only valid for that
 * connection. A message sent uncompressed is valid on every connection, compressed or not: RFC 7692 §6
 * lets a sender leave RSV1 clear on any message.
 */
public final class FrameEncoder {
    /** The longest server frame header: 2 bytes plus an 8-byte length, no mask key. */
    private static final int MAX_HEADER = 10;
    private static final int MAX_CLOSE_REASON = FrameDecoder.MAX_CONTROL_PAYLOAD - 2;
    private static final int LARGEST_ARRAY = Integer.MAX_VALUE - 16;

    private final int fragmentSize;
    private final PerMessageDeflate deflate;

    /**
     * @param fragmentSize the largest payload per frame, or {@code 0} for one frame per message
     * @param deflate      the connection's permessage-deflate state to compress with, or {@code null} for an
     *                     encoder that never compresses (and then is thread-safe)
     */
    public FrameEncoder(int fragmentSize, PerMessageDeflate deflate) {
        if (fragmentSize < 0) {
            throw new IllegalArgumentException("fragmentSize must not be negative: " + fragmentSize);
        }
        this.fragmentSize = fragmentSize;
        this.deflate = deflate;
    }

    /**
     * A text message. The string is encoded as UTF-8; an unpaired surrogate in it becomes {@code ?}, as
     * {@link String#getBytes} does, so the frame is always valid UTF-8.
     */
    public ByteBuffer text(String text) {
        return message(FrameDecoder.OP_TEXT, text.getBytes(StandardCharsets.UTF_8));
    }

    /** A binary message; the array is read, not kept. */
    public ByteBuffer binary(byte[] data) {
        return message(FrameDecoder.OP_BINARY, data);
    }

    /** A Ping; the payload is at most 125 bytes (§5.5). */
    public ByteBuffer ping(byte[] payload) {
        return control(FrameDecoder.OP_PING, payload, payload.length);
    }

    /** A Pong, normally echoing a Ping's payload (§5.5.3). */
    public ByteBuffer pong(byte[] payload) {
        return control(FrameDecoder.OP_PONG, payload, payload.length);
    }

    /**
     * A Close with a status code and a reason. The code must be valid on the wire ({@link CloseCodes});
     * the reason is cut, at a character boundary, to the 123 bytes that fit (§5.5.1).
     */
    public ByteBuffer close(int code, String reason) {
        if (!CloseCodes.isValidOnWire(code)) {
            throw new IllegalArgumentException("close code may not be sent: " + code);
        }
        byte[] text = reason == null ? new byte[0] : reason.getBytes(StandardCharsets.UTF_8);
        int textLength = Math.min(text.length, MAX_CLOSE_REASON);
        while (textLength < text.length && textLength > 0 && (text[textLength] & 0xC0) == 0x80) {
            textLength--; // do not cut a multi-byte character in two
        }
        byte[] payload = new byte[2 + textLength];
        payload[0] = (byte) (code >>> 8);
        payload[1] = (byte) code;
        System.arraycopy(text, 0, payload, 2, textLength);
        return control(FrameDecoder.OP_CLOSE, payload, payload.length);
    }

    /** A Close without a status code, the answer to a peer's Close that had none. */
    public ByteBuffer close() {
        return control(FrameDecoder.OP_CLOSE, new byte[0], 0);
    }

    private ByteBuffer message(int opcode, byte[] payload) {
        if (deflate != null && deflate.shouldCompress(payload.length)) {
            MessageBuffer compressed = new MessageBuffer(LARGEST_ARRAY);
            deflate.compress(payload, 0, payload.length, compressed);
            return frames(opcode, true, compressed.array(), compressed.size());
        }
        return frames(opcode, false, payload, payload.length);
    }

    private ByteBuffer control(int opcode, byte[] payload, int length) {
        if (length > FrameDecoder.MAX_CONTROL_PAYLOAD) {
            throw new IllegalArgumentException("control frame payload over 125 bytes: " + length);
        }
        return frames(opcode, false, payload, length);
    }

    /** The message as one frame, or as fragments of {@link #fragmentSize}: RSV1 and the opcode on the first. */
    private ByteBuffer frames(int opcode, boolean compressed, byte[] payload, int length) {
        int perFrame = fragmentSize == 0 || opcode >= FrameDecoder.OP_CLOSE ? Math.max(length, 1) : fragmentSize;
        int frameCount = Math.max(1, (int) (((long) length + perFrame - 1) / perFrame));
        long total = (long) length + (long) frameCount * MAX_HEADER;
        if (total > LARGEST_ARRAY) {
            throw new IllegalArgumentException("message too large for one buffer: " + length + " bytes");
        }
        ByteBuffer out = ByteBuffer.allocate((int) total);
        int offset = 0;
        for (int i = 0; i < frameCount; i++) {
            int chunk = Math.min(perFrame, length - offset);
            boolean last = i == frameCount - 1;
            int b0 = (last ? 0x80 : 0) | (i == 0 && compressed ? 0x40 : 0)
                    | (i == 0 ? opcode : FrameDecoder.OP_CONTINUATION);
            out.put((byte) b0);
            if (chunk <= 125) {
                out.put((byte) chunk);
            } else if (chunk <= 0xFFFF) {
                out.put((byte) 126).putShort((short) chunk);
            } else {
                out.put((byte) 127).putLong(chunk);
            }
            out.put(payload, offset, chunk);
            offset += chunk;
        }
        return out.flip().asReadOnlyBuffer();
    }
}
