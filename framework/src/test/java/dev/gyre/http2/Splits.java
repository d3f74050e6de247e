package dev.gyre.http2;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;

/** Feeds bytes whole, byte by byte, and in random splits, the three ways every decoder test runs. */
enum Splits {
    WHOLE, BYTE_BY_BYTE, RANDOM;

    /** Hands {@code bytes} to {@code sink} in pieces of this kind; RANDOM is seeded, so failures repeat. */
    void feed(byte[] bytes, Consumer<ByteBuffer> sink) {
        for (ByteBuffer piece : pieces(bytes)) {
            sink.accept(piece);
        }
    }

    List<ByteBuffer> pieces(byte[] bytes) {
        List<ByteBuffer> pieces = new ArrayList<>();
        Random random = new Random(bytes.length);
        for (int at = 0; at < bytes.length; ) {
            int n = switch (this) {
                case WHOLE -> bytes.length;
                case BYTE_BY_BYTE -> 1;
                case RANDOM -> 1 + random.nextInt(Math.min(bytes.length - at, 40));
            };
            n = Math.min(n, bytes.length - at);
            pieces.add(ByteBuffer.wrap(bytes, at, n).slice());
            at += n;
        }
        return pieces;
    }
}
