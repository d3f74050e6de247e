package dev.gyre.multipart;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.gyre.support.FuzzRuns;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Coverage-guided fuzzing of {@link MultipartParser} (docs/fuzzing.md). Inputs live under
 * {@code src/test/resources/dev/gyre/multipart/MultipartParserFuzzTestInputs/<method>/}.
 *
 * <p>For any body a client may send, with the default limits or tight ones:
 * <ul>
 *   <li>no exception escapes but a {@link MultipartException} of 400 or 413, and the listener sees data only
 *       inside a part and never an empty piece ({@link RecordingListener});</li>
 *   <li>whole, byte by byte and in fuzzer-seeded pieces, the same parts and the same failure;</li>
 *   <li>a form that parses holds no more data than its input, and its parts written again as a plain form
 *       (each header field as parsed, the content as it was) parse to the same parts.</li>
 * </ul>
 */
class MultipartParserFuzzTest {
    private static final String B = "XyZ-42";
    private static final MultipartLimits TIGHT = MultipartLimits.defaults().withMaxFileSize(40).withMaxFieldSize(20)
            .withMaxFiles(2).withMaxFields(3).withMaxFormSize(600).withMaxPartHeaderSize(120);
    private static final MultipartLimits ROOMY = MultipartLimits.defaults().withMaxPartHeaderSize(1 << 20);

    private static void check(boolean tight, long splitSeed, byte[] body) {
        MultipartLimits limits = tight ? TIGHT : MultipartLimits.defaults();
        RecordingListener parsed = new RecordingListener();
        List<String> whole = RecordingListener.parse(B, body, limits, parsed);
        assertEquals(whole, RecordingListener.parse(B, body, 1, limits), "byte by byte");
        assertEquals(whole, RecordingListener.parseInRandomPieces(B, body, splitSeed, limits), "random pieces");
        boolean failed = whole.size() > parsed.parts.size();
        if (failed) {
            String failure = whole.getLast();
            assertTrue(failure.startsWith("400: malformed multipart body: ") || failure.startsWith("413: "), failure);
            return;
        }
        long data = parsed.contents.stream().mapToLong(c -> c.length).sum();
        assertTrue(data <= body.length, "more data than input");
        assertEquals(whole, RecordingListener.parse(B, reencode(parsed), ROOMY, new RecordingListener()),
                "the parts written again");
    }

    /** The parts as a minimal form: each header field as parsed, the content as it was, the closing delimiter. */
    private static byte[] reencode(RecordingListener parsed) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < parsed.heads.size(); i++) {
            out.writeBytes(("--" + B + "\r\n").getBytes(StandardCharsets.US_ASCII));
            PartHead head = parsed.heads.get(i);
            head.headers().forEach((name, values) -> values.forEach(value ->
                    out.writeBytes((name + ": " + value + "\r\n").getBytes(StandardCharsets.UTF_8))));
            out.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
            out.writeBytes(parsed.contents.get(i));
            out.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
        }
        out.writeBytes(("--" + B + "--").getBytes(StandardCharsets.US_ASCII));
        return out.toByteArray();
    }

    @FuzzTest(maxDuration = FuzzRuns.SHORT)
    void anyBodyGivesPartsOrOneClearFailureWhateverTheSplit(FuzzedDataProvider data) {
        boolean tight = data.consumeBoolean();
        long splitSeed = data.consumeLong();
        check(tight, splitSeed, data.consumeRemainingAsBytes());
    }
}
