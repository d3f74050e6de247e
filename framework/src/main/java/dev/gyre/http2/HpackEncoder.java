package dev.gyre.http2;

import dev.gyre.http.codec.ByteSink;
import java.util.Set;

/**
 * Encodes header fields (RFC 7541 §6) for one connection's sending direction, keeping its dynamic table.
 *
 * <p><b>What is indexed.</b> A field found whole in the static or dynamic table is sent as its index (one byte
 * for most). Otherwise its name is sent by index where a table has it, and the field is added to the dynamic
 * table unless it is
 * <ul>
 *   <li>sensitive ({@code authorization}, {@code proxy-authorization}, {@code set-cookie}, and a
 *       {@code cookie} shorter than 20 bytes, RFC 7541 §7.1.3): sent <em>never indexed</em>, so that no
 *       intermediary indexes it either and a guessed value cannot be confirmed by size (CRIME);</li>
 *   <li>a value that changes with every response ({@code content-length}, {@code date}, {@code etag},
 *       {@code last-modified}, {@code age}, {@code :path}): sent without indexing, since it would only evict
 *       fields that repeat;</li>
 *   <li>larger than a quarter of the table: it would evict most of what is there.</li>
 * </ul>
 * A string is Huffman-coded when that is shorter. A field sent again with the same two strings is copied from
 * an {@link HpackFieldCache} (which knows when a table change has moved its index). The table holds at most
 * 4096 bytes, or less if the peer's SETTINGS_HEADER_TABLE_SIZE says so; a change is announced at the start of
 * the next block (§4.2).
 *
 * <p>Names must already be lower case (RFC 9113 §8.2.1); {@link OutboundFlow} lowers them. Not thread-safe.
 */
final class HpackEncoder {
    static final int DEFAULT_TABLE_SIZE = 4096;

    private static final Set<String> NEVER_INDEXED = Set.of("authorization", "proxy-authorization", "set-cookie");
    private static final Set<String> NOT_INDEXED =
            Set.of("content-length", "date", "etag", "last-modified", "age", ":path");
    private static final int SHORT_COOKIE = 20;
    /** What {@link #encodeFresh} returns for a representation the cache must not keep. */
    private static final long UNCACHEABLE = Long.MIN_VALUE;

    private final HpackDynamicTable table = new HpackDynamicTable(DEFAULT_TABLE_SIZE);
    private final HpackFieldCache cache = new HpackFieldCache();
    private int pendingMinSize = -1;
    private int pendingSize = -1;

    /** Applies the peer's SETTINGS_HEADER_TABLE_SIZE: the table shrinks to it (never grows past 4096). */
    void setPeerMaxTableSize(long peerSetting) {
        int size = (int) Math.min(peerSetting, DEFAULT_TABLE_SIZE);
        if (size == table.maxSize() && pendingSize < 0) {
            return;
        }
        pendingMinSize = pendingMinSize < 0 ? size : Math.min(pendingMinSize, size);
        pendingSize = size;
        table.setMaxSize(size);
    }

    /** Starts a header block: announces a table size change made since the last one (§4.2). */
    void beginBlock(ByteSink out) {
        if (pendingSize < 0) {
            return;
        }
        if (pendingMinSize < pendingSize) {
            writeInt(out, 0x20, 5, pendingMinSize);
        }
        writeInt(out, 0x20, 5, pendingSize);
        pendingMinSize = -1;
        pendingSize = -1;
    }

    /** Writes one field; a field written before with the same two strings may be copied from the cache. */
    void encode(String name, String value, ByteSink out) {
        if (!encodeCached(name, value, out)) {
            encode(name, name, value, out);
        }
    }

    /**
     * Writes the field last given to {@link #encode(String, String, String, ByteSink)} as {@code givenName} and
     * {@code value}, these very strings, if the cache still holds its bytes.
     *
     * @return whether it was written; if not, the caller lowers the name and calls that method
     */
    boolean encodeCached(String givenName, String value, ByteSink out) {
        byte[] cached = cache.find(givenName, value, table.version());
        if (cached == null) {
            return false;
        }
        out.append(cached);
        return true;
    }

    /**
     * Writes the field {@code name} (lower case) with {@code value}, and lets the cache keep its bytes under
     * {@code givenName}, the string the name came as (lowering one string always gives the same name).
     */
    void encode(String givenName, String name, String value, ByteSink out) {
        int start = out.size();
        long validAt = encodeFresh(name, value, out);
        if (validAt != UNCACHEABLE) {
            cache.offer(givenName, value, out.array(), start, out.size(), validAt);
        }
    }

    /**
     * Writes one field from the tables, returning the table version its bytes hold at ({@link
     * HpackFieldCache#ANY_TABLE} if they name no dynamic entry), or {@link #UNCACHEABLE} if the field was added
     * to the table or is sensitive. A field left out of the table for its size is versioned too: a larger table
     * would take it.
     */
    private long encodeFresh(String name, String value, ByteSink out) {
        int exact = HpackStaticTable.indexOf(name, value);
        long validAt = HpackFieldCache.ANY_TABLE;
        if (exact == 0) {
            int dynamic = table.indexOf(name, value);
            exact = dynamic < 0 ? 0 : dynamic + HpackStaticTable.LENGTH + 1;
            validAt = table.version();
        }
        if (exact != 0) {
            writeInt(out, 0x80, 7, exact);
            return validAt;
        }
        validAt = HpackFieldCache.ANY_TABLE;
        int nameIndex = HpackStaticTable.indexOfName(name);
        if (nameIndex == 0) {
            int dynamic = table.indexOfName(name);
            nameIndex = dynamic < 0 ? 0 : dynamic + HpackStaticTable.LENGTH + 1;
            validAt = table.version();
        }
        if (NEVER_INDEXED.contains(name) || (name.equals("cookie") && value.length() < SHORT_COOKIE)) {
            writeInt(out, 0x10, 4, nameIndex);
            validAt = UNCACHEABLE;
        } else if (NOT_INDEXED.contains(name)) {
            writeInt(out, 0x00, 4, nameIndex);
        } else if (HpackDynamicTable.sizeOf(name, value) > table.maxSize() / 4) {
            writeInt(out, 0x00, 4, nameIndex);
            validAt = table.version();
        } else {
            writeInt(out, 0x40, 6, nameIndex);
            table.add(name, value);
            validAt = UNCACHEABLE;
        }
        if (nameIndex == 0) {
            writeString(out, name);
        }
        writeString(out, value);
        return validAt;
    }

    /** §5.1: {@code value} with an N-bit prefix, the first byte's other bits being {@code pattern}. */
    static void writeInt(ByteSink out, int pattern, int prefixBits, int value) {
        int max = (1 << prefixBits) - 1;
        if (value < max) {
            out.append((byte) (pattern | value));
            return;
        }
        out.append((byte) (pattern | max));
        int rest = value - max;
        while (rest >= 0x80) {
            out.append((byte) ((rest & 0x7F) | 0x80));
            rest >>>= 7;
        }
        out.append((byte) rest);
    }

    private static void writeString(ByteSink out, String s) {
        int huffmanLength = Huffman.encodedLength(s);
        if (huffmanLength < s.length()) {
            writeInt(out, 0x80, 7, huffmanLength);
            Huffman.encode(s, out);
        } else {
            writeInt(out, 0x00, 7, s.length());
            out.appendLatin1(s);
        }
    }
}
