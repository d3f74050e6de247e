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

    /** Two strings seen together; {@code bytes} null until they come back, then valid at {@code version}. */
    private record Entry(String name, String value, byte[] bytes, long version) {
        boolean holds(String n, String v) {
            return name == n && value == v;
        }
    }

    private final Entry[] entries = new Entry[SLOTS];

    /** The representation of exactly these two strings, valid with the table at {@code tableVersion}, or null. */
    byte[] find(String name, String value, long tableVersion) {
        Entry entry = entries[slot(name, value)];
        if (entry == null || entry.bytes == null || !entry.holds(name, value)) {
            return null;
        }
        return entry.version == ANY_TABLE || entry.version == tableVersion ? entry.bytes : null;
    }

    /**
     * Offers the representation just written to {@code block[from, to)}, valid at {@code version} (or
     * {@link #ANY_TABLE}): kept if these two strings were seen before, else they are noted.
     */
    void offer(String name, String value, byte[] block, int from, int to, long version) {
        int slot = slot(name, value);
        Entry seen = entries[slot];
        entries[slot] = seen != null && seen.holds(name, value)
                ? new Entry(name, value, Arrays.copyOfRange(block, from, to), version)
                : new Entry(name, value, null, 0);
    }

    /** Spreads the pair over the slots by both strings' hashes (cached in each string after the first call). */
    private static int slot(String name, String value) {
        return (name.hashCode() ^ Integer.rotateLeft(value.hashCode(), 16)) & (SLOTS - 1);
    }
}
