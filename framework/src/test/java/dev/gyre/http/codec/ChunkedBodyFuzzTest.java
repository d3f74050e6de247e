package dev.gyre.http.codec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.DictionaryFile;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.gyre.http.HttpLimits;
import dev.gyre.http.codec.ParserDriver.Message;
import dev.gyre.http.codec.ParserDriver.Outcome;
import dev.gyre.support.FuzzRuns;
import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.List;

/**
 * Coverage-guided fuzzing of the chunked-body decoder: {@link RequestParser}'s chunk states and
 * {@link ChunkLine} (docs/fuzzing.md). Inputs live under
 * {@code src/test/resources/dev/gyre/http/ChunkedBodyFuzzTestInputs/<method>/}.
 *
 * <p>The fuzzer writes what follows a fixed chunked head. Whenever the parser accepts a body, a reference
 * decoder that knows only the framing (sizes, CRLFs, the trailer section's end, ignoring extensions and
 * field syntax) must find the same body and the same end: a parser that ends a chunked body anywhere
 * else is how a request gets smuggled behind it. What follows the body must parse exactly as it would
 * alone, and splitting the input anywhere must change nothing.
 */
class ChunkedBodyFuzzTest {
    private static final byte[] HEAD = ParserDriver.bytes(
            "POST /upload HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n");

    @DictionaryFile(resourcePath = "http1.dict")
    @FuzzTest(maxDuration = FuzzRuns.SHORT)
    void acceptedBodiesEndWhereTheFramingSays(FuzzedDataProvider data) {
        int piece = data.consumeInt(1, 40);
        byte[] afterHead = data.consumeRemainingAsBytes();
        byte[] input = concat(HEAD, afterHead);
        Outcome whole = ParserDriver.whole(input);
        assertEquals(whole.describe(), ParserDriver.parse(input, () -> piece, HttpLimits.defaults(), false)
                .describe(), "pieces of " + piece);
        List<Message> messages = whole.messages();
        if (messages.isEmpty() || !messages.get(0).ended()) {
            return;
        }
        Message first = messages.get(0);
        Framing reference = Framing.decode(afterHead);
        assertNotNull(reference, "the parser accepted a body the framing does not end");
        assertArrayEquals(reference.body(), first.body(), "body");
        byte[] rest = Arrays.copyOfRange(afterHead, reference.end(), afterHead.length);
        assertEquals(new Outcome(List.of(first), 0, null).describe() + ParserDriver.whole(rest).describe(),
                whole.describe(), "what follows the body parses as it would alone");
    }

    @FuzzTest(maxDuration = FuzzRuns.SHORT)
    void chunkLinesGiveTheirHexPrefixOrFail(byte[] line) {
        long size;
        try {
            size = ChunkLine.parse(line, 0, line.length);
        } catch (HttpParseException e) {
            assertEquals(400, e.status(), e.reason());
            return;
        }
        int digits = 0;
        while (digits < line.length && Character.digit(line[digits], 16) >= 0) {
            digits++;
        }
        assertTrue(digits > 0, "a size was read from a line without hex digits");
        assertEquals(new BigInteger(new String(line, 0, digits, java.nio.charset.StandardCharsets.ISO_8859_1), 16),
                BigInteger.valueOf(size), "the size is the leading hex digits");
        for (byte b : line) {
            assertTrue(b == '\t' || ((b & 0xFF) >= 0x20 && b != 0x7F), "accepted a control byte " + (b & 0xFF));
        }
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    /**
     * The oracle: where a chunked body ends and what it holds, from the framing alone (RFC 9112 §7.1).
     *
     * @param end the index after the trailer section's final CRLF
     */
    private record Framing(byte[] body, int end) {
        /** The body starting at {@code in[0]}, or null if the framing is broken or unfinished. */
        static Framing decode(byte[] in) {
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            int i = 0;
            while (true) {
                int eol = crlf(in, i);
                if (eol < 0) {
                    return null;
                }
                long size = 0;
                for (int j = i; j < eol && Character.digit(in[j], 16) >= 0 && size <= in.length; j++) {
                    size = size * 16 + Character.digit(in[j], 16);
                }
                i = eol + 2;
                if (size == 0) {
                    break;
                }
                if (size > in.length - i - 2L || in[i + (int) size] != '\r' || in[i + (int) size + 1] != '\n') {
                    return null;
                }
                body.write(in, i, (int) size);
                i += (int) size + 2;
            }
            for (int eol; (eol = crlf(in, i)) >= 0; ) {
                boolean empty = eol == i;
                i = eol + 2;
                if (empty) {
                    return new Framing(body.toByteArray(), i);
                }
            }
            return null;
        }

        private static int crlf(byte[] in, int from) {
            for (int i = from; i + 1 < in.length; i++) {
                if (in[i] == '\r' && in[i + 1] == '\n') {
                    return i;
                }
            }
            return -1;
        }
    }
}
