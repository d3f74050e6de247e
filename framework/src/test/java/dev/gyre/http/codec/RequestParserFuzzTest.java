package dev.gyre.http.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.DictionaryFile;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.gyre.http.HttpLimits;
import dev.gyre.http.RequestHead;
import dev.gyre.support.FuzzRuns;
import dev.gyre.http.codec.ParserDriver.Message;
import dev.gyre.http.codec.ParserDriver.Outcome;
import java.io.ByteArrayOutputStream;
import java.util.List;

/**
 * Coverage-guided fuzzing of {@link RequestParser} with Jazzer (docs/fuzzing.md).
 *
 * <p>Without {@code JAZZER_FUZZ} each test replays its committed inputs under
 * {@code src/test/resources/dev/gyre/http/RequestParserFuzzTestInputs/<method>/}; with it, Jazzer mutates
 * them, guided by coverage, for {@link FuzzRuns#SHORT}. For every input:
 * <ul>
 *   <li>no exception escapes, and every call consumes bytes or reports HEAD/END/ERROR (checked by
 *       {@link ParserDriver}), so the parser cannot spin;</li>
 *   <li>feeding it whole, byte by byte, or in pieces whose sizes the fuzzer picks gives the same
 *       outcome;</li>
 *   <li>the outcome is complete requests, then possibly an ERROR with a 4xx/5xx status or one request still
 *       waiting for bytes;</li>
 *   <li>every completed request is consistent (body length matches its framing, no CR, LF or NUL in a
 *       field) and, written out again in its shortest form, parses to the same request.</li>
 * </ul>
 */
class RequestParserFuzzTest {

    @DictionaryFile(resourcePath = "http1.dict")
    @FuzzTest(maxDuration = FuzzRuns.SHORT)
    void anyBytesGiveRequestsThenAtMostOneError(byte[] input) {
        Outcome whole = ParserDriver.whole(input);
        assertEquals(whole.describe(), ParserDriver.byteByByte(input).describe(), "byte by byte");
        List<Message> messages = whole.messages();
        for (int i = 0; i < messages.size(); i++) {
            Message m = messages.get(i);
            assertTrue(m.ended() || i == messages.size() - 1, "only the last request may be unfinished");
            assertConsistent(m);
            if (m.ended()) {
                assertEquals(describe(m),
                        ParserDriver.whole(reencode(m)).describe(), "re-encoded request parses the same");
            }
        }
    }

    @DictionaryFile(resourcePath = "http1.dict")
    @FuzzTest(maxDuration = FuzzRuns.SHORT)
    void whereTheBytesAreSplitDoesNotMatter(FuzzedDataProvider data) {
        int[] pieces = new int[data.consumeInt(1, 16)];
        for (int i = 0; i < pieces.length; i++) {
            pieces[i] = data.consumeInt(1, 80);
        }
        boolean direct = data.consumeBoolean();
        byte[] input = data.consumeRemainingAsBytes();
        int[] next = {0};
        Outcome split = ParserDriver.parse(input, () -> pieces[next[0]++ % pieces.length],
                HttpLimits.defaults(), direct);
        assertEquals(ParserDriver.whole(input).describe(), split.describe(), "split at fuzzer-chosen places");
    }

    private static void assertConsistent(Message m) {
        RequestHead h = m.head();
        if (m.ended()) {
            long expected = h.chunked() ? m.body().length : Math.max(h.contentLength(), 0);
            assertEquals(expected, m.body().length, "body length matches the framing");
        }
        assertTrue(!h.chunked() || h.contentLength() == -1, "chunked has no Content-Length");
        assertTrue(h.path().startsWith("/") || h.path().equals("*"), h.path());
        for (int f = 0; f < h.headers().size(); f++) {
            String field = h.headers().name(f) + h.headers().value(f);
            assertTrue(field.chars().noneMatch(c -> c == '\r' || c == '\n' || c == 0), field);
        }
    }

    /** The request as one message of its own, to compare with what a re-encoding parses to. */
    private static String describe(Message m) {
        return new Outcome(List.of(m), 0, null).describe();
    }

    /**
     * The request in its shortest form: no whitespace around field values, a chunked body as one chunk and no
     * trailers. Never longer than what was parsed in any part, so no limit can refuse it where the original
     * passed.
     */
    private static byte[] reencode(Message m) {
        RequestHead h = m.head();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(ParserDriver.bytes(h.method() + " " + h.target() + " " + h.version().text() + "\r\n"));
        for (int f = 0; f < h.headers().size(); f++) {
            out.writeBytes(ParserDriver.bytes(h.headers().name(f) + ":" + h.headers().value(f) + "\r\n"));
        }
        out.writeBytes(ParserDriver.bytes("\r\n"));
        byte[] body = m.body();
        if (h.chunked() && body.length > 0) {
            out.writeBytes(ParserDriver.bytes(Integer.toHexString(body.length) + "\r\n"));
            out.writeBytes(body);
            out.writeBytes(ParserDriver.bytes("\r\n"));
        } else {
            out.writeBytes(body);
        }
        if (h.chunked()) {
            out.writeBytes(ParserDriver.bytes("0\r\n\r\n"));
        }
        return out.toByteArray();
    }
}
