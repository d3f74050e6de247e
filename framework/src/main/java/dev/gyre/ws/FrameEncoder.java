package dev.gyre.ws;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
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
final class FrameEncoder {
    /** The longest server frame header: 2 bytes plus an 8-byte length, no mask key. */
    private static final int MAX_HEADER = 10;
    private static final int MAX_CLOSE_REASON = FrameDecoder.MAX_CONTROL_PAYLOAD - 2;
    private static final int LARGEST_ARRAY = Integer.MAX_VALUE - 16;
    private static final VarHandle SHORTS = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.BIG_ENDIAN);
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

    private final int fragmentSize;
    private final PerMessageDeflate deflate;

    /**
     * @param fragmentSize the largest payload per frame, or {@code 0} for one frame per message
     * @param deflate      the connection's permessage-deflate state to compress with, or {@code null} for an
     *                     encoder that never compresses (and then is thread-safe)
     */
    FrameEncoder(int fragmentSize, PerMessageDeflate deflate) {
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
    ByteBuffer text(String text) {
        return message(FrameDecoder.OP_TEXT, text.getBytes(StandardCharsets.UTF_8));
    }

    /** A binary message; the array is read, not kept. */
    ByteBuffer binary(byte[] data) {
        return message(FrameDecoder.OP_BINARY, data);
    }

    /** A Ping; the payload is at most 125 bytes (§5.5). */
    ByteBuffer ping(byte[] payload) {
        return control(FrameDecoder.OP_PING, payload, payload.length);
    }

    /** A Pong, normally echoing a Ping's payload (§5.5.3). */
    ByteBuffer pong(byte[] payload) {
        return control(FrameDecoder.OP_PONG, payload, payload.length);
    }

    /**
     * A Close with a status code and a reason. The code must be valid on the wire ({@link CloseCodes});
     * the reason is cut, at a character boundary, to the 123 bytes that fit (§5.5.1).
     */
    ByteBuffer close(int code, String reason) {
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
    ByteBuffer close() {
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
        int first = (compressed ? 0x40 : 0) | opcode;
        if (frameCount == 1) {
            // Copying the payload into the array straight after allocating it lets the JIT skip zeroing the
            // part the copy fills, and an exact-size array leaves nothing else to zero but the header.
            int header = headerLength(length);
            byte[] frame = new byte[header + length];
            System.arraycopy(payload, 0, frame, header, length);
            writeHeader(frame, 0, 0x80 | first, length);
            return ByteBuffer.wrap(frame).asReadOnlyBuffer();
        }
        byte[] out = new byte[(int) total];
        int at = 0;
        for (int i = 0, offset = 0; i < frameCount; i++, offset += perFrame) {
            int chunk = Math.min(perFrame, length - offset);
            int b0 = (i == frameCount - 1 ? 0x80 : 0) | (i == 0 ? first : FrameDecoder.OP_CONTINUATION);
            at = writeHeader(out, at, b0, chunk);
            System.arraycopy(payload, offset, out, at, chunk);
            at += chunk;
        }
        return ByteBuffer.wrap(out, 0, at).asReadOnlyBuffer();
    }

    /** The header size of a server frame: no mask key, and the shortest length encoding (§5.2). */
    private static int headerLength(int payloadLength) {
        return payloadLength <= 125 ? 2 : payloadLength <= 0xFFFF ? 4 : MAX_HEADER;
    }

    /** Writes a frame header with first byte {@code b0} at {@code at}; returns where the payload goes. */
    private static int writeHeader(byte[] out, int at, int b0, int payloadLength) {
        out[at] = (byte) b0;
        if (payloadLength <= 125) {
            out[at + 1] = (byte) payloadLength;
        } else if (payloadLength <= 0xFFFF) {
            out[at + 1] = 126;
            SHORTS.set(out, at + 2, (short) payloadLength);
        } else {
            out[at + 1] = 127;
            LONGS.set(out, at + 2, (long) payloadLength);
        }
        return at + headerLength(payloadLength);
    }
}
