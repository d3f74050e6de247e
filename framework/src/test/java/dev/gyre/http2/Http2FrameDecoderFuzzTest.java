package dev.gyre.http2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.gyre.support.FuzzRuns;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;

/**
 * Coverage-guided fuzzing of the HTTP/2 {@link FrameDecoder} (docs/fuzzing.md). Inputs live under
 * {@code src/test/resources/dev/gyre/http2/Http2FrameDecoderFuzzTestInputs/<method>/}.
 *
 * <p>For any bytes, after the preface or without it:
 * <ul>
 *   <li>no exception escapes but the decoder's {@link Http2Exception}, a connection error, and the decoder
 *       consumes everything it is given;</li>
 *   <li>whole, byte by byte and in fuzzer-seeded pieces it reads the same frames and the same error;</li>
 *   <li>every frame keeps its type's shape: DATA within the frame size and its padding, SETTINGS values in
 *       range, a stream id where one is due and none where none is.</li>
 * </ul>
 */
class Http2FrameDecoderFuzzTest {
    private static final int MAX_FRAME = 16_384;

    @FuzzTest(maxDuration = FuzzRuns.SHORT)
    void anyBytesGiveTheSameFramesWhateverTheSplit(FuzzedDataProvider data) {
        boolean preface = data.consumeBoolean();
        long splitSeed = data.consumeLong();
        byte[] bytes = data.consumeRemainingAsBytes();
        byte[] input = preface ? concat(FrameDecoder.PREFACE, bytes) : bytes;

        List<String> whole = decode(input, preface, input.length, 0);
        assertEquals(whole, decode(input, preface, 1, 0), "byte by byte");
        assertEquals(whole, decode(input, preface, 0, splitSeed), "random pieces");
    }

    /**
     * The frames (described) and the error, fed in pieces of {@code piece} bytes, or of random sizes from
     * {@code seed} when {@code piece} is 0.
     */
    private static List<String> decode(byte[] input, boolean preface, int piece, long seed) {
        FrameDecoder decoder = new FrameDecoder(preface, MAX_FRAME);
        List<String> frames = new ArrayList<>();
        Random random = new Random(seed);
        for (int at = 0; at < input.length; ) {
            int n = Math.min(input.length - at, piece > 0 ? piece : 1 + random.nextInt(64));
            ByteBuffer buffer = ByteBuffer.wrap(input, at, n);
            try {
                for (Frame f; (f = decoder.next(buffer)) != null; ) {
                    checkShape(f);
                    frames.add(describe(f));
                }
            } catch (Http2Exception e) {
                assertTrue(e.isConnectionError());
                frames.add("error " + e.code());
                return frames;
            }
            assertEquals(0, buffer.remaining(), "every byte consumed");
            at += n;
        }
        return frames;
    }

    private static void checkShape(Frame f) {
        switch (f) {
            case Frame.Data d -> {
                assertTrue(d.streamId() != 0);
                assertTrue(d.data().length <= d.flowLength() && d.flowLength() <= MAX_FRAME);
            }
            case Frame.Headers h -> assertTrue(h.streamId() != 0 && h.fragment().length <= MAX_FRAME);
            case Frame.Settings s -> {
                for (long p : s.parameters()) {
                    assertNull(Http2Settings.check((int) (p >>> 32), p & 0xFFFF_FFFFL));
                }
                assertTrue(!s.ack() || s.parameters().length == 0);
            }
            case Frame.WindowUpdate w -> assertTrue(w.increment() >= 0);
            case Frame.Priority p -> assertTrue(p.streamId() != 0);
            case Frame.RstStream r -> assertTrue(r.streamId() != 0);
            case Frame.Continuation c -> assertTrue(c.streamId() != 0);
            case Frame.GoAway g -> assertTrue(g.lastStreamId() >= 0);
            case Frame.PushPromise p -> assertTrue(p.streamId() != 0);
            case Frame.Ping p -> assertTrue(p.streamId() == 0);
            case Frame.Unknown u -> assertTrue(u.type() > Frame.CONTINUATION);
        }
    }

    private static String describe(Frame f) {
        HexFormat hex = HexFormat.of();
        return switch (f) {
            case Frame.Data d -> "DATA " + d.streamId() + " " + hex.formatHex(d.data()) + " " + d.flowLength()
                    + " " + d.endStream();
            case Frame.Headers h -> "HEADERS " + h.streamId() + " " + hex.formatHex(h.fragment()) + " "
                    + h.endStream() + " " + h.endHeaders() + " " + h.dependency();
            case Frame.Continuation c -> "CONTINUATION " + c.streamId() + " " + hex.formatHex(c.fragment()) + " "
                    + c.endHeaders();
            case Frame.Settings s -> "SETTINGS " + s.ack() + " " + Arrays.toString(s.parameters());
            case Frame.GoAway g -> "GOAWAY " + g.lastStreamId() + " " + g.errorCode() + " "
                    + hex.formatHex(g.debugData());
            default -> f.toString();
        };
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
