package dev.gyre.http.codec;

import java.nio.charset.StandardCharsets;

/**
 * The encoded bytes ({@code name: value CRLF}) of handler fields the encoder has written before, found by
 * the identity of their name and value strings, so that a field a handler sends on every response
 * ({@code Content-Type: text/plain; charset=utf-8}) is validated and encoded once per loop instead of once
 * per response.
 *
 * <p>Identity is what makes this safe: strings are immutable, so the same two objects always encode to
 * the same bytes. A pair is remembered on first sight and its bytes are kept only when the same two
 * objects come back, so values built per response (a request id, a length) never cost a copy. It is a
 * small direct-mapped table: a collision simply replaces the older pair.
 *
 * <p>Holds only fields that are the handler's alone: never {@code Content-Length}, {@code
 * Transfer-Encoding}, {@code Trailer}, {@code Date} or {@code Server}, which the encoder must look at.
 * Not thread-safe: one per encoder, that is per loop.
 */
final class EncodedFields {
    private static final int SLOTS = 64;

    private final String[] names = new String[SLOTS];
    private final String[] values = new String[SLOTS];
    private final byte[][] encoded = new byte[SLOTS][];

    /** The bytes of exactly this pair of strings, already validated, or {@code null}. */
    byte[] find(String name, String value) {
        int slot = slot(name, value);
        return names[slot] == name && values[slot] == value ? encoded[slot] : null;
    }

    /** Notes a valid field that {@link #find} did not have; caches its bytes the second time it is seen. */
    void seen(String name, String value) {
        int slot = slot(name, value);
        if (names[slot] == name && values[slot] == value) {
            encoded[slot] = (name + ": " + value + "\r\n").getBytes(StandardCharsets.ISO_8859_1);
        } else {
            names[slot] = name;
            values[slot] = value;
            encoded[slot] = null;
        }
    }

    private static int slot(String name, String value) {
        int h = name.hashCode() * 31 + value.hashCode();
        return (h ^ h >>> 16) & (SLOTS - 1);
    }
}
