package dev.gyre.ws;

import dev.gyre.loop.BufferBudget;
import dev.gyre.server.MinDataRate;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Reads a client's frames (RFC 6455 §5.2) from bytes that may arrive split anywhere, and hands out whole
 * messages and control frames as {@link WebSocketEvent}s.
 *
 * <pre>
 *            2 bytes                126/127: 2 or 8 bytes             4 bytes
 *   HEADER ──────────▶ (LENGTH) ─────────────────────────▶ MASK_KEY ──────────▶ PAYLOAD ──┐
 *     ▲                                                                                    │ frame done
 *     └────────────────────────────────────────────────────────────────────────────────────┤
 *                                                          Close frame read ──▶ CLOSED      │
 *   any state ── rule broken or limit passed ──▶ FAILED          (terminal: input is ignored)
 * </pre>
 *
 * <table>
 *   <caption>Rules enforced and the close code that fails the connection</caption>
 *   <tr><th>rule</th><th>code</th></tr>
 *   <tr><td>client frames are masked (§5.1)</td><td>1002</td></tr>
 *   <tr><td>RSV2, RSV3 clear; RSV1 only on the first frame of a data message and only with
 *       permessage-deflate (§5.2, RFC 7692 §6)</td><td>1002</td></tr>
 *   <tr><td>no reserved opcode 3–7, B–F (§5.2)</td><td>1002</td></tr>
 *   <tr><td>control frames: FIN set, payload ≤ 125 (§5.5)</td><td>1002</td></tr>
 *   <tr><td>64-bit length has its high bit clear (§5.2)</td><td>1002</td></tr>
 *   <tr><td>a continuation only inside a message, a new message only after the last one ended (§5.4);
 *       control frames may come between fragments</td><td>1002</td></tr>
 *   <tr><td>a message's size on the wire, and inflated, within {@code maxMessageSize}</td><td>1009</td></tr>
 *   <tr><td>text is UTF-8, checked as it arrives, across fragments (§8.1)</td><td>1007</td></tr>
 *   <tr><td>a compressed message inflates (RFC 7692 §6.2)</td><td>1007</td></tr>
 *   <tr><td>a Close payload is empty or holds a valid code ({@link CloseCodes}) (§5.5.1, §7.4)</td><td>1002</td></tr>
 *   <tr><td>a Close reason is UTF-8 (§5.5.1)</td><td>1007</td></tr>
 * </table>
 * Lengths need not use the shortest encoding: §5.2 asks senders for it, and refusing it protects nothing.
 *
 * <p><b>Use.</b> Call {@link #decode} with the bytes read so far until it returns {@code null}, which means
 * every byte has been consumed and more are needed. Payload bytes are copied out, so the caller may compact
 * or reuse its buffer afterwards. After a {@link WebSocketEvent.Close} or {@link WebSocketEvent.ProtocolError}
 * the decoder is finished and swallows whatever follows (§5.5.1: nothing after a Close is data).
 *
 * <p>Not thread-safe: one decoder per connection, used by the connection's loop thread.
 */
final class FrameDecoder {
    static final int OP_CONTINUATION = 0x0;
    static final int OP_TEXT = 0x1;
    static final int OP_BINARY = 0x2;
    static final int OP_CLOSE = 0x8;
    static final int OP_PING = 0x9;
    static final int OP_PONG = 0xA;
    static final int MAX_CONTROL_PAYLOAD = 125;

    private enum State { HEADER, LENGTH, MASK_KEY, PAYLOAD, CLOSED, FAILED }

    private final boolean deflateAgreed;
    private final MessageAssembler message;
    private State state = State.HEADER;

    // Header bytes collected across reads: the 2-byte header, the extended length, then the mask key.
    private final byte[] scratch = new byte[8];
    private int scratchFill;
    private int lengthBytes;

    private boolean fin;
    private int opcode;
    private long remaining;
    private final byte[] mask = new byte[4];
    private int maskIndex;
    private boolean messageOpen;

    private final byte[] control = new byte[MAX_CONTROL_PAYLOAD];
    private int controlLength;

    /**
     * @param maxMessageSize the largest message accepted, on the wire and after inflating
     * @param deflate        the connection's permessage-deflate state, or {@code null} if none was agreed;
     *                       the decoder uses it but does not close it
     */
    FrameDecoder(int maxMessageSize, PerMessageDeflate deflate) {
        this(maxMessageSize, deflate, BufferBudget.UNLIMITED);
    }

    /** As above, with the message's growth reserved from {@code budget}; {@link #release()} gives it back. */
    FrameDecoder(int maxMessageSize, PerMessageDeflate deflate, BufferBudget budget) {
        this(maxMessageSize, deflate, budget, MinDataRate.disabled());
    }

    /** As above, with an unfinished message held to {@code messageRate} ({@link #millisUntilMessageTooSlow}). */
    FrameDecoder(int maxMessageSize, PerMessageDeflate deflate, BufferBudget budget, MinDataRate messageRate) {
        this.deflateAgreed = deflate != null;
        this.message = new MessageAssembler(maxMessageSize, deflate, budget, messageRate);
    }

    /**
     * Milliseconds from {@code nowNanos} until the unfinished message falls below its minimum rate, counted
     * in payload bytes from its first frame (0 if it has); {@code Long.MAX_VALUE} when none is unfinished.
     */
    long millisUntilMessageTooSlow(long nowNanos) {
        return message.millisUntilTooSlow(nowNanos);
    }

    /** Drops a message left unfinished, giving its room back to the budget; the decoder is done. */
    void release() {
        message.release();
    }

    /**
     * Consumes bytes from {@code in} up to the end of the next event and returns it, or consumes them all and
     * returns {@code null} if they do not complete one.
     */
    WebSocketEvent decode(ByteBuffer in) {
        while (true) {
            WebSocketEvent event;
            switch (state) {
                case HEADER -> {
                    if (!fill(in, 2)) {
                        return null;
                    }
                    event = readHeader();
                }
                case LENGTH -> {
                    if (!fill(in, lengthBytes)) {
                        return null;
                    }
                    event = readExtendedLength();
                }
                case MASK_KEY -> {
                    if (!fill(in, 4)) {
                        return null;
                    }
                    System.arraycopy(scratch, 0, mask, 0, 4);
                    maskIndex = 0;
                    state = State.PAYLOAD;
                    event = remaining == 0 ? endOfFrame() : null;
                }
                case PAYLOAD -> {
                    if (!in.hasRemaining()) {
                        return null;
                    }
                    event = readPayload(in);
                }
                default -> {
                    in.position(in.limit());
                    return null;
                }
            }
            if (event != null) {
                return event;
            }
        }
    }

    /** Whether the decoder has read a Close frame or failed, and so will produce nothing more. */
    boolean isFinished() {
        return state == State.CLOSED || state == State.FAILED;
    }

    /** Collects header bytes into {@link #scratch} until {@code n} are there. */
    private boolean fill(ByteBuffer in, int n) {
        int take = Math.min(n - scratchFill, in.remaining());
        in.get(scratch, scratchFill, take);
        scratchFill += take;
        if (scratchFill < n) {
            return false;
        }
        scratchFill = 0;
        return true;
    }

    private WebSocketEvent readHeader() {
        int b0 = scratch[0] & 0xFF;
        int b1 = scratch[1] & 0xFF;
        fin = (b0 & 0x80) != 0;
        boolean rsv1 = (b0 & 0x40) != 0;
        opcode = b0 & 0x0F;
        int length7 = b1 & 0x7F;

        if ((b0 & 0x30) != 0) {
            return fail(CloseCodes.PROTOCOL_ERROR, "RSV2 or RSV3 set without an extension that defines them");
        }
        switch (opcode) {
            case OP_CLOSE, OP_PING, OP_PONG -> {
                if (!fin) {
                    return fail(CloseCodes.PROTOCOL_ERROR, "fragmented control frame");
                }
                if (length7 > MAX_CONTROL_PAYLOAD) {
                    return fail(CloseCodes.PROTOCOL_ERROR, "control frame payload longer than 125 bytes");
                }
                if (rsv1) {
                    return fail(CloseCodes.PROTOCOL_ERROR, "RSV1 set on a control frame");
                }
            }
            case OP_CONTINUATION -> {
                if (!messageOpen) {
                    return fail(CloseCodes.PROTOCOL_ERROR, "continuation frame without a message to continue");
                }
                if (rsv1) {
                    return fail(CloseCodes.PROTOCOL_ERROR, "RSV1 set on a continuation frame");
                }
            }
            case OP_TEXT, OP_BINARY -> {
                if (messageOpen) {
                    return fail(CloseCodes.PROTOCOL_ERROR, "new data frame while a fragmented message is open");
                }
                if (rsv1 && !deflateAgreed) {
                    return fail(CloseCodes.PROTOCOL_ERROR, "RSV1 set but permessage-deflate was not agreed");
                }
                messageOpen = true;
                message.begin(opcode == OP_TEXT, rsv1);
            }
            default -> {
                return fail(CloseCodes.PROTOCOL_ERROR, "reserved opcode " + opcode);
            }
        }
        if ((b1 & 0x80) == 0) {
            return fail(CloseCodes.PROTOCOL_ERROR, "client frame is not masked");
        }
        if (length7 == 126 || length7 == 127) {
            lengthBytes = length7 == 126 ? 2 : 8;
            state = State.LENGTH;
            return null;
        }
        return startPayload(length7);
    }

    private WebSocketEvent readExtendedLength() {
        long length = 0;
        for (int i = 0; i < lengthBytes; i++) {
            length = (length << 8) | (scratch[i] & 0xFF);
        }
        if (length < 0) {
            return fail(CloseCodes.PROTOCOL_ERROR, "64-bit payload length has its most significant bit set");
        }
        return startPayload(length);
    }

    private WebSocketEvent startPayload(long length) {
        remaining = length;
        controlLength = 0;
        if (opcode < OP_CLOSE) {
            WebSocketEvent.ProtocolError tooBig = message.acceptFrame(length);
            if (tooBig != null) {
                return fail(tooBig);
            }
        }
        state = State.MASK_KEY;
        return null;
    }

    private WebSocketEvent readPayload(ByteBuffer in) {
        int n = (int) Math.min(remaining, in.remaining());
        if (opcode >= OP_CLOSE) {
            in.get(control, controlLength, n);
            Masking.apply(control, controlLength, n, mask, maskIndex);
            controlLength += n;
        } else {
            WebSocketEvent.ProtocolError error = message.append(in, n, mask, maskIndex);
            if (error != null) {
                return fail(error);
            }
        }
        maskIndex = (maskIndex + n) & 3;
        remaining -= n;
        return remaining == 0 ? endOfFrame() : null;
    }

    private WebSocketEvent endOfFrame() {
        state = State.HEADER;
        return switch (opcode) {
            case OP_PING -> new WebSocketEvent.Ping(Arrays.copyOf(control, controlLength));
            case OP_PONG -> new WebSocketEvent.Pong(Arrays.copyOf(control, controlLength));
            case OP_CLOSE -> readClose();
            default -> {
                if (!fin) {
                    yield null;
                }
                messageOpen = false;
                WebSocketEvent whole = message.finish();
                yield whole instanceof WebSocketEvent.ProtocolError error ? fail(error) : whole;
            }
        };
    }

    /** RFC 6455 §5.5.1: empty, or a 2-byte code followed by a UTF-8 reason. */
    private WebSocketEvent readClose() {
        if (controlLength == 0) {
            state = State.CLOSED;
            return new WebSocketEvent.Close(CloseCodes.NO_STATUS_RECEIVED, "");
        }
        if (controlLength == 1) {
            return fail(CloseCodes.PROTOCOL_ERROR, "close frame payload of one byte");
        }
        int code = ((control[0] & 0xFF) << 8) | (control[1] & 0xFF);
        if (!CloseCodes.isValidOnWire(code)) {
            return fail(CloseCodes.PROTOCOL_ERROR, "invalid close code " + code);
        }
        if (!Utf8Validator.isValid(control, 2, controlLength - 2)) {
            return fail(CloseCodes.INVALID_PAYLOAD, "close reason is not valid UTF-8");
        }
        state = State.CLOSED;
        return new WebSocketEvent.Close(code, new String(control, 2, controlLength - 2, StandardCharsets.UTF_8));
    }

    private WebSocketEvent fail(int code, String reason) {
        return fail(new WebSocketEvent.ProtocolError(code, reason));
    }

    /** The terminal state: the message being assembled is never delivered, so its budget is given back now. */
    private WebSocketEvent fail(WebSocketEvent.ProtocolError error) {
        state = State.FAILED;
        message.release();
        return error;
    }
}
