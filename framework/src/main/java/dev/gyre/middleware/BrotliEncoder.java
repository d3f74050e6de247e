package dev.gyre.middleware;

import com.aayushatharva.brotli4j.Brotli4jLoader;
import com.aayushatharva.brotli4j.encoder.Encoder;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Brotli through the optional {@code com.aayushatharva.brotli4j:brotli4j} library and its native encoder.
 * Nothing here is touched unless {@link #available()} said yes, so the library may be absent.
 * Thread-safe: every call encodes on its own native state.
 */
final class BrotliEncoder {
    private static final boolean AVAILABLE = load();

    private BrotliEncoder() {
    }

    /** Whether the library is on the class path and its native code loads on this platform. */
    static boolean available() {
        return AVAILABLE;
    }

    /** @param quality 0 (fastest) to 11 (smallest) */
    static byte[] encode(byte[] body, int quality) {
        try {
            return Encoder.compress(body, new Encoder.Parameters().setQuality(quality));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean load() {
        try {
            Class.forName("com.aayushatharva.brotli4j.Brotli4jLoader", false, BrotliEncoder.class.getClassLoader());
            return Brotli4jLoader.isAvailable();
        } catch (ClassNotFoundException | LinkageError absent) {
            return false;
        }
    }
}
