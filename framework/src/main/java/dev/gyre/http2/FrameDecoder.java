package dev.gyre.http2;

import static dev.gyre.http2.Http2ErrorCode.FRAME_SIZE_ERROR;
import static dev.gyre.http2.Http2ErrorCode.PROTOCOL_ERROR;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Reads frames (RFC 9113 §4, §6) from bytes that may arrive split anywhere, resuming where they ran out.
 *
 * <pre>
 *              24 bytes match                9 bytes                    length bytes
 *   PREFACE ─────────────────────▶ HEADER ──────────────▶ PAYLOAD ───────────────────────┐
 *      │ (h2c upgrade and tests      ▲  │ unknown type                                   │ frame out
 *      │  may start at HEADER)       │  └──────────────▶ SKIP ── length bytes ──┐ Unknown│
 *      │                             └──────────────────────────────────────────┴────────┘
 *      └── mismatch ──▶ FAILED   ◀── any rule broken (connection error thrown)   (terminal)
 * </pre>
 *
 * <table>
 *   <caption>What each frame is checked for; every failure is a connection error</caption>
 *   <tr><th>frame</th><th>rule</th><th>error</th></tr>
 *   <tr><td>any</td><td>length ≤ our SETTINGS_MAX_FRAME_SIZE (§4.2)</td><td>FRAME_SIZE_ERROR</td></tr>
 *   <tr><td>DATA, HEADERS, PRIORITY, RST_STREAM, CONTINUATION</td><td>stream id ≠ 0 (§6)</td>
 *       <td>PROTOCOL_ERROR</td></tr>
 *   <tr><td>SETTINGS, PING, GOAWAY</td><td>stream id = 0</td><td>PROTOCOL_ERROR</td></tr>
 *   <tr><td>DATA, HEADERS</td><td>padding shorter than the payload (§6.1, §6.2)</td><td>PROTOCOL_ERROR</td></tr>
 *   <tr><td>HEADERS with PRIORITY</td><td>5 bytes of priority fit</td><td>FRAME_SIZE_ERROR</td></tr>
 *   <tr><td>PRIORITY</td><td>length 5 (§6.3)</td><td>FRAME_SIZE_ERROR</td></tr>
 *   <tr><td>RST_STREAM, WINDOW_UPDATE</td><td>length 4 (§6.4, §6.9)</td><td>FRAME_SIZE_ERROR</td></tr>
 *   <tr><td>SETTINGS</td><td>length a multiple of 6, 0 with ACK (§6.5); values in range (§6.5.2)</td>
 *       <td>FRAME_SIZE_ERROR, PROTOCOL_ERROR, FLOW_CONTROL_ERROR</td></tr>
 *   <tr><td>PING</td><td>length 8 (§6.7)</td><td>FRAME_SIZE_ERROR</td></tr>
 *   <tr><td>GOAWAY</td><td>length ≥ 8 (§6.8)</td><td>FRAME_SIZE_ERROR</td></tr>
 * </table>
 * A frame of an unknown type is skipped without being buffered and reported as {@link Frame.Unknown}, so that
 * the caller can refuse it inside a header block (§6.10) and ignore it elsewhere (§4.1, §5.5). Rules that need
 * the connection's state (CONTINUATION order, stream states, a zero window increment) are the caller's. The reserved bit of stream ids is ignored (§4.1).
 *
 * <p><b>Use.</b> Call {@link #next} until it returns {@code null}: every byte has been consumed and more are
 * needed. A payload is gathered in a buffer that grows with what arrives, up to the frame's length, so a
 * frame header promising 16 KiB costs nothing until the bytes come. Not thread-safe: one per connection.
 */
final class FrameDecoder {
    static final byte[] PREFACE = "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n".getBytes(StandardCharsets.US_ASCII);

    private enum State { PREFACE, HEADER, PAYLOAD, SKIP, FAILED }

    private State state;
    private final int maxFrameSize;
    private final byte[] header = new byte[Frame.HEADER_LENGTH];
    private int headerFill;
    private int prefaceMatched;

    private int length;
    private int type;
    private int flags;
    private int streamId;
    private byte[] payload = new byte[0];
    private int payloadFill;

    /**
     * @param expectPreface whether the client connection preface comes first (§3.4); {@code false} when the
     *                      caller has read and checked it already (a layer that sniffed it to pick the protocol)
     * @param maxFrameSize  the SETTINGS_MAX_FRAME_SIZE this endpoint announced
     */
    FrameDecoder(boolean expectPreface, int maxFrameSize) {
        this.state = expectPreface ? State.PREFACE : State.HEADER;
        this.maxFrameSize = maxFrameSize;
    }

    /**
     * The next whole frame in {@code in}, or {@code null} when every byte of it has been consumed.
     *
     * @throws Http2Exception a connection error; the decoder is then failed and must not be used again
     */
    Frame next(ByteBuffer in) throws Http2Exception {
        try {
            while (true) {
                switch (state) {
                    case PREFACE -> {
                        if (!readPreface(in)) {
                            return null;
                        }
                    }
                    case HEADER -> {
                        if (!readHeader(in)) {
                            return null;
                        }
                    }
                    case SKIP -> {
                        int n = Math.min(in.remaining(), length - payloadFill);
                        in.position(in.position() + n);
                        payloadFill += n;
                        if (payloadFill < length) {
                            return null;
                        }
                        state = State.HEADER;
                        return new Frame.Unknown(type, streamId);
                    }
                    case PAYLOAD -> {
                        if (!readPayload(in)) {
                            return null;
                        }
                        state = State.HEADER;
                        return parse(payload);
                    }
                    case FAILED -> {
                        in.position(in.limit());
                        return null;
                    }
                }
            }
        } catch (Http2Exception e) {
            state = State.FAILED;
            throw e;
        }
    }

    private boolean readPreface(ByteBuffer in) throws Http2Exception {
        while (prefaceMatched < PREFACE.length && in.hasRemaining()) {
            if (in.get() != PREFACE[prefaceMatched++]) {
                throw Http2Exception.connection(PROTOCOL_ERROR, "not the HTTP/2 connection preface");
            }
        }
        if (prefaceMatched < PREFACE.length) {
            return false;
        }
        state = State.HEADER;
        return true;
    }

    private boolean readHeader(ByteBuffer in) throws Http2Exception {
        int n = Math.min(in.remaining(), Frame.HEADER_LENGTH - headerFill);
        in.get(header, headerFill, n);
        headerFill += n;
        if (headerFill < Frame.HEADER_LENGTH) {
            return false;
        }
        headerFill = 0;
        length = (header[0] & 0xFF) << 16 | (header[1] & 0xFF) << 8 | (header[2] & 0xFF);
        type = header[3] & 0xFF;
        flags = header[4] & 0xFF;
        streamId = readInt(header, 5) & Integer.MAX_VALUE;
        payloadFill = 0;
        if (length > maxFrameSize) {
            throw Http2Exception.connection(FRAME_SIZE_ERROR, "frame of " + length + " bytes, limit " + maxFrameSize);
        }
        checkHeader();
        state = type > Frame.CONTINUATION ? State.SKIP : State.PAYLOAD;
        return true;
    }

    /**
     * Drops a payload buffer larger than {@code most} bytes unless a frame is half read into it: a connection
     * that received one large frame does not keep its size for good.
     */
    void shrink(int most) {
        if (payload.length > most && (state != State.PAYLOAD || payloadFill == 0)) {
            payload = new byte[0];
        }
    }

    private boolean readPayload(ByteBuffer in) {
        int n = Math.min(in.remaining(), length - payloadFill);
        if (payload.length < payloadFill + n) {
            payload = Arrays.copyOf(payload, Math.min(length, Math.max(payloadFill + n, payload.length * 2)));
        }
        in.get(payload, payloadFill, n);
        payloadFill += n;
        return payloadFill == length;
    }

    private void checkHeader() throws Http2Exception {
        if (type > Frame.CONTINUATION) {
            return;
        }
        boolean connectionFrame = type == Frame.SETTINGS || type == Frame.PING || type == Frame.GOAWAY;
        if (connectionFrame && streamId != 0) {
            throw protocol(name() + " on stream " + streamId);
        }
        if (!connectionFrame && type != Frame.WINDOW_UPDATE && streamId == 0) {
            throw protocol(name() + " on stream 0");
        }
        int expected = switch (type) {
            case Frame.PRIORITY -> 5;
            case Frame.RST_STREAM, Frame.WINDOW_UPDATE -> 4;
            case Frame.PING -> 8;
            default -> -1;
        };
        if (expected >= 0 && length != expected) {
            throw frameSize(name() + " of length " + length);
        }
        if (type == Frame.SETTINGS && ((flags & Frame.FLAG_ACK) != 0 ? length != 0 : length % 6 != 0)) {
            throw frameSize("SETTINGS of length " + length);
        }
        if (type == Frame.GOAWAY && length < 8) {
            throw frameSize("GOAWAY of length " + length);
        }
    }

    private Frame parse(byte[] p) throws Http2Exception {
        return switch (type) {
            case Frame.DATA -> {
                int padding = padding(p);
                int start = (flags & Frame.FLAG_PADDED) != 0 ? 1 : 0;
                yield new Frame.Data(streamId, Arrays.copyOfRange(p, start, length - padding), length,
                        (flags & Frame.FLAG_END_STREAM) != 0);
            }
            case Frame.HEADERS -> {
                int padding = padding(p);
                int start = (flags & Frame.FLAG_PADDED) != 0 ? 1 : 0;
                int dependency = -1;
                if ((flags & Frame.FLAG_PRIORITY) != 0) {
                    if (length - start - padding < 5) {
                        throw frameSize("HEADERS too short for its priority");
                    }
                    dependency = readInt(p, start) & Integer.MAX_VALUE;
                    start += 5;
                }
                yield new Frame.Headers(streamId, Arrays.copyOfRange(p, start, length - padding),
                        (flags & Frame.FLAG_END_STREAM) != 0, (flags & Frame.FLAG_END_HEADERS) != 0, dependency);
            }
            case Frame.PRIORITY -> new Frame.Priority(streamId, readInt(p, 0) & Integer.MAX_VALUE);
            case Frame.RST_STREAM -> new Frame.RstStream(streamId, readInt(p, 0));
            case Frame.SETTINGS -> settings(p);
            case Frame.PUSH_PROMISE -> new Frame.PushPromise(streamId);
            case Frame.PING -> new Frame.Ping((flags & Frame.FLAG_ACK) != 0, readLong(p));
            case Frame.GOAWAY -> new Frame.GoAway(readInt(p, 0) & Integer.MAX_VALUE, readInt(p, 4),
                    Arrays.copyOfRange(p, 8, length));
            case Frame.WINDOW_UPDATE -> new Frame.WindowUpdate(streamId, readInt(p, 0) & Integer.MAX_VALUE);
            default -> new Frame.Continuation(streamId, Arrays.copyOf(p, length),
                    (flags & Frame.FLAG_END_HEADERS) != 0);
        };
    }

    private Frame.Settings settings(byte[] p) throws Http2Exception {
        return new Frame.Settings((flags & Frame.FLAG_ACK) != 0, parameters(p, length));
    }

    /**
     * The parameters of a SETTINGS payload that arrived another way (an h2c upgrade's HTTP2-Settings), checked
     * as a frame's would be.
     */
    static long[] settingsPayload(byte[] payload) throws Http2Exception {
        if (payload.length % 6 != 0) {
            throw frameSize("SETTINGS payload of length " + payload.length);
        }
        return parameters(payload, payload.length);
    }

    private static long[] parameters(byte[] p, int length) throws Http2Exception {
        long[] parameters = new long[length / 6];
        for (int i = 0; i < parameters.length; i++) {
            int identifier = (p[6 * i] & 0xFF) << 8 | (p[6 * i + 1] & 0xFF);
            long value = readInt(p, 6 * i + 2) & 0xFFFF_FFFFL;
            Http2Exception wrong = Http2Settings.check(identifier, value);
            if (wrong != null) {
                throw wrong;
            }
            parameters[i] = (long) identifier << 32 | value;
        }
        return parameters;
    }

    /** The pad length of a PADDED frame (0 if not padded), checked to leave room for the pad length byte. */
    private int padding(byte[] p) throws Http2Exception {
        if ((flags & Frame.FLAG_PADDED) == 0) {
            return 0;
        }
        if (length == 0) {
            throw frameSize(name() + " PADDED without a pad length");
        }
        int padding = p[0] & 0xFF;
        if (padding >= length) {
            throw protocol(name() + " padding of " + padding + " in " + length + " bytes");
        }
        return padding;
    }

    private String name() {
        return switch (type) {
            case Frame.DATA -> "DATA";
            case Frame.HEADERS -> "HEADERS";
            case Frame.PRIORITY -> "PRIORITY";
            case Frame.RST_STREAM -> "RST_STREAM";
            case Frame.SETTINGS -> "SETTINGS";
            case Frame.PUSH_PROMISE -> "PUSH_PROMISE";
            case Frame.PING -> "PING";
            case Frame.GOAWAY -> "GOAWAY";
            case Frame.WINDOW_UPDATE -> "WINDOW_UPDATE";
            default -> "CONTINUATION";
        };
    }

    private static int readInt(byte[] b, int at) {
        return (b[at] & 0xFF) << 24 | (b[at + 1] & 0xFF) << 16 | (b[at + 2] & 0xFF) << 8 | (b[at + 3] & 0xFF);
    }

    private static long readLong(byte[] b) {
        return (long) readInt(b, 0) << 32 | (readInt(b, 4) & 0xFFFF_FFFFL);
    }

    private static Http2Exception protocol(String message) {
        return Http2Exception.connection(PROTOCOL_ERROR, message);
    }

    private static Http2Exception frameSize(String message) {
        return Http2Exception.connection(FRAME_SIZE_ERROR, message);
    }
}
