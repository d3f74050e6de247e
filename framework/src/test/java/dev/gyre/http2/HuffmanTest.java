package dev.gyre.http2;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.gyre.http.codec.ByteSink;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class HuffmanTest {
    @Test
    void theTableIsACompletePrefixCode() {
        double kraft = 0;
        for (int symbol = 0; symbol <= 256; symbol++) {
            kraft += Math.pow(2, -Huffman.LENGTHS[symbol]);
            assertEquals(0, Huffman.CODES[symbol] >>> Huffman.LENGTHS[symbol], "code of " + symbol + " fits");
        }
        assertEquals(1.0, kraft, 1e-12);
    }

    @Test
    void encodesTheRfcExamples() {
        assertArrayEquals(Hex.bytes("f1e3 c2e5 f23a 6ba0 ab90 f4ff"), encode("www.example.com"));
        assertArrayEquals(Hex.bytes("a8eb 1064 9cbf"), encode("no-cache"));
        assertArrayEquals(Hex.bytes("25a8 49e9 5ba9 7d7f"), encode("custom-key"));
        assertArrayEquals(Hex.bytes("6402"), encode("302"));
        assertArrayEquals(Hex.bytes("9d29 ad17 1863 c78f 0b97 c8e9 ae82 ae43 d3"), encode("https://www.example.com"));
    }

    @Test
    void everyByteValueRoundTrips() {
        byte[] all = new byte[256];
        for (int i = 0; i < 256; i++) {
            all[i] = (byte) i;
        }
        String s = new String(all, StandardCharsets.ISO_8859_1);
        assertEquals(s, decode(encode(s)));
        Random random = new Random(7);
        for (int round = 0; round < 500; round++) {
            byte[] bytes = new byte[random.nextInt(40)];
            random.nextBytes(bytes);
            String t = new String(bytes, StandardCharsets.ISO_8859_1);
            assertEquals(t, decode(encode(t)));
            assertEquals(encode(t).length, Huffman.encodedLength(t));
        }
    }

    @Test
    void refusesEosPaddingTooLongAndPaddingOfZeros() {
        assertEquals(-1, Huffman.decode(Hex.bytes("ffff fffc"), 0, 4, new byte[8]), "EOS (30 ones) in the data");
        assertEquals(-1, Huffman.decode(Hex.bytes("1fff"), 0, 2, new byte[8]), "'0' then 11 bits of padding");
        assertEquals(-1, Huffman.decode(Hex.bytes("00"), 0, 1, new byte[8]), "'0' then three zero bits");
        assertEquals(1, Huffman.decode(Hex.bytes("07"), 0, 1, new byte[8]), "'0' then three one bits is fine");
        assertEquals(0, Huffman.decode(new byte[0], 0, 0, new byte[0]));
    }

    private static byte[] encode(String s) {
        ByteSink out = new ByteSink();
        Huffman.encode(s, out);
        return Arrays.copyOf(out.array(), out.size());
    }

    private static String decode(byte[] b) {
        byte[] dst = new byte[b.length * 8 / 5];
        int n = Huffman.decode(b, 0, b.length, dst);
        return new String(dst, 0, n, StandardCharsets.ISO_8859_1);
    }
}
