package dev.gyre.http2;

import dev.gyre.http.codec.ByteSink;
import java.nio.charset.StandardCharsets;

/**
 * Writes frames (RFC 9113 §4.1, §6) into a connection's output, never larger than the peer's
 * SETTINGS_MAX_FRAME_SIZE: a header block that does not fit one frame continues in CONTINUATION frames
 * (§6.10), and DATA is cut into frames of at most that size. Flow control is the caller's: this class writes
 * what it is given. Not thread-safe: one per connection.
 */
final class FrameWriter {
    private int peerMaxFrameSize = Http2Settings.MIN_MAX_FRAME_SIZE;

    /** Applies the peer's SETTINGS_MAX_FRAME_SIZE. */
    void peerMaxFrameSize(int size) {
        peerMaxFrameSize = size;
    }

    int peerMaxFrameSize() {
        return peerMaxFrameSize;
    }

    void settings(ByteSink out, long[] parameters) {
        header(out, 6 * parameters.length, Frame.SETTINGS, 0, 0);
        for (long parameter : parameters) {
            out.append((byte) (parameter >>> 40)).append((byte) (parameter >>> 32));
            int32(out, (int) parameter);
        }
    }

    void settingsAck(ByteSink out) {
        header(out, 0, Frame.SETTINGS, Frame.FLAG_ACK, 0);
    }

    void ping(ByteSink out, boolean ack, long opaqueData) {
        header(out, 8, Frame.PING, ack ? Frame.FLAG_ACK : 0, 0);
        int32(out, (int) (opaqueData >>> 32));
        int32(out, (int) opaqueData);
    }

    void goAway(ByteSink out, int lastStreamId, Http2ErrorCode error, String debug) {
        byte[] debugData = debug.getBytes(StandardCharsets.UTF_8);
        int room = Math.min(debugData.length, peerMaxFrameSize - 8);
        header(out, 8 + room, Frame.GOAWAY, 0, 0);
        int32(out, lastStreamId);
        int32(out, error.code());
        out.append(debugData, 0, room);
    }

    void rstStream(ByteSink out, int streamId, Http2ErrorCode error) {
        header(out, 4, Frame.RST_STREAM, 0, streamId);
        int32(out, error.code());
    }

    void windowUpdate(ByteSink out, int streamId, int increment) {
        header(out, 4, Frame.WINDOW_UPDATE, 0, streamId);
        int32(out, increment);
    }

    /** A header block, in as many frames as the peer's frame size asks. */
    void headers(ByteSink out, int streamId, byte[] block, int length, boolean endStream) {
        int first = Math.min(length, peerMaxFrameSize);
        int flags = (endStream ? Frame.FLAG_END_STREAM : 0) | (first == length ? Frame.FLAG_END_HEADERS : 0);
        header(out, first, Frame.HEADERS, flags, streamId);
        out.append(block, 0, first);
        for (int at = first; at < length; ) {
            int n = Math.min(length - at, peerMaxFrameSize);
            header(out, n, Frame.CONTINUATION, at + n == length ? Frame.FLAG_END_HEADERS : 0, streamId);
            out.append(block, at, n);
            at += n;
        }
    }

    /** DATA frames carrying {@code length} bytes; {@code endStream} is set on the last one. */
    void data(ByteSink out, int streamId, byte[] bytes, int offset, int length, boolean endStream) {
        int at = offset;
        int end = offset + length;
        do {
            int n = Math.min(end - at, peerMaxFrameSize);
            header(out, n, Frame.DATA, endStream && at + n == end ? Frame.FLAG_END_STREAM : 0, streamId);
            out.append(bytes, at, n);
            at += n;
        } while (at < end);
    }

    private static void header(ByteSink out, int length, int type, int flags, int streamId) {
        out.append((byte) (length >>> 16)).append((byte) (length >>> 8)).append((byte) length)
                .append((byte) type).append((byte) flags);
        int32(out, streamId);
    }

    private static void int32(ByteSink out, int v) {
        out.append((byte) (v >>> 24)).append((byte) (v >>> 16)).append((byte) (v >>> 8)).append((byte) v);
    }
}
