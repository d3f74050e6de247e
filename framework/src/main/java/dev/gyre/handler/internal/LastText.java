package dev.gyre.handler.internal;

import java.nio.charset.StandardCharsets;

/**
 * The UTF-8 bytes of the last {@code String} one route returned, kept so that a route answering the same
 * instance again (a constant, a cached value) sends the same read-only bytes instead of encoding them anew.
 *
 * <p>Matched by identity, so the test costs one comparison and a route that builds a new string every time
 * pays only for remembering it (one small object). Thread-safe without locks: any loop or virtual thread may
 * call {@link #utf8}; the remembered pair is an immutable record, so a reader sees a whole pair or the previous
 * one, never one string with another's bytes.
 */
final class LastText {
    private record Encoded(String text, byte[] utf8) {
    }

    private Encoded last;

    /** The UTF-8 bytes of {@code text}; the caller must not change them (other responses may share them). */
    byte[] utf8(String text) {
        Encoded known = last;
        if (known != null && known.text() == text) {
            return known.utf8();
        }
        byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
        last = new Encoded(text, utf8);
        return utf8;
    }
}
