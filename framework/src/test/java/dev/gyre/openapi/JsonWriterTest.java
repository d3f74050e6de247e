package dev.gyre.openapi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class JsonWriterTest {
    @Test
    void escapesQuoteBackslashAndNamedControlCharacters() {
        assertEquals("\"a\\\"b\\\\c\\n\\r\\t\\b\\f\"", JsonWriter.write("a\"b\\c\n\r\t\b\f"));
    }

    @Test
    void escapesOtherControlCharactersAsUnicode() {
        assertEquals("\"\\u0000\\u0001\\u001f\"", JsonWriter.write("\u0000\u0001\u001f"));
    }

    @Test
    void leavesSlashDeleteAndNonAsciiAlone() {
        assertEquals("\"</a>\u007fé€\"", JsonWriter.write("</a>\u007fé€"));
    }

    @Test
    void escapesJavaScriptLineSeparators() {
        assertEquals("\"\\u2028\\u2029\"", JsonWriter.write("\u2028\u2029"));
    }

    @Test
    void keepsSurrogatePairsAndEscapesLoneSurrogates() {
        assertEquals("\"😀\"", JsonWriter.write("😀"));
        assertEquals("\"\\ud83d-\\ude00\"", JsonWriter.write("\ud83d-\ude00"));
        assertEquals("\"x\\ud83d\"", JsonWriter.write("x\ud83d"));
    }

    @Test
    void writesScalars() {
        List<Object> values = Arrays.asList(null, true, false, 1, -2L, (short) 3, (byte) 4, new BigInteger("123456789012345678901"),
                new BigDecimal("1E+3"), 0.5, 1.5f, 'c');
        assertEquals("[null,true,false,1,-2,3,4,123456789012345678901,1000,0.5,1.5,\"c\"]", JsonWriter.write(values));
    }

    @Test
    void rejectsValuesJsonCannotHold() {
        assertThrows(IllegalArgumentException.class, () -> JsonWriter.write(Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> JsonWriter.write(Float.POSITIVE_INFINITY));
        assertThrows(IllegalArgumentException.class, () -> JsonWriter.write(Map.of(1, "one")));
        assertThrows(IllegalArgumentException.class, () -> JsonWriter.write(new Object()));
    }

    @Test
    void keepsMapIterationOrder() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("z", 1);
        map.put("a", 2);
        assertEquals("{\"z\":1,\"a\":2}", JsonWriter.write(map));
        assertEquals("{\"a\":2,\"z\":1}", JsonWriter.write(new TreeMap<>(map)));
    }

    @Test
    void prettyPrintsWithTwoSpaceIndentAndFinalNewline() {
        Map<String, Object> inner = new LinkedHashMap<>();
        inner.put("b", List.of(1, 2));
        inner.put("c", new LinkedHashMap<>());
        inner.put("d", new ArrayList<>());
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("a", inner);
        assertEquals("""
                {
                  "a": {
                    "b": [
                      1,
                      2
                    ],
                    "c": {},
                    "d": []
                  }
                }
                """, JsonWriter.writePretty(map));
    }

    @Test
    void compactOutputHasNoWhitespace() {
        assertEquals("{\"a\":[{},[]]}", JsonWriter.write(Map.of("a", List.of(Map.of(), List.of()))));
    }
}
