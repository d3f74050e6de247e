package dev.gyre.http2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.gyre.http.codec.ByteSink;
import dev.gyre.support.FuzzRuns;
import java.util.ArrayList;
import java.util.List;

/**
 * Coverage-guided fuzzing of {@link HpackDecoder}, and through it of {@link HpackEncoder} and {@link Huffman}
 * (docs/fuzzing.md). Inputs live under {@code src/test/resources/dev/gyre/http2/HpackDecoderFuzzTestInputs/<method>/}.
 *
 * <p>The fuzzer writes up to three header blocks decoded in turn on one connection's table, under a table
 * size and a header list limit it also chooses. For any such input:
 * <ul>
 *   <li>no exception escapes but COMPRESSION_ERROR, after which the connection would be over;</li>
 *   <li>the dynamic table never exceeds the size announced; the fields handed out never exceed the list
 *       limit (§4.1 sizes), so a bomb cannot grow memory;</li>
 *   <li>the fields of every block that fitted, encoded again by our encoder, block after block, decode to
 *       the same fields.</li>
 * </ul>
 */
class HpackDecoderFuzzTest {
    @FuzzTest(maxDuration = FuzzRuns.SHORT)
    void blocksDecodeWithinTheirLimitsAndEncodeBack(FuzzedDataProvider data) {
        int tableSize = data.consumeInt(0, 4096);
        int listLimit = data.consumeInt(1, 16 * 1024);
        int blocks = data.consumeInt(1, 3);
        HpackDecoder decoder = new HpackDecoder(tableSize, listLimit);
        HpackEncoder encoder = new HpackEncoder();
        HpackDecoder echo = new HpackDecoder(4096, Integer.MAX_VALUE);
        for (int i = 0; i < blocks; i++) {
            byte[] block = i == blocks - 1 ? data.consumeRemainingAsBytes() : data.consumeBytes(data.consumeInt(0, 512));
            List<String[]> fields = new ArrayList<>();
            boolean fits;
            try {
                fits = decoder.decode(block, 0, block.length, (n, v) -> fields.add(new String[] {n, v}));
            } catch (Http2Exception e) {
                assertEquals(Http2ErrorCode.COMPRESSION_ERROR, e.code());
                return;
            }
            assertTrue(decoder.tableSize() <= tableSize, "table of " + decoder.tableSize() + " > " + tableSize);
            long handedOut = fields.stream().mapToLong(f -> HpackDynamicTable.sizeOf(f[0], f[1])).sum();
            assertTrue(handedOut <= listLimit, "handed out " + handedOut + " > " + listLimit);
            if (fits) {
                ByteSink out = new ByteSink();
                encoder.beginBlock(out);
                for (String[] f : fields) {
                    encoder.encode(f[0], f[1], out);
                }
                List<String[]> again = new ArrayList<>();
                try {
                    echo.decode(out.array(), 0, out.size(), (n, v) -> again.add(new String[] {n, v}));
                } catch (Http2Exception e) {
                    throw new AssertionError("our encoder wrote a block our decoder refuses: " + e.getMessage(), e);
                }
                assertEquals(describe(fields), describe(again), "encoded again");
            }
        }
    }

    private static List<String> describe(List<String[]> fields) {
        return fields.stream().map(f -> f[0] + "\0" + f[1]).toList();
    }
}
