package dev.gyre.http2;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gyre.http.codec.ByteSink;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;

class HpackEncoderTest {
    @Test
    void encodesTheRfcRequestsWithHuffmanByteForByte() {
        HpackEncoder e = new HpackEncoder();
        assertArrayEquals(Hex.bytes(HpackDecoderTest.C4_1), encode(e, HpackDecoderTest.C3_1));
        assertArrayEquals(Hex.bytes(HpackDecoderTest.C4_2), encode(e, HpackDecoderTest.C3_2));
        assertArrayEquals(Hex.bytes(HpackDecoderTest.C4_3), encode(e, HpackDecoderTest.C3_3));
    }

    @Test
    void integersUseTheirPrefixAsRfcC1Shows() {
        ByteSink out = new ByteSink();
        HpackEncoder.writeInt(out, 0, 5, 10);
        HpackEncoder.writeInt(out, 0, 5, 1337);
        HpackEncoder.writeInt(out, 0, 8, 42);
        assertArrayEquals(Hex.bytes("0a 1f9a0a 2a"), Arrays.copyOf(out.array(), out.size()));
    }

    @Test
    void sensitiveAndChangingFieldsStayOutOfTheTable() throws Exception {
        HpackEncoder e = new HpackEncoder();
        byte[] first = encode(e, List.of("authorization: Bearer abc", "date: Mon, 21 Oct 2013 20:13:21 GMT",
                "content-type: text/plain"));
        byte[] second = encode(e, List.of("authorization: Bearer abc", "date: Mon, 21 Oct 2013 20:13:21 GMT",
                "content-type: text/plain"));
        assertEquals(0x10, first[0] & 0xF0, "authorization is never indexed");
        assertEquals(0xBE, second[second.length - 1] & 0xFF,
                "content-type was indexed: the second block ends with the index 62");
        HpackDecoder d = new HpackDecoder(4096, 1 << 20);
        decode(d, first);
        decode(d, second);
        assertEquals(HpackDynamicTable.sizeOf("content-type", "text/plain"), d.tableSize());
    }

    @Test
    void aSmallerPeerTableIsAnnouncedAtTheNextBlock() throws Exception {
        HpackEncoder e = new HpackEncoder();
        HpackDecoder d = new HpackDecoder(4096, 1 << 20);
        decode(d, encode(e, List.of("x-a: 1")));
        e.setPeerMaxTableSize(0);
        e.setPeerMaxTableSize(200);
        byte[] block = encode(e, List.of("x-b: 2"));
        assertEquals(0x20, block[0] & 0xFF, "first the smallest size, 0");
        assertEquals(List.of("x-b: 2"), decode(d, block));
        assertEquals(HpackDynamicTable.sizeOf("x-b", "2"), d.tableSize());
    }

    @Test
    void randomHeaderListsRoundTripThroughTheDecoder() throws Exception {
        Random random = new Random(11);
        HpackEncoder e = new HpackEncoder();
        HpackDecoder d = new HpackDecoder(4096, 1 << 20);
        String[] names = {"content-type", "x-trace", "cache-control", "set-cookie", "vary", "x-long"};
        for (int round = 0; round < 300; round++) {
            List<String> fields = new ArrayList<>();
            for (int i = random.nextInt(8); i >= 0; i--) {
                String name = names[random.nextInt(names.length)];
                String value = name.equals("x-long") ? "v".repeat(random.nextInt(3000)) : "v" + random.nextInt(20);
                fields.add(name + ": " + value);
            }
            assertEquals(fields, decode(d, encode(e, fields)));
            assertTrue(d.tableSize() <= 4096);
        }
    }

    @Test
    void fieldsRepeatedAsTheSameStringsEncodeAsFreshOnesDoThroughTableChanges() throws Exception {
        Random random = new Random(29);
        String[][] fields = {
            {"content-type", "text/plain"}, {"content-type", "application/json"}, {"server", "gyre"},
            {"date", "Mon, 21 Oct 2013 20:13:21 GMT"}, {"date", "Mon, 21 Oct 2013 20:13:22 GMT"},
            {"content-length", "13"}, {"x-trace", "abc"}, {"cache-control", "no-cache"}, {"vary", "accept"},
            {"x-big", "b".repeat(900)}, {"set-cookie", "id=1"}, {":status", "200"}, {":status", "404"},
        };
        HpackEncoder reused = new HpackEncoder();
        HpackEncoder fresh = new HpackEncoder();
        HpackDecoder d = new HpackDecoder(4096, 1 << 20);
        for (int round = 0; round < 2000; round++) {
            if (random.nextInt(50) == 0) {
                int size = random.nextInt(5) * 1024;
                reused.setPeerMaxTableSize(size);
                fresh.setPeerMaxTableSize(size);
            }
            List<String[]> block = new ArrayList<>();
            for (int i = random.nextInt(6); i >= 0; i--) {
                block.add(fields[random.nextInt(fields.length)]);
            }
            ByteSink a = new ByteSink();
            ByteSink b = new ByteSink();
            reused.beginBlock(a);
            fresh.beginBlock(b);
            List<String> expected = new ArrayList<>();
            for (String[] field : block) {
                reused.encode(field[0], field[1], a);
                fresh.encode(new String(field[0]), new String(field[1]), b);
                expected.add(field[0] + ": " + field[1]);
            }
            byte[] cachedBytes = Arrays.copyOf(a.array(), a.size());
            assertArrayEquals(Arrays.copyOf(b.array(), b.size()), cachedBytes, "round " + round);
            assertEquals(expected, decode(d, cachedBytes), "round " + round);
        }
    }

    @Test
    void aNewDateStringIsEncodedAfreshNotTakenFromTheCache() throws Exception {
        HpackEncoder e = new HpackEncoder();
        HpackDecoder d = new HpackDecoder(4096, 1 << 20);
        String first = "Mon, 21 Oct 2013 20:13:21 GMT";
        String next = "Mon, 21 Oct 2013 20:13:22 GMT";
        List<String> received = new ArrayList<>();
        for (String date : List.of(first, first, first, next, next)) {
            received.addAll(decode(d, encode(e, "date", date, "server", "gyre")));
        }
        assertEquals(List.of("date: " + first, "server: gyre", "date: " + first, "server: gyre",
                "date: " + first, "server: gyre", "date: " + next, "server: gyre", "date: " + next, "server: gyre"),
                received);
    }

    @Test
    void aFieldIsFoundByTheNameStringItCameAsAndSentLowered() throws Exception {
        String given = "X-Trace";
        String value = "abc";
        HpackEncoder e = new HpackEncoder();
        HpackDecoder d = new HpackDecoder(4096, 1 << 20);
        byte[] first = encodeAsOutboundFlowDoes(e, given, value);
        assertEquals(List.of("x-trace: abc"), decode(d, first));
        byte[] indexed = encodeAsOutboundFlowDoes(e, given, value);
        assertEquals(List.of("x-trace: abc"), decode(d, indexed));
        assertArrayEquals(indexed, encodeAsOutboundFlowDoes(e, given, value), "the cache's bytes are the table's");
        assertEquals(List.of("x-trace: abc"), decode(d, encodeAsOutboundFlowDoes(e, given, value)));
        ByteSink out = new ByteSink();
        assertTrue(e.encodeCached(given, value, out), "the same two strings, seen before, are cached");
        assertFalse(e.encodeCached(new String(given), value, out), "an equal name in another string is not");
        assertFalse(e.encodeCached(given, new String(value), out), "nor an equal value in another string");
    }

    /** One field in a block of its own: from the cache by its given name, else lowered and encoded. */
    private static byte[] encodeAsOutboundFlowDoes(HpackEncoder e, String given, String value) {
        ByteSink out = new ByteSink();
        e.beginBlock(out);
        if (!e.encodeCached(given, value, out)) {
            e.encode(given, given.toLowerCase(Locale.ROOT), value, out);
        }
        return Arrays.copyOf(out.array(), out.size());
    }

    /** Encodes one block of the given strings themselves (names and values interleaved), as a server repeats them. */
    private static byte[] encode(HpackEncoder e, String... namesAndValues) {
        ByteSink out = new ByteSink();
        e.beginBlock(out);
        for (int i = 0; i < namesAndValues.length; i += 2) {
            e.encode(namesAndValues[i], namesAndValues[i + 1], out);
        }
        return Arrays.copyOf(out.array(), out.size());
    }

    private static byte[] encode(HpackEncoder e, List<String> fields) {
        ByteSink out = new ByteSink();
        e.beginBlock(out);
        for (String field : fields) {
            int colon = field.indexOf(": ", 1);
            e.encode(field.substring(0, colon), field.substring(colon + 2), out);
        }
        return Arrays.copyOf(out.array(), out.size());
    }

    private static List<String> decode(HpackDecoder d, byte[] block) throws Http2Exception {
        List<String> fields = new ArrayList<>();
        d.decode(block, 0, block.length, (n, v) -> fields.add(n + ": " + v));
        return fields;
    }
}
