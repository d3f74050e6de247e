package dev.gyre.ws;

import static dev.gyre.ws.PerMessageDeflateTest.hexOf;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class FrameEncoderTest {
    private final FrameEncoder plain = new FrameEncoder(0, null);

    @Test
    void rfc6455UnmaskedExamples() {
        // RFC 6455 §5.7: unmasked "Hello", and an unmasked Ping with body "Hello"
        assertEquals("810548656c6c6f", hexOf(plain.text("Hello")));
        assertEquals("890548656c6c6f", hexOf(plain.ping("Hello".getBytes(StandardCharsets.US_ASCII))));
        assertEquals("8a0548656c6c6f", hexOf(plain.pong("Hello".getBytes(StandardCharsets.US_ASCII))));
    }

    @Test
    void lengthEncodings() {
        // §5.7: 256 bytes use the 16-bit form, 64 KiB the 64-bit form
        assertEquals("827e0100", hexOf(plain.binary(new byte[256])).substring(0, 8));
        assertEquals("827f0000000000010000", hexOf(plain.binary(new byte[65536])).substring(0, 20));
        assertEquals("827d", hexOf(plain.binary(new byte[125])).substring(0, 4));
        assertEquals("827e0080", hexOf(plain.binary(new byte[128])).substring(0, 8));
        assertEquals("827effff", hexOf(plain.binary(new byte[65535])).substring(0, 8));
        assertEquals("8100", hexOf(plain.text("")));
    }

    @Test
    void buffersAreReadOnlyAndShareableByDuplicates() {
        ByteBuffer frame = plain.text("broadcast");
        assertTrue(frame.isReadOnly());
        ByteBuffer a = frame.duplicate();
        ByteBuffer b = frame.duplicate();
        a.position(a.limit()); // one session wrote it all
        assertEquals(frame.remaining(), b.remaining(), "another session's view is untouched");
        assertEquals(0, frame.position());
    }

    @Test
    void fragmentsLargeMessages() {
        FrameEncoder fragmenting = new FrameEncoder(4, null);
        List<Wire.Frame> frames = Wire.serverFrames(fragmenting.text("0123456789"));
        assertEquals(3, frames.size());
        assertEquals(List.of(1, 0, 0), frames.stream().map(Wire.Frame::opcode).toList());
        assertEquals(List.of(false, false, true), frames.stream().map(Wire.Frame::fin).toList());
        assertEquals("0123", new String(frames.get(0).payload(), StandardCharsets.US_ASCII));
        assertEquals("89", new String(frames.get(2).payload(), StandardCharsets.US_ASCII));
        assertEquals(1, Wire.serverFrames(fragmenting.text("0123")).size());
        assertEquals(1, Wire.serverFrames(fragmenting.ping(new byte[100])).size(), "control frames never fragment");
    }

    @Test
    void fragmentsUseEveryLengthEncodingAndCarryThePayloadInOrder() {
        byte[] payload = new byte[140_000];
        for (int i = 0; i < payload.length; i++) {
            payload[i] = (byte) (i * 31 + i / 251);
        }
        for (int fragmentSize : new int[] {125, 126, 65_535, 65_536}) {
            List<Wire.Frame> frames = Wire.serverFrames(new FrameEncoder(fragmentSize, null).binary(payload));
            assertEquals((payload.length + fragmentSize - 1) / fragmentSize, frames.size(), "size " + fragmentSize);
            ByteBuffer joined = ByteBuffer.allocate(payload.length);
            frames.forEach(f -> joined.put(f.payload()));
            assertArrayEquals(payload, joined.array(), "size " + fragmentSize);
        }
    }

    @Test
    void closeFrames() {
        assertEquals("880203e8", hexOf(plain.close(1000, "")));
        assertEquals("880703e9" + "6279652121", hexOf(plain.close(1001, "bye!!")));
        assertEquals("8800", hexOf(plain.close()));
        assertThrows(IllegalArgumentException.class, () -> plain.close(1005, ""));
        assertThrows(IllegalArgumentException.class, () -> plain.close(999, ""));
    }

    @Test
    void longCloseReasonIsCutAtACharacterBoundary() {
        String reason = "a" + "€".repeat(60); // 1 + 180 bytes
        Wire.Frame f = Wire.serverFrames(plain.close(1000, reason)).get(0);
        assertTrue(f.payload().length <= 125);
        byte[] text = java.util.Arrays.copyOfRange(f.payload(), 2, f.payload().length);
        assertTrue(Utf8Validator.isValid(text, 0, text.length));
        assertEquals(1 + 3 * 40, text.length);
    }

    @Test
    void controlPayloadOver125IsRefused() {
        assertThrows(IllegalArgumentException.class, () -> plain.ping(new byte[126]));
        assertThrows(IllegalArgumentException.class, () -> plain.pong(new byte[126]));
    }

    @Test
    void whatTheEncoderWritesTheDecoderReads() {
        // Mask each server frame as a client would and decode it: the two halves agree on the format.
        byte[] data = FrameDecoderTest.filled(70_000);
        FrameEncoder fragmenting = new FrameEncoder(1000, null);
        List<ByteBuffer> sent = List.of(fragmenting.binary(data), fragmenting.text("héllo wörld"),
                fragmenting.ping(new byte[] {1, 2}), fragmenting.close(4000, "done"));
        java.io.ByteArrayOutputStream wire = new java.io.ByteArrayOutputStream();
        for (ByteBuffer b : sent) {
            for (Wire.Frame f : Wire.serverFrames(b)) {
                wire.writeBytes(Wire.frame(f.fin(), f.rsv1() ? 4 : 0, f.opcode(), f.payload()));
            }
        }
        FrameDecoderTest.assertDecodes(() -> new FrameDecoder(1 << 20, null), wire.toByteArray(),
                "binary:" + Wire.HEX.formatHex(data), "text:héllo wörld", "ping:0102", "close:4000:done");
    }

    @Test
    void unpairedSurrogateIsReplacedSoTheFrameStaysValid() {
        Wire.Frame f = Wire.serverFrames(plain.text("a\uD800b")).get(0);
        assertArrayEquals("a?b".getBytes(StandardCharsets.US_ASCII), f.payload());
        assertFalse(f.rsv1());
    }
}
