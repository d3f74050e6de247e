package dev.gyre.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.gyre.support.FuzzRuns;
import java.util.Arrays;

/**
 * Coverage-guided fuzzing of {@link ProxyHeaderDecoder} (docs/fuzzing.md): the first bytes of a connection on
 * a PROXY protocol listener are anybody's. Inputs live under
 * {@code src/test/resources/dev/gyre/proxy/ProxyHeaderDecoderFuzzTestInputs/<method>/}.
 */
class ProxyHeaderDecoderFuzzTest {

    /**
     * No exception; whole, byte by byte and in pieces the first byte chooses, the same decision, header and
     * header length; never more read than the version allows; what each run gives back is exactly the
     * input's bytes after the header.
     */
    @FuzzTest(maxDuration = FuzzRuns.SHORT)
    void anyBytesDecodeTheSameWayWhateverTheSplit(byte[] input) {
        DecoderRun whole = DecoderRun.of(input, Integer.MAX_VALUE);
        int piece = input.length == 0 ? 1 : 1 + (input[0] & 0x1F);
        for (DecoderRun run : new DecoderRun[] {whole, DecoderRun.of(input, 1), DecoderRun.of(input, piece)}) {
            assertEquals(whole.decision(), run.decision(), "byte by byte or in pieces of " + piece);
            holds(input, run);
        }
    }

    private static void holds(byte[] input, DecoderRun run) {
        assertTrue(run.read() <= 16 + ProxyHeaderDecoder.MAX_V2_BLOCK, "read " + run.read());
        switch (run.status()) {
            case NEED_MORE -> assertEquals(input.length, run.read(), "waits only when the input ran out");
            case FAILED -> assertNotNull(run.failure());
            case DONE -> {
                assertNotNull(run.header());
                int length = run.headerLength();
                assertTrue(length > 0, "a header of " + length + " bytes");
                assertEquals(Arrays.toString(Arrays.copyOfRange(input, length, run.read())),
                        Arrays.toString(run.rest()), "the rest is what followed the header");
                if (input[0] == 'P') {
                    assertTrue(run.read() <= ProxyHeaderDecoder.MAX_V1, "a v1 line read " + run.read());
                    assertEquals('\n', input[length - 1]);
                } else {
                    assertEquals(0, run.rest().length, "nothing is read past a v2 header");
                }
                if (run.header().source() != null) {
                    assertNotNull(run.header().destination());
                }
            }
        }
    }
}
