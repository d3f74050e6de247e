package dev.gyre.ws;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.gyre.support.FuzzRuns;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * Coverage-guided fuzzing of {@link PerMessageDeflate}'s bounded inflater and its compressor
 * (docs/fuzzing.md). Inputs live under
 * {@code src/test/resources/dev/gyre/ws/PerMessageDeflateFuzzTestInputs/<method>/}.
 *
 * <p>For any compressed payload and limit, the output buffer never grows past the limit plus the one byte
 * that detects it, whole or fed in pieces; what fits is exactly what the JDK's own inflater makes of the
 * payload and its restored tail (RFC 7692 §7.2.2), and what is refused as too big really inflates past the
 * limit. Whatever the server compresses, message after message and with or without context takeover,
 * inflates back to itself.
 *
 * <p>A payload that is both corrupt and too big may be refused as either, depending on the pieces: zlib
 * drops the output of a call that ends in an error, so whole it is invalid, while byte by byte the output
 * passes the limit before the bad bits arrive ({@code regression-corrupt-and-too-big}). Both fail the
 * connection; only the close code differs.
 */
class PerMessageDeflateFuzzTest {
    private static final byte[] TAIL = {0x00, 0x00, (byte) 0xFF, (byte) 0xFF};
    private static final DeflateOptions ALWAYS = DeflateOptions.defaults().withMinCompressSize(0);

    private enum Status { FITS, TOO_BIG, INVALID }

    /** What inflating one message gave: the output is the bytes that came out, at most limit + 1. */
    private record Inflated(Status status, String output) {
    }

    @FuzzTest(maxDuration = FuzzRuns.SHORT)
    void inflatedOutputNeverPassesTheLimit(FuzzedDataProvider data) {
        int limit = data.consumeInt(0, 4096);
        int piece = data.consumeInt(1, 300);
        byte[] compressed = data.consumeRemainingAsBytes();
        Inflated whole = inflate(compressed, compressed.length, limit);
        Inflated split = inflate(compressed, piece, limit);
        assertEquals(whole.status() == Status.FITS, split.status() == Status.FITS, "fits in pieces of " + piece);
        if (whole.status() == Status.FITS) {
            assertEquals(whole.output(), split.output(), "output in pieces of " + piece);
        }
        byte[] reference = referenceInflate(compressed, limit);
        switch (whole.status()) {
            case FITS -> assertEquals(HexFormat.of().formatHex(reference), whole.output(), "what the JDK inflates");
            case TOO_BIG -> assertTrue(reference == null || reference.length > limit,
                    "refused as too big, but inflates to " + (reference == null ? 0 : reference.length));
            case INVALID -> assertTrue(reference == null || reference.length > limit,
                    "refused as invalid, but the JDK inflates it");
        }
    }

    @FuzzTest(maxDuration = FuzzRuns.SHORT)
    void compressedMessagesInflateBack(FuzzedDataProvider data) {
        boolean noContextTakeover = data.consumeBoolean();
        int level = data.consumeInt(1, 9);
        byte[] first = data.consumeBytes(data.consumeInt(0, 3000));
        byte[] second = data.consumeRemainingAsBytes();
        DeflateParameters agreed = new DeflateParameters(noContextTakeover, noContextTakeover, false);
        try (PerMessageDeflate server = new PerMessageDeflate(agreed, ALWAYS.withCompressionLevel(level));
             PerMessageDeflate client = new PerMessageDeflate(agreed, ALWAYS)) {
            for (byte[] message : new byte[][] {first, second, first}) {
                MessageBuffer compressed = new MessageBuffer(1 << 20);
                server.compress(message, 0, message.length, compressed);
                MessageBuffer inflated = new MessageBuffer(message.length);
                assertTrue(client.inflate(compressed.array(), 0, compressed.size(), inflated), "fits");
                assertTrue(client.finishInflate(inflated), "fits at the end");
                assertArrayEquals(message, Arrays.copyOf(inflated.array(), inflated.size()), "round trip");
            }
        } catch (DataFormatException e) {
            throw new AssertionError("the server's own compression does not inflate", e);
        }
    }

    /** Inflates one message through {@link PerMessageDeflate}, handing it {@code piece} bytes at a time. */
    private static Inflated inflate(byte[] compressed, int piece, int limit) {
        MessageBuffer out = new MessageBuffer(limit);
        Status status;
        try (PerMessageDeflate deflate = new PerMessageDeflate(new DeflateParameters(false, false, false), ALWAYS)) {
            status = Status.FITS;
            for (int at = 0; at < compressed.length && status == Status.FITS; at += piece) {
                int n = Math.min(piece, compressed.length - at);
                status = deflate.inflate(compressed, at, n, out) ? Status.FITS : Status.TOO_BIG;
                assertBounded(out, limit);
            }
            if (status == Status.FITS && !deflate.finishInflate(out)) {
                status = Status.TOO_BIG;
            }
            assertBounded(out, limit);
        } catch (DataFormatException e) {
            status = Status.INVALID;
        }
        assertEquals(status == Status.TOO_BIG, out.overLimit(), "too big exactly when past the limit");
        return new Inflated(status, HexFormat.of().formatHex(out.array(), 0, out.size()));
    }

    private static void assertBounded(MessageBuffer out, int limit) {
        assertTrue(out.array().length <= limit + 1, "buffer of " + out.array().length + " for limit " + limit);
        assertTrue(out.size() <= limit + 1, "output of " + out.size() + " for limit " + limit);
    }

    /**
     * The JDK's inflation of the payload and its tail, stopping at a final block, or at limit + 1 bytes; null
     * if the data is not DEFLATE before that.
     */
    private static byte[] referenceInflate(byte[] compressed, int limit) {
        Inflater inflater = new Inflater(true);
        try {
            byte[] out = new byte[limit + 1];
            int size = 0;
            for (byte[] input : new byte[][] {compressed, TAIL}) {
                inflater.setInput(input);
                while (size <= limit && !inflater.finished() && !inflater.needsInput()) {
                    int n = inflater.inflate(out, size, out.length - size);
                    size += n;
                    if (size == out.length) {
                        return out;
                    }
                    if (n == 0) {
                        break;
                    }
                }
                if (inflater.finished()) {
                    break;
                }
            }
            return Arrays.copyOf(out, size);
        } catch (DataFormatException e) {
            return null;
        } finally {
            inflater.end();
        }
    }
}
