package dev.gyre.http2;

import java.util.Arrays;

/**
 * The HPACK representations of fields an {@link HpackEncoder} wrote before, found by the identity of their name
 * and value strings, so that the fields a server sends on every response ({@code content-type},
 * {@code server}, and {@code date}, whose string changes once a second) cost a copy of a few bytes instead of
 * table searches and Huffman coding.
 *
 * <p><b>Why it is never stale.</b> Strings are immutable, so the same two objects always mean the same field: a
 * new {@code date} is a new string and misses. What else a representation depends on is the dynamic table: an
 * indexed field's index, or a literal's name index into the table, moves whenever the table changes, so such
 * an entry is kept with the table's {@link HpackDynamicTable#version()} and found only while it is unchanged. A
 * representation that refers to the static table or to nothing ({@link #ANY_TABLE}) holds for the connection's
 * life. One that inserts into the table (incremental indexing) changes the table itself and is never offered,
 * nor are sensitive fields, so no secret outlives its response here.
 *
 * <p>A pair is noted on first sight and its bytes are copied only when the same two objects come back, so values
 * built per response (a request id) never cost a copy. Direct-mapped: a collision replaces the older pair. Not
 * thread-safe: one per encoder, that is per connection.
 */
final class HpackFieldCache {
    /** The version of an entry that does not depend on the dynamic table. */
    static final long ANY_TABLE = -1;
    private static final int SLOTS = 32;

    private final String[] names = new String[SLOTS];
    private final String[] values = new String[SLOTS];
    private final byte[][] encoded = new byte[SLOTS][];
    private final long[] versions = new long[SLOTS];

    /** The representation of exactly these two strings, valid with the table at {@code tableVersion}, or null. */
    byte[] find(String name, String value, long tableVersion) {
        int slot = slot(name, value);
        if (names[slot] != name || values[slot] != value || encoded[slot] == null) {
            return null;
        }
        long version = versions[slot];
        return version == ANY_TABLE || version == tableVersion ? encoded[slot] : null;
    }

    /**
     * Offers the representation just written to {@code block[from, to)}, valid at {@code version} (or
     * {@link #ANY_TABLE}): kept if these two strings were seen before, else they are noted.
     */
    void offer(String name, String value, byte[] block, int from, int to, long version) {
        int slot = slot(name, value);
        if (names[slot] == name && values[slot] == value) {
            encoded[slot] = Arrays.copyOfRange(block, from, to);
            versions[slot] = version;
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
