package dev.gyre.http2;

/**
 * The request fields of one connection that passed {@link RequestFields}' checks of their name and value, found
 * by the identity of those two strings. A client that sends a field by HPACK index gets the same two strings out
 * of the decoder's table every time, so a field it repeats on every request ({@code user-agent},
 * {@code :authority}, {@code accept}) is checked once per connection instead of once per request.
 *
 * <p>Only what depends on the two strings alone is skipped: a name's token rule, a value's characters, a
 * pseudo-header's value rule. Where the field stands (after a regular field, repeated, in trailers) and what it
 * means ({@code content-length} against another, connection-specific names) are checked every time. A field that
 * failed is never added, so one the client left in the table is refused again each time it is referred to.
 * Direct-mapped: a collision replaces the older pair. Not thread-safe: part of one {@link Http2Connection}.
 */
final class CheckedFields {
    private static final int SLOTS = 64;

    private final String[] names = new String[SLOTS];
    private final String[] values = new String[SLOTS];

    /** Whether exactly these two strings passed the checks before. */
    boolean contains(String name, String value) {
        int slot = slot(name, value);
        return names[slot] == name && values[slot] == value;
    }

    /** Notes that these two strings passed the checks. */
    void add(String name, String value) {
        int slot = slot(name, value);
        names[slot] = name;
        values[slot] = value;
    }

    private static int slot(String name, String value) {
        int h = name.hashCode() * 31 + value.hashCode();
        return (h ^ h >>> 16) & (SLOTS - 1);
    }
}
