package dev.gyre.http.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ByteSinkTest {
    private static String text(ByteSink s) {
        return new String(s.array(), 0, s.size(), StandardCharsets.ISO_8859_1);
    }

    @Test
    void appendsAndGrows() {
        ByteSink s = new ByteSink(1);
        s.append((byte) 'a').append(new byte[] {'b', 'c'}).append(new byte[] {'x', 'd', 'y'}, 1, 1)
                .appendAscii("e".repeat(100)).appendLatin1("\u00e9");
        assertEquals("abcd" + "e".repeat(100) + "\u00e9", text(s));
        assertEquals(105, s.size());
    }

    @Test
    void appendsDecimals() {
        ByteSink s = new ByteSink();
        for (long v : new long[] {0, 7, 10, 12345, -1, -90, Long.MAX_VALUE, Long.MIN_VALUE}) {
            s.clear();
            assertEquals(Long.toString(v), text(s.appendDecimal(v)));
        }
    }

    @Test
    void clearKeepsTheArray() {
        ByteSink s = new ByteSink(64);
        byte[] array = s.appendAscii("hello").array();
        s.clear();
        assertEquals(0, s.size());
        assertSame(array, s.appendAscii("again").array());
    }

    @Test
    void refusesCharactersOutsideTheCharset() {
        assertThrows(IllegalArgumentException.class, () -> new ByteSink().appendAscii("\u00e9"));
        assertThrows(IllegalArgumentException.class, () -> new ByteSink().appendLatin1("\u20ac"));
    }
}
