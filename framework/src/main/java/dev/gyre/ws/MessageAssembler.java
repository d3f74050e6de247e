package dev.gyre.ws;

import dev.gyre.loop.BufferBudget;
import dev.gyre.server.MinDataRate;
import dev.gyre.loop.TransferClock;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.zip.DataFormatException;

/**
 * Turns the payloads of one data message's frames into a whole {@link WebSocketEvent.Text} or
 * {@link WebSocketEvent.Binary}: unmasks, inflates, enforces the size limit and validates UTF-8 as bytes
 * arrive, so a bad or oversized message is refused at the first byte that makes it so, not at its end.
 *
 * <p>{@link FrameDecoder} decides which frames belong to a message; this class only sees their payloads.
 * Keeping the two apart is what would let a streaming variant hand out fragments instead of assembling.
 *
 * <p>An unfinished message is timed from its first frame against a {@link MinDataRate} of its payload
 * bytes on the wire (control frames in between do not count), so one that holds buffer budget must keep
 * arriving: see {@link #millisUntilTooSlow}.
 */
final class MessageAssembler {
    private static final int CHUNK = 8 * 1024;

    private final MessageBuffer message;
    private final PerMessageDeflate deflate;
    private final Utf8Validator utf8 = new Utf8Validator();
    private byte[] chunk;
    private boolean text;
    private boolean compressed;
    private long wireSize;
    private final TransferClock clock;

    MessageAssembler(int maxMessageSize, PerMessageDeflate deflate, BufferBudget budget, MinDataRate rate) {
        this.message = new MessageBuffer(maxMessageSize, budget);
        this.deflate = deflate;
        this.clock = new TransferClock(rate);
    }

    void begin(boolean text, boolean compressed) {
        this.text = text;
        this.compressed = compressed;
        this.wireSize = 0;
        clock.start(System.nanoTime());
        message.clear();
        utf8.reset();
    }

    /** Accounts a frame of this payload length; refuses it before any of its payload is read if too big. */
    WebSocketEvent.ProtocolError acceptFrame(long payloadLength) {
        wireSize += payloadLength;
        return wireSize > message.limit() ? tooBig() : null;
    }

    /**
     * Consumes {@code n} payload bytes from {@code in}, masked with {@code mask} starting at mask index
     * {@code maskIndex}; returns the error that fails the connection, or {@code null}.
     */
    WebSocketEvent.ProtocolError append(ByteBuffer in, int n, byte[] mask, int maskIndex) {
        clock.add(n);
        if (!compressed) {
            int start = message.size();
            if (message.ensureRoom(n) < n) {
                return tooBig();
            }
            in.get(message.array(), start, n);
            Masking.apply(message.array(), start, n, mask, maskIndex);
            message.advance(n);
            return validate(start);
        }
        if (chunk == null) {
            chunk = new byte[CHUNK];
        }
        for (int done = 0; done < n; ) {
            int len = Math.min(CHUNK, n - done);
            in.get(chunk, 0, len);
            Masking.apply(chunk, 0, len, mask, maskIndex + done);
            WebSocketEvent.ProtocolError error = inflate(len, false);
            if (error != null) {
                return error;
            }
            done += len;
        }
        return null;
    }

    /** The whole message, or the error if its end makes it invalid. */
    WebSocketEvent finish() {
        clock.stop();
        if (compressed) {
            WebSocketEvent.ProtocolError error = inflate(0, true);
            if (error != null) {
                return error;
            }
        }
        WebSocketEvent event;
        if (text) {
            if (!utf8.isComplete()) {
                return new WebSocketEvent.ProtocolError(CloseCodes.INVALID_PAYLOAD, "text message ends inside a UTF-8 sequence");
            }
            event = new WebSocketEvent.Text(new String(message.array(), 0, message.size(), StandardCharsets.UTF_8));
        } else {
            event = new WebSocketEvent.Binary(message.take());
        }
        message.clear();
        return event;
    }

    /** Inflates {@code length} bytes of {@link #chunk}, or the message's end, and validates what came out. */
    private WebSocketEvent.ProtocolError inflate(int length, boolean end) {
        int start = message.size();
        try {
            boolean fits = end ? deflate.finishInflate(message) : deflate.inflate(chunk, 0, length, message);
            if (!fits) {
                return tooBig();
            }
        } catch (DataFormatException notDeflate) {
            return new WebSocketEvent.ProtocolError(CloseCodes.INVALID_PAYLOAD, "invalid compressed data");
        }
        return validate(start);
    }

    private WebSocketEvent.ProtocolError validate(int from) {
        if (text && !utf8.update(message.array(), from, message.size() - from)) {
            return new WebSocketEvent.ProtocolError(CloseCodes.INVALID_PAYLOAD, "text message is not valid UTF-8");
        }
        return null;
    }

    /** Drops what was assembled, giving its room back to the budget. */
    void release() {
        clock.stop();
        message.release();
    }

    /**
     * Milliseconds from {@code nowNanos} until the unfinished message has arrived too slowly (0 if it has);
     * {@code Long.MAX_VALUE} when no message is unfinished or the rate is disabled.
     */
    long millisUntilTooSlow(long nowNanos) {
        return clock.millisUntilTooSlow(nowNanos);
    }

    /** The message passed its limit, or the server's budget refused its growth ({@code 1013}). */
    private WebSocketEvent.ProtocolError tooBig() {
        if (message.refused()) {
            return new WebSocketEvent.ProtocolError(CloseCodes.TRY_AGAIN_LATER,
                    "the server's buffers are full; try again later");
        }
        return new WebSocketEvent.ProtocolError(CloseCodes.MESSAGE_TOO_BIG,
                "message exceeds " + message.limit() + " bytes");
    }
}
