package dev.gyre.middleware;

import com.github.luben.zstd.Zstd;
import com.github.luben.zstd.util.Native;

/**
 * Zstandard through the optional {@code com.github.luben:zstd-jni} library and its bundled native code.
 * Nothing here is touched unless {@link #available()} said yes, so the library may be absent.
 * Thread-safe: every call encodes with its own context.
 */
final class ZstdEncoder {
    private static final boolean AVAILABLE = load();

    private ZstdEncoder() {
    }

    /** Whether the library is on the class path and its native code loads on this platform. */
    static boolean available() {
        return AVAILABLE;
    }

    /** @param level 1 (fastest) to 22 (smallest); 3 is zstd's own default */
    static byte[] encode(byte[] body, int level) {
        return Zstd.compress(body, level);
    }

    private static boolean load() {
        try {
            Class.forName("com.github.luben.zstd.util.Native", false, ZstdEncoder.class.getClassLoader());
            Native.load();
            return Native.isLoaded();
        } catch (ClassNotFoundException | LinkageError absent) {
            return false;
        }
    }
}
