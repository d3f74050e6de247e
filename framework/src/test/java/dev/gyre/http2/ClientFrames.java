package dev.gyre.http2;

import dev.gyre.http.codec.ByteSink;
import java.util.Arrays;

/**
 * Builds the bytes a client sends: raw frames of any shape (valid or not) and HPACK blocks made by a client-side
 * encoder, so that tests see the engine through its wire format only.
 */
final class ClientFrames {
    private final ByteSink out = new ByteSink();
    private final HpackEncoder encoder = new HpackEncoder();

    ClientFrames preface() {
        out.append(FrameDecoder.PREFACE);
        return this;
    }

    /** The preface and an empty SETTINGS, as every client starts. */
    ClientFrames start() {
        return preface().settings();
    }

    ClientFrames frame(int type, int flags, int streamId, byte[] payload) {
        int length = payload.length;
        out.append((byte) (length >>> 16)).append((byte) (length >>> 8)).append((byte) length)
                .append((byte) type).append((byte) flags);
        int32(streamId);
        out.append(payload);
        return this;
    }

    /** SETTINGS with pairs of identifier and value. */
    ClientFrames settings(long... pairs) {
        byte[] p = new byte[pairs.length / 2 * 6];
        for (int i = 0; i < pairs.length / 2; i++) {
            p[6 * i] = (byte) (pairs[2 * i] >>> 8);
            p[6 * i + 1] = (byte) pairs[2 * i];
            long v = pairs[2 * i + 1];
            p[6 * i + 2] = (byte) (v >>> 24);
            p[6 * i + 3] = (byte) (v >>> 16);
            p[6 * i + 4] = (byte) (v >>> 8);
            p[6 * i + 5] = (byte) v;
        }
        return frame(Frame.SETTINGS, 0, 0, p);
    }

    ClientFrames settingsAck() {
        return frame(Frame.SETTINGS, Frame.FLAG_ACK, 0, new byte[0]);
    }

    /** A request header block encoded with this client's HPACK state. */
    byte[] block(String... namesAndValues) {
        ByteSink b = new ByteSink();
        encoder.beginBlock(b);
        for (int i = 0; i < namesAndValues.length; i += 2) {
            encoder.encode(namesAndValues[i], namesAndValues[i + 1], b);
        }
        return Arrays.copyOf(b.array(), b.size());
    }

    /** A GET of {@code path} in one HEADERS frame with END_STREAM. */
    ClientFrames get(int streamId, String path) {
        return headers(streamId, true, ":method", "GET", ":scheme", "https", ":path", path,
                ":authority", "example.com");
    }

    ClientFrames headers(int streamId, boolean endStream, String... namesAndValues) {
        return frame(Frame.HEADERS, Frame.FLAG_END_HEADERS | (endStream ? Frame.FLAG_END_STREAM : 0), streamId,
                block(namesAndValues));
    }

    ClientFrames data(int streamId, byte[] data, boolean endStream) {
        return frame(Frame.DATA, endStream ? Frame.FLAG_END_STREAM : 0, streamId, data);
    }

    ClientFrames paddedData(int streamId, byte[] data, int padding, boolean endStream) {
        byte[] p = new byte[1 + data.length + padding];
        p[0] = (byte) padding;
        System.arraycopy(data, 0, p, 1, data.length);
        return frame(Frame.DATA, Frame.FLAG_PADDED | (endStream ? Frame.FLAG_END_STREAM : 0), streamId, p);
    }

    ClientFrames windowUpdate(int streamId, int increment) {
        return frame(Frame.WINDOW_UPDATE, 0, streamId, int32Bytes(increment));
    }

    ClientFrames rst(int streamId, Http2ErrorCode code) {
        return frame(Frame.RST_STREAM, 0, streamId, int32Bytes(code.code()));
    }

    ClientFrames ping(long data) {
        return frame(Frame.PING, 0, 0, longBytes(data));
    }

    static byte[] longBytes(long v) {
        byte[] b = new byte[8];
        for (int i = 0; i < 8; i++) {
            b[i] = (byte) (v >>> (56 - 8 * i));
        }
        return b;
    }

    ClientFrames priority(int streamId, int dependency) {
        byte[] p = Arrays.copyOf(int32Bytes(dependency), 5);
        p[4] = 15;
        return frame(Frame.PRIORITY, 0, streamId, p);
    }

    ClientFrames goAway(int lastStreamId, Http2ErrorCode code) {
        byte[] p = new byte[8];
        System.arraycopy(int32Bytes(lastStreamId), 0, p, 0, 4);
        System.arraycopy(int32Bytes(code.code()), 0, p, 4, 4);
        return frame(Frame.GOAWAY, 0, 0, p);
    }

    byte[] bytes() {
        return Arrays.copyOf(out.array(), out.size());
    }

    /** The bytes built so far, and forgets them (the HPACK state stays). */
    byte[] take() {
        byte[] b = bytes();
        out.clear();
        return b;
    }

    static byte[] int32Bytes(int v) {
        return new byte[] {(byte) (v >>> 24), (byte) (v >>> 16), (byte) (v >>> 8), (byte) v};
    }

    private void int32(int v) {
        out.append(int32Bytes(v));
    }
}
