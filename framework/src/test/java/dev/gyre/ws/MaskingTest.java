package dev.gyre.ws;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** The word-at-a-time XOR against the byte-at-a-time rule of RFC 6455 §5.3, at every alignment it can meet. */
class MaskingTest {
    private static final byte[] KEY = {0x37, (byte) 0xFA, 0x21, (byte) 0x83};

    @Test
    void agreesWithTheByteAtATimeRuleForEveryKeyIndexLengthAndOffset() {
        Random random = new Random(6455);
        for (int keyIndex = 0; keyIndex < 4; keyIndex++) {
            for (int length = 0; length <= 40; length++) {
                for (int offset = 0; offset < 8; offset++) {
                    byte[] bytes = new byte[offset + length + 8];
                    random.nextBytes(bytes);
                    byte[] expected = bytes.clone();
                    for (int i = 0; i < length; i++) {
                        expected[offset + i] ^= KEY[(keyIndex + i) & 3];
                    }
                    Masking.apply(bytes, offset, length, KEY, keyIndex);
                    assertArrayEquals(expected, bytes,
                            "key index " + keyIndex + ", length " + length + ", offset " + offset);
                }
            }
        }
    }

    @Test
    void keyIndexIsTakenModuloFour() {
        byte[] once = new byte[19];
        byte[] wrapped = new byte[19];
        Masking.apply(once, 0, 19, KEY, 1);
        Masking.apply(wrapped, 0, 19, KEY, 4 * 1000 + 1);
        assertArrayEquals(once, wrapped);
    }
}
