package dev.gyre.http2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gyre.http.codec.ByteSink;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** RFC 7541 Appendix C, block by block with the table state the RFC prints, and malformed blocks. */
class HpackDecoderTest {
    @Test
    void c2_1_literalWithIndexing() throws Exception {
        HpackDecoder d = new HpackDecoder(4096, 1 << 20);
        assertEquals(List.of("custom-key: custom-header"),
                decode(d, "400a 6375 7374 6f6d 2d6b 6579 0d63 7573 746f 6d2d 6865 6164 6572"));
        assertEquals(55, d.tableSize());
    }

    @Test
    void c2_2_literalWithoutIndexing() throws Exception {
        HpackDecoder d = new HpackDecoder(4096, 1 << 20);
        assertEquals(List.of(":path: /sample/path"), decode(d, "040c 2f73 616d 706c 652f 7061 7468"));
        assertEquals(0, d.tableSize());
    }

    @Test
    void c2_3_literalNeverIndexed() throws Exception {
        HpackDecoder d = new HpackDecoder(4096, 1 << 20);
        assertEquals(List.of("password: secret"), decode(d, "1008 7061 7373 776f 7264 0673 6563 7265 74"));
        assertEquals(0, d.tableSize());
    }

    @Test
    void c2_4_indexed() throws Exception {
        HpackDecoder d = new HpackDecoder(4096, 1 << 20);
        assertEquals(List.of(":method: GET"), decode(d, "82"));
        assertEquals(0, d.tableSize());
    }

    @Test
    void c3_requestsWithoutHuffman() throws Exception {
        HpackDecoder d = new HpackDecoder(4096, 1 << 20);
        assertEquals(C3_1, decode(d, "8286 8441 0f77 7777 2e65 7861 6d70 6c65 2e63 6f6d"));
        assertEquals(57, d.tableSize());
        assertEquals(C3_2, decode(d, "8286 84be 5808 6e6f 2d63 6163 6865"));
        assertEquals(110, d.tableSize());
        assertEquals(C3_3, decode(d, "8287 85bf 400a 6375 7374 6f6d 2d6b 6579 0c63 7573 746f 6d2d 7661 6c75 65"));
        assertEquals(164, d.tableSize());
    }

    @Test
    void c4_requestsWithHuffman() throws Exception {
        HpackDecoder d = new HpackDecoder(4096, 1 << 20);
        assertEquals(C3_1, decode(d, C4_1));
        assertEquals(57, d.tableSize());
        assertEquals(C3_2, decode(d, C4_2));
        assertEquals(110, d.tableSize());
        assertEquals(C3_3, decode(d, C4_3));
        assertEquals(164, d.tableSize());
    }

    @Test
    void c5_responsesWithoutHuffmanEvicting() throws Exception {
        HpackDecoder d = new HpackDecoder(256, 1 << 20);
        assertEquals(C5_1, decode(d, """
                4803 3330 3258 0770 7269 7661 7465 611d 4d6f 6e2c 2032 3120 4f63 7420 3230 3133
                2032 303a 3133 3a32 3120 474d 546e 1768 7474 7073 3a2f 2f77 7777 2e65 7861 6d70
                6c65 2e63 6f6d"""));
        assertEquals(222, d.tableSize());
        assertEquals(C5_2, decode(d, "4803 3330 37c1 c0bf"));
        assertEquals(222, d.tableSize());
        assertEquals(C5_3, decode(d, """
                88c1 611d 4d6f 6e2c 2032 3120 4f63 7420 3230 3133 2032 303a 3133 3a32 3220 474d
                54c0 5a04 677a 6970 7738 666f 6f3d 4153 444a 4b48 514b 425a 584f 5157 454f 5049
                5541 5851 5745 4f49 553b 206d 6178 2d61 6765 3d33 3630 303b 2076 6572 7369 6f6e
                3d31"""));
        assertEquals(215, d.tableSize());
    }

    @Test
    void c6_responsesWithHuffmanEvicting() throws Exception {
        HpackDecoder d = new HpackDecoder(256, 1 << 20);
        assertEquals(C5_1, decode(d, """
                4882 6402 5885 aec3 771a 4b61 96d0 7abe 9410 54d4 44a8 2005 9504 0b81 66e0 82a6
                2d1b ff6e 919d 29ad 1718 63c7 8f0b 97c8 e9ae 82ae 43d3"""));
        assertEquals(222, d.tableSize());
        assertEquals(C5_2, decode(d, "4883 640e ffc1 c0bf"));
        assertEquals(222, d.tableSize());
        assertEquals(C5_3, decode(d, """
                88c1 6196 d07a be94 1054 d444 a820 0595 040b 8166 e084 a62d 1bff c05a 839b d9ab
                77ad 94e7 821d d7f2 e6c7 b335 dfdf cd5b 3960 d5af 2708 7f36 72c1 ab27 0fb5 291f
                9587 3160 65c0 03ed 4ee5 b106 3d50 07"""));
        assertEquals(215, d.tableSize());
    }

    @Test
    void malformedBlocksAreCompressionErrors() {
        String[] blocks = {
            "80",                     // index 0
            "be",                     // index 62 with an empty dynamic table
            "ff ff ff ff ff 0f",      // an integer beyond 2^31-1
            "ff 80 80 80 80 80 01",   // too many continuation bytes
            "ff",                     // an integer cut short
            "400a 6375 7374",         // a name longer than what is left
            "40",                     // a literal without its name
            "4081 00",                // invalid Huffman padding (zeros)
            "3fe2 1f",                // a size update to 4096 + 3 > 4096
            "82 20",                  // a size update after a field
        };
        for (String block : blocks) {
            HpackDecoder d = new HpackDecoder(4096, 1 << 20);
            Http2Exception e = assertThrows(Http2Exception.class, () -> decode(d, block), block);
            assertEquals(Http2ErrorCode.COMPRESSION_ERROR, e.code(), block);
            assertTrue(e.isConnectionError());
        }
    }

    @Test
    void sizeUpdatesAtTheStartShrinkAndEvict() throws Exception {
        HpackDecoder d = new HpackDecoder(4096, 1 << 20);
        decode(d, "400a 6375 7374 6f6d 2d6b 6579 0d63 7573 746f 6d2d 6865 6164 6572");
        assertEquals(55, d.tableSize());
        assertEquals(List.of(":method: GET"), decode(d, "20 3f e1 1f 82"));   // to 0, back to 4096
        assertEquals(0, d.tableSize());
        assertThrows(Http2Exception.class, () -> decode(d, "be"), "the evicted entry is gone");
    }

    @Test
    void anHpackBombStopsAtTheListLimitWithoutGrowing() throws Exception {
        // One 4000-byte entry, then 100,000 one-byte references to it: 400 MB if expanded.
        String big = "x".repeat(4000);
        ByteSink block = new ByteSink();
        HpackEncoder.writeInt(block, 0x40, 6, 0);
        HpackEncoder.writeInt(block, 0, 7, 3);
        block.appendAscii("big");
        HpackEncoder.writeInt(block, 0, 7, big.length());
        block.appendAscii(big);
        for (int i = 0; i < 100_000; i++) {
            block.append((byte) 0xBE);
        }
        HpackDecoder d = new HpackDecoder(4096, 16 * 1024);
        List<String> handedOut = new ArrayList<>();
        boolean fits = d.decode(block.array(), 0, block.size(), (n, v) -> handedOut.add(n));
        assertFalse(fits);
        assertEquals(4, handedOut.size(), "only the fields within 16 KiB are handed out");
        assertEquals(4035, d.tableSize(), "the table is still the encoder's");
    }

    static final List<String> C3_1 = List.of(":method: GET", ":scheme: http", ":path: /",
            ":authority: www.example.com");
    static final List<String> C3_2 = List.of(":method: GET", ":scheme: http", ":path: /",
            ":authority: www.example.com", "cache-control: no-cache");
    static final List<String> C3_3 = List.of(":method: GET", ":scheme: https", ":path: /index.html",
            ":authority: www.example.com", "custom-key: custom-value");
    static final String C4_1 = "8286 8441 8cf1 e3c2 e5f2 3a6b a0ab 90f4 ff";
    static final String C4_2 = "8286 84be 5886 a8eb 1064 9cbf";
    static final String C4_3 = "8287 85bf 4088 25a8 49e9 5ba9 7d7f 8925 a849 e95b b8e8 b4bf";
    static final List<String> C5_1 = List.of(":status: 302", "cache-control: private",
            "date: Mon, 21 Oct 2013 20:13:21 GMT", "location: https://www.example.com");
    static final List<String> C5_2 = List.of(":status: 307", "cache-control: private",
            "date: Mon, 21 Oct 2013 20:13:21 GMT", "location: https://www.example.com");
    static final List<String> C5_3 = List.of(":status: 200", "cache-control: private",
            "date: Mon, 21 Oct 2013 20:13:22 GMT", "location: https://www.example.com", "content-encoding: gzip",
            "set-cookie: foo=ASDJKHQKBZXOQWEOPIUAXQWEOIU; max-age=3600; version=1");

    static List<String> decode(HpackDecoder d, String hex) throws Http2Exception {
        byte[] b = Hex.bytes(hex);
        List<String> fields = new ArrayList<>();
        d.decode(b, 0, b.length, (n, v) -> fields.add(n + ": " + v));
        return fields;
    }
}
