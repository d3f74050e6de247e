package dev.gyre.multipart;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class MultipartParserFuzzTest {
    private static final String B = "XyZ-42";
    private static final MultipartLimits TIGHT = MultipartLimits.defaults().withMaxFileSize(40).withMaxFieldSize(20)
            .withMaxFiles(2).withMaxFields(3).withMaxFormSize(600).withMaxPartHeaderSize(120);
    private static final MultipartLimits ROOMY = MultipartLimits.defaults().withMaxPartHeaderSize(1 << 20);

    static void check(boolean tight, long splitSeed, byte[] body) {
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
            for (int h = 0; h < head.headers().size(); h++) {
                out.writeBytes((head.headers().name(h) + ": " + head.headers().value(h) + "\r\n")
                        .getBytes(StandardCharsets.UTF_8));
            }
            out.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
            out.writeBytes(parsed.contents.get(i));
            out.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
        }
        out.writeBytes(("--" + B + "--").getBytes(StandardCharsets.US_ASCII));
        return out.toByteArray();
    }

    @Test
    void randomMutations() {
        byte[] seed = MultipartParserTest.FORM.getBytes(StandardCharsets.ISO_8859_1);
        byte[] alphabet = "\r\n-XyZ42 ;=\":abc".getBytes(StandardCharsets.ISO_8859_1);
        Random random = new Random(1);
        for (int iteration = 0; iteration < 20000; iteration++) {
            byte[] body = seed.clone();
            int edits = 1 + random.nextInt(6);
            for (int e = 0; e < edits; e++) {
                int at = random.nextInt(body.length);
                switch (random.nextInt(3)) {
                    case 0 -> body[at] = alphabet[random.nextInt(alphabet.length)];
                    case 1 -> body = java.util.Arrays.copyOf(body, Math.max(1, at));
                    default -> {
                        byte[] longer = new byte[body.length + 1];
                        System.arraycopy(body, 0, longer, 0, at);
                        longer[at] = alphabet[random.nextInt(alphabet.length)];
                        System.arraycopy(body, at, longer, at + 1, body.length - at);
                        body = longer;
                    }
                }
            }
            try {
                check(random.nextBoolean(), random.nextLong(), body);
            } catch (AssertionError | RuntimeException e) {
                throw new AssertionError("iteration " + iteration + ": "
                        + new String(body, StandardCharsets.ISO_8859_1).replace("\r", "\\r").replace("\n", "\\n"), e);
            }
        }
    }
}
