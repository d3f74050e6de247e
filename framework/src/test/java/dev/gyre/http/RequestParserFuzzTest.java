package dev.gyre.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.gyre.http.ParserDriver.Message;
import dev.gyre.http.ParserDriver.Outcome;
import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Mutates valid requests at random and checks that the parser never breaks its contract.
 *
 * <p>Runs about two seconds by default; {@code -Dgyre.fuzz.seconds=300} runs longer and
 * {@code -Dgyre.fuzz.seed=N} changes the seed (the failure message names the seed and iteration). For
 * every input:
 * <ul>
 *   <li>no exception escapes, and every call consumes bytes or reports HEAD/END/ERROR (checked by
 *       {@link ParserDriver}), so the parser cannot spin;</li>
 *   <li>feeding the input whole, byte by byte or in random pieces gives the same outcome;</li>
 *   <li>the outcome is a series of complete requests, possibly followed by an ERROR with a 4xx/5xx status,
 *       or by a request still waiting for bytes (a mutation may declare a longer body than is there);</li>
 *   <li>every request that completes is consistent: its body length matches its framing, and its fields
 *       hold no CR, LF or NUL.</li>
 * </ul>
 */
class RequestParserFuzzTest {
    private static final List<byte[]> SEEDS = Stream.of(
            RequestParserValidTest.GET, RequestParserValidTest.HEAD, RequestParserValidTest.POST_FIXED,
            RequestParserValidTest.POST_CHUNKED, RequestParserValidTest.HTTP_1_0,
            RequestParserValidTest.ABSOLUTE_FORM, RequestParserValidTest.OPTIONS_ASTERISK,
            RequestParserValidTest.GET + RequestParserValidTest.POST_CHUNKED + RequestParserValidTest.POST_FIXED,
            "POST /echo HTTP/1.1\r\nHost: a\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n",
            "GET / HTTP/1.1\r\nHost: a\r\nConnection: keep-alive, close\r\nExpect: 100-continue\r\n\r\n")
            .map(ParserDriver::bytes).toList();

    /** Bytes that matter to the grammar, so mutations hit boundaries more often than random bytes would. */
    private static final byte[] INTERESTING = ParserDriver.bytes("\r\n \t:;,=\"\\0fF9-+xX/?#*\u0000\u007f\u0080\u00ff");

    @Test
    void mutatedRequestsNeverBreakTheContract() {
        long seconds = Long.getLong("gyre.fuzz.seconds", 2);
        long seed = Long.getLong("gyre.fuzz.seed", 20240601L);
        assertTimeoutPreemptively(Duration.ofSeconds(seconds * 3 + 30), () -> run(seed, seconds));
    }

    private static void run(long seed, long seconds) {
        Random random = new Random(seed);
        long deadline = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
        int iterations = 0;
        int errors = 0;
        while (System.nanoTime() < deadline) {
            byte[] input = mutate(random);
            String context = "seed " + seed + ", iteration " + iterations + ", input "
                    + Arrays.toString(input);
            try {
                if (check(input, random.nextLong()).failed()) {
                    errors++;
                }
            } catch (AssertionError | RuntimeException e) {
                fail(context, e);
            }
            iterations++;
        }
        System.out.printf("fuzz: seed %d, %d inputs, %d rejected%n", seed, iterations, errors);
        assertTrue(iterations > 100, "ran " + iterations + " iterations");
        assertTrue(errors > 0 && errors < iterations, errors + " of " + iterations + " inputs were rejected");
    }

    private static Outcome check(byte[] input, long splitSeed) {
        Outcome whole = ParserDriver.whole(input);
        assertEquals(whole.describe(), ParserDriver.byteByByte(input).describe(), "byte by byte");
        assertEquals(whole.describe(), ParserDriver.randomSplits(input, splitSeed, splitSeed % 2 == 0).describe(),
                "random splits");
        List<Message> messages = whole.messages();
        for (int i = 0; i < messages.size(); i++) {
            Message m = messages.get(i);
            assertTrue(m.ended() || i == messages.size() - 1, "only the last request may be unfinished");
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
        return whole;
    }

    private static byte[] mutate(Random random) {
        byte[] input = SEEDS.get(random.nextInt(SEEDS.size()));
        int rounds = 1 + random.nextInt(4);
        for (int r = 0; r < rounds; r++) {
            input = mutateOnce(input, random);
        }
        return input;
    }

    private static byte[] mutateOnce(byte[] in, Random random) {
        if (in.length == 0) {
            return in;
        }
        int at = random.nextInt(in.length);
        ByteArrayOutputStream out = new ByteArrayOutputStream(in.length + 64);
        switch (random.nextInt(6)) {
            case 0 -> { // replace a byte
                byte[] copy = in.clone();
                copy[at] = pick(random);
                return copy;
            }
            case 1 -> { // insert a byte
                out.write(in, 0, at);
                out.write(pick(random));
                out.write(in, at, in.length - at);
            }
            case 2 -> { // delete a run of bytes
                int len = 1 + random.nextInt(Math.min(8, in.length - at));
                out.write(in, 0, at);
                out.write(in, at + len, in.length - at - len);
            }
            case 3 -> { // duplicate the line around `at` (repeats a header field, a chunk line, ...)
                int start = lineStart(in, at);
                int end = lineEnd(in, at);
                out.write(in, 0, end);
                out.write(in, start, end - start);
                out.write(in, end, in.length - end);
            }
            case 4 -> { // splice a fragment of another seed
                byte[] other = SEEDS.get(random.nextInt(SEEDS.size()));
                int from = random.nextInt(other.length);
                int len = random.nextInt(Math.min(40, other.length - from) + 1);
                out.write(in, 0, at);
                out.write(other, from, len);
                out.write(in, at, in.length - at);
            }
            default -> { // truncate
                return Arrays.copyOf(in, at);
            }
        }
        return out.toByteArray();
    }

    private static byte pick(Random random) {
        return random.nextBoolean() ? INTERESTING[random.nextInt(INTERESTING.length)] : (byte) random.nextInt(256);
    }

    private static int lineStart(byte[] b, int at) {
        int i = at;
        while (i > 0 && b[i - 1] != '\n') {
            i--;
        }
        return i;
    }

    private static int lineEnd(byte[] b, int at) {
        int i = at;
        while (i < b.length && b[i] != '\n') {
            i++;
        }
        return Math.min(i + 1, b.length);
    }
}
