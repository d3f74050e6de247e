package dev.gyre.ws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.gyre.support.FuzzRuns;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Coverage-guided fuzzing of {@link FrameDecoder}, with and without permessage-deflate (docs/fuzzing.md).
 * Inputs live under {@code src/test/resources/dev/gyre/ws/FrameDecoderFuzzTestInputs/<method>/}.
 *
 * <p>For any bytes a client may send:
 * <ul>
 *   <li>no exception escapes, and the decoder consumes everything it is given;</li>
 *   <li>whole, byte by byte and in fuzzer-seeded random pieces, it produces the same events (with
 *       compression, a message refused as invalid one way may be refused as too big another);</li>
 *   <li>only the last event may be a Close or a protocol error, whose code is 1002, 1007 or 1009, and the
 *       decoder is finished after it;</li>
 *   <li>no message is larger than the limit;</li>
 *   <li>each event written again as one plain masked frame decodes to the same event.</li>
 * </ul>
 */
class FrameDecoderFuzzTest {
    private static final int LIMIT = 2048;
    private static final Set<Integer> FAILURE_CODES =
            Set.of(CloseCodes.PROTOCOL_ERROR, CloseCodes.INVALID_PAYLOAD, CloseCodes.MESSAGE_TOO_BIG);
    private static final DeflateOptions ALWAYS = DeflateOptions.defaults().withMinCompressSize(0);

    @FuzzTest(maxDuration = FuzzRuns.SHORT)
    void anyClientBytesDecodeTheSameWayWhateverTheSplit(FuzzedDataProvider data) {
        boolean deflate = data.consumeBoolean();
        boolean noContextTakeover = data.consumeBoolean();
        long splitSeed = data.consumeLong();
        byte[] bytes = data.consumeRemainingAsBytes();
        DeflateParameters agreed = deflate ? new DeflateParameters(false, noContextTakeover, false) : null;

        List<WebSocketEvent> events = new ArrayList<>();
        List<String> whole = decode(agreed, bytes, Wire.Split.WHOLE, 0, events);
        assertEquals(whole, decode(agreed, bytes, Wire.Split.BYTE_BY_BYTE, 0, null), "byte by byte");
        assertEquals(whole, decode(agreed, bytes, Wire.Split.RANDOM, splitSeed, null), "random pieces");

        ByteArrayOutputStream reencoded = new ByteArrayOutputStream();
        for (int i = 0; i < events.size(); i++) {
            WebSocketEvent e = events.get(i);
            boolean last = i == events.size() - 1;
            switch (e) {
                case WebSocketEvent.Text t -> {
                    byte[] utf8 = t.text().getBytes(StandardCharsets.UTF_8);
                    assertTrue(utf8.length <= LIMIT, "text of " + utf8.length + " bytes");
                    reencoded.writeBytes(Wire.frame(true, 0, FrameDecoder.OP_TEXT, utf8));
                }
                case WebSocketEvent.Binary b -> {
                    assertTrue(b.data().length <= LIMIT, "binary of " + b.data().length + " bytes");
                    reencoded.writeBytes(Wire.frame(true, 0, FrameDecoder.OP_BINARY, b.data()));
                }
                case WebSocketEvent.Ping p -> reencoded.writeBytes(Wire.frame(true, 0, FrameDecoder.OP_PING, p.payload()));
                case WebSocketEvent.Pong p -> reencoded.writeBytes(Wire.frame(true, 0, FrameDecoder.OP_PONG, p.payload()));
                case WebSocketEvent.Close c -> {
                    assertTrue(last, "events after a Close");
                    reencoded.writeBytes(Wire.frame(true, 0, FrameDecoder.OP_CLOSE, closePayload(c)));
                }
                case WebSocketEvent.ProtocolError f -> {
                    assertTrue(last, "events after a protocol error");
                    assertTrue(FAILURE_CODES.contains(f.closeCode()), "close code " + f.closeCode());
                }
            }
        }
        List<String> expected = whole.isEmpty() || !whole.getLast().startsWith("error:")
                ? whole : whole.subList(0, whole.size() - 1);
        assertEquals(expected, decode(null, reencoded.toByteArray(), Wire.Split.WHOLE, 0, null),
                "the events written again as plain frames");
    }

    /** Decodes with a fresh decoder (and inflater), collecting the events themselves when asked. */
    private static List<String> decode(DeflateParameters agreed, byte[] bytes, Wire.Split split, long seed,
            List<WebSocketEvent> events) {
        try (PerMessageDeflate deflate = agreed == null ? null : new PerMessageDeflate(agreed, ALWAYS)) {
            FrameDecoder decoder = new FrameDecoder(LIMIT, deflate);
            List<String> described = events == null
                    ? Wire.decode(decoder, bytes, split, seed) : collect(decoder, bytes, events);
            if (agreed != null) {
                described.replaceAll(FrameDecoderFuzzTest::eitherDataError);
            }
            boolean ended = !described.isEmpty()
                    && (described.getLast().startsWith("close:") || described.getLast().startsWith("error:"));
            assertEquals(ended, decoder.isFinished(), "finished exactly after a Close or an error");
            return described;
        }
    }

    private static List<String> collect(FrameDecoder decoder, byte[] bytes, List<WebSocketEvent> events) {
        ByteBuffer in = ByteBuffer.wrap(bytes);
        List<String> described = new ArrayList<>();
        for (WebSocketEvent e; (e = decoder.decode(in)) != null; ) {
            events.add(e);
            described.add(Wire.describe(e));
        }
        assertEquals(0, in.remaining(), "decoder returned null with bytes left");
        return described;
    }

    /**
     * 1007 and 1009 as one: a compressed message that is both invalid and too big fails with either,
     * depending on where its bytes were split (see {@link PerMessageDeflateFuzzTest}).
     */
    private static String eitherDataError(String event) {
        boolean dataError = event.equals("error:" + CloseCodes.INVALID_PAYLOAD)
                || event.equals("error:" + CloseCodes.MESSAGE_TOO_BIG);
        return dataError ? "error:1007-or-1009" : event;
    }

    private static byte[] closePayload(WebSocketEvent.Close c) {
        if (c.code() == CloseCodes.NO_STATUS_RECEIVED) {
            return new byte[0];
        }
        byte[] reason = c.reason().getBytes(StandardCharsets.UTF_8);
        return ByteBuffer.allocate(2 + reason.length).putShort((short) c.code()).put(reason).array();
    }
}
