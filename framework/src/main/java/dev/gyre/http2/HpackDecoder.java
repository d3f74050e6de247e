package dev.gyre.http2;

import static dev.gyre.http2.Http2ErrorCode.COMPRESSION_ERROR;

import dev.gyre.http2.config.Http2Limits;
import java.nio.charset.StandardCharsets;

/**
 * Decodes a whole header block (RFC 7541 §6) into header fields, keeping the connection's dynamic table.
 *
 * <p><b>Bounds.</b> The header list a block decodes to is measured as §4.1 measures the table (name + value +
 * 32 per field). Once it passes {@code maxHeaderListSize} the decoder stops handing out fields but goes on
 * decoding to the end, so that the dynamic table stays the one the peer's encoder has, and {@link #decode}
 * returns {@code false}: the stream is answered 431, the connection lives on. A field is never built beyond
 * that point, so an HPACK bomb (one large entry referenced by a thousand one-byte indexes) costs a thousand
 * index look-ups and no memory. A string is never longer than the block it is in, which the frame layer has
 * already bounded ({@link Http2Limits#maxHeaderBlockBytes()}), so nothing is allocated beyond what arrived.
 *
 * <table>
 *   <caption>Malformed blocks: each a connection error COMPRESSION_ERROR (RFC 9113 §4.3)</caption>
 *   <tr><td>index 0, or past the static and dynamic tables (§2.3.3)</td></tr>
 *   <tr><td>an integer beyond 2<sup>31</sup>-1 or with more than 5 continuation bytes (§5.1)</td></tr>
 *   <tr><td>a string longer than the bytes left, or invalid Huffman code or padding (§5.2)</td></tr>
 *   <tr><td>a table size update above SETTINGS_HEADER_TABLE_SIZE, or after the first field (§4.2, §6.3)</td></tr>
 * </table>
 *
 * <p>Not thread-safe: one per connection, on its loop thread.
 */
final class HpackDecoder {
    /** Receives the fields of a block in order. */
    interface FieldSink {
        void field(String name, String value);
    }

    private final HpackDynamicTable table;
    private final int maxTableSizeSetting;
    private final int maxHeaderListSize;

    private byte[] block;
    private int pos;
    private int end;
    private byte[] huffmanScratch = new byte[64];

    /**
     * @param maxTableSizeSetting the SETTINGS_HEADER_TABLE_SIZE this endpoint announced: the most the peer may
     *                            make the table
     * @param maxHeaderListSize   the largest header list handed out, measured as §4.1 measures entries
     */
    HpackDecoder(int maxTableSizeSetting, int maxHeaderListSize) {
        this.table = new HpackDynamicTable(maxTableSizeSetting);
        this.maxTableSizeSetting = maxTableSizeSetting;
        this.maxHeaderListSize = maxHeaderListSize;
    }

    /**
     * Decodes {@code length} bytes of {@code src} from {@code offset}, handing each field to {@code sink}.
     *
     * @return {@code true} if every field was handed out, {@code false} if the list grew past the limit and
     *         the fields after that point were decoded (for the table) but not handed out
     * @throws Http2Exception a connection error COMPRESSION_ERROR if the block is malformed
     */
    boolean decode(byte[] src, int offset, int length, FieldSink sink) throws Http2Exception {
        block = src;
        pos = offset;
        end = offset + length;
        long listSize = 0;
        boolean fieldSeen = false;
        try {
            while (pos < end) {
                int b = block[pos] & 0xFF;
                String name;
                String value;
                if ((b & 0x80) != 0) {                                 // §6.1 indexed field
                    int index = readInt(7);
                    name = nameAt(index);
                    value = valueAt(index);
                } else if ((b & 0xC0) == 0x40) {                       // §6.2.1 literal, incremental indexing
                    int index = readInt(6);
                    name = index == 0 ? readString() : nameAt(index);
                    value = readString();
                    table.add(name, value);
                } else if ((b & 0xE0) == 0x20) {                       // §6.3 dynamic table size update
                    if (fieldSeen) {
                        throw error("table size update after a field");
                    }
                    int size = readInt(5);
                    if (size > maxTableSizeSetting) {
                        throw error("table size update " + size + " above " + maxTableSizeSetting);
                    }
                    table.setMaxSize(size);
                    continue;
                } else {                                               // §6.2.2 / §6.2.3 without / never indexed
                    int index = readInt(4);
                    name = index == 0 ? readString() : nameAt(index);
                    value = readString();
                }
                fieldSeen = true;
                listSize += HpackDynamicTable.sizeOf(name, value);
                if (listSize <= maxHeaderListSize) {
                    sink.field(name, value);
                }
            }
        } finally {
            block = null;
        }
        return listSize <= maxHeaderListSize;
    }

    /** The dynamic table's current size in octets (§4.1). */
    int tableSize() {
        return table.size();
    }

    private String nameAt(int index) throws Http2Exception {
        checkIndex(index);
        return index <= HpackStaticTable.LENGTH
                ? HpackStaticTable.name(index) : table.name(index - HpackStaticTable.LENGTH - 1);
    }

    private String valueAt(int index) throws Http2Exception {
        return index <= HpackStaticTable.LENGTH
                ? HpackStaticTable.value(index) : table.value(index - HpackStaticTable.LENGTH - 1);
    }

    private void checkIndex(int index) throws Http2Exception {
        if (index == 0 || index > HpackStaticTable.LENGTH + table.length()) {
            throw error("index " + index + " is not in the tables");
        }
    }

    /** §5.1: an integer with an N-bit prefix, starting in the byte at {@code pos}. */
    private int readInt(int prefixBits) throws Http2Exception {
        int mask = (1 << prefixBits) - 1;
        int value = block[pos++] & mask;
        if (value < mask) {
            return value;
        }
        long total = value;
        for (int shift = 0; shift <= 28; shift += 7) {
            if (pos == end) {
                throw error("integer cut short");
            }
            int b = block[pos++] & 0xFF;
            total += (long) (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                if (total > Integer.MAX_VALUE) {
                    break;
                }
                return (int) total;
            }
        }
        throw error("integer too large");
    }

    /** §5.2: a string literal, Huffman-coded or not. */
    private String readString() throws Http2Exception {
        if (pos == end) {
            throw error("string length missing");
        }
        boolean huffman = (block[pos] & 0x80) != 0;
        int length = readInt(7);
        if (length > end - pos) {
            throw error("string of " + length + " bytes with " + (end - pos) + " left");
        }
        int start = pos;
        pos += length;
        if (!huffman) {
            return new String(block, start, length, StandardCharsets.ISO_8859_1);
        }
        int most = length * 8 / 5;
        if (huffmanScratch.length < most) {
            huffmanScratch = new byte[Math.max(most, huffmanScratch.length * 2)];
        }
        int decoded = Huffman.decode(block, start, length, huffmanScratch);
        if (decoded < 0) {
            throw error("invalid Huffman code");
        }
        return new String(huffmanScratch, 0, decoded, StandardCharsets.ISO_8859_1);
    }

    /** Drops a Huffman scratch buffer larger than {@code most} bytes that a long string made (between blocks). */
    void shrink(int most) {
        if (huffmanScratch.length > most) {
            huffmanScratch = new byte[64];
        }
    }

    private static Http2Exception error(String message) {
        return Http2Exception.connection(COMPRESSION_ERROR, "HPACK: " + message);
    }
}
