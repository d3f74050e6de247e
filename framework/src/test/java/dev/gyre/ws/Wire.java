package dev.gyre.ws;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.zip.Deflater;

/** Test-side frame writing and reading: masked client frames in, unmasked server frames out, and feeding. */
final class Wire {
    static final HexFormat HEX = HexFormat.of();
    static final byte[] MASK = {0x37, (byte) 0xFA, 0x21, 0x3D}; // RFC 6455 §5.7's example key

    private Wire() {
    }

    static byte[] hex(String s) {
        return HEX.parseHex(s.replace(" ", ""));
    }

    /** A client frame: FIN, RSV bits ({@code rsv} as 0..7, RSV1 = 4) and opcode, masked with {@link #MASK}. */
    static byte[] frame(boolean fin, int rsv, int opcode, byte[] payload) {
        return frame(fin, rsv, opcode, payload, MASK);
    }

    /** A frame with the given mask key, or unmasked when {@code mask} is {@code null}. */
    static byte[] frame(boolean fin, int rsv, int opcode, byte[] payload, byte[] mask) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write((fin ? 0x80 : 0) | (rsv << 4) | opcode);
        int maskBit = mask == null ? 0 : 0x80;
        if (payload.length <= 125) {
            out.write(maskBit | payload.length);
        } else if (payload.length <= 0xFFFF) {
            out.write(maskBit | 126);
            out.write(payload.length >>> 8);
            out.write(payload.length);
        } else {
            out.write(maskBit | 127);
            out.writeBytes(ByteBuffer.allocate(8).putLong(payload.length).array());
        }
        byte[] body = payload.clone();
        if (mask != null) {
            out.writeBytes(mask);
            for (int i = 0; i < body.length; i++) {
                body[i] ^= mask[i & 3];
            }
        }
        out.writeBytes(body);
        return out.toByteArray();
    }

    /** {@code data} as one raw-deflate block ending in a sync flush: a permessage-deflate payload. */
    static byte[] deflated(byte[] data) {
        Deflater deflater = new Deflater(Deflater.BEST_COMPRESSION, true);
        deflater.setInput(data);
        byte[] out = new byte[data.length];
        int n = deflater.deflate(out, 0, out.length, Deflater.SYNC_FLUSH);
        deflater.end();
        return Arrays.copyOf(out, n);
    }

    static byte[] text(String s) {
        return frame(true, 0, 1, s.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    /** How bytes are handed to the decoder. */
    enum Split { WHOLE, BYTE_BY_BYTE, RANDOM }

    /** Feeds {@code bytes} in pieces and describes every event, in order. */
    static List<String> decode(FrameDecoder decoder, byte[] bytes, Split split, long seed) {
        List<String> events = new ArrayList<>();
        Random random = new Random(seed);
        int at = 0;
        while (at < bytes.length) {
            int n = switch (split) {
                case WHOLE -> bytes.length;
                case BYTE_BY_BYTE -> 1;
                case RANDOM -> 1 + random.nextInt(Math.min(bytes.length - at, 20));
            };
            n = Math.min(n, bytes.length - at);
            ByteBuffer chunk = ByteBuffer.wrap(bytes, at, n).slice();
            for (WebSocketEvent e; (e = decoder.decode(chunk)) != null; ) {
                events.add(describe(e));
            }
            if (chunk.hasRemaining()) {
                throw new AssertionError("decoder returned null with bytes left");
            }
            at += n;
        }
        return events;
    }

    /** Events are records over arrays, so tests compare these descriptions instead. */
    static String describe(WebSocketEvent e) {
        return switch (e) {
            case WebSocketEvent.Text t -> "text:" + t.text();
            case WebSocketEvent.Binary b -> "binary:" + HEX.formatHex(b.data());
            case WebSocketEvent.Ping p -> "ping:" + HEX.formatHex(p.payload());
            case WebSocketEvent.Pong p -> "pong:" + HEX.formatHex(p.payload());
            case WebSocketEvent.Close c -> "close:" + c.code() + ":" + c.reason();
            case WebSocketEvent.ProtocolError f -> "error:" + f.closeCode();
        };
    }

    /** One server frame as a client would read it. */
    record Frame(boolean fin, boolean rsv1, int opcode, byte[] payload) {
    }

    /** Parses unmasked server frames, failing on anything a client would reject. */
    static List<Frame> serverFrames(ByteBuffer buffer) {
        ByteBuffer in = buffer.duplicate();
        List<Frame> frames = new ArrayList<>();
        while (in.hasRemaining()) {
            int b0 = in.get() & 0xFF;
            int b1 = in.get() & 0xFF;
            if ((b1 & 0x80) != 0 || (b0 & 0x30) != 0) {
                throw new AssertionError("server frame masked or with RSV2/3");
            }
            long len = b1 & 0x7F;
            if (len == 126) {
                len = in.getShort() & 0xFFFF;
            } else if (len == 127) {
                len = in.getLong();
            }
            byte[] payload = new byte[(int) len];
            in.get(payload);
            frames.add(new Frame((b0 & 0x80) != 0, (b0 & 0x40) != 0, b0 & 0x0F, payload));
        }
        return frames;
    }
}
