package dev.gyre.ws;

import static dev.gyre.ws.Wire.concat;
import static dev.gyre.ws.Wire.frame;
import static dev.gyre.ws.Wire.hex;
import static dev.gyre.ws.Wire.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FrameDecoderTest {
    private static final int LIMIT = 4096;

    /** Decodes the bytes whole, byte by byte and in seeded random splits; each way must give {@code expected}. */
    static void assertDecodes(Supplier<FrameDecoder> decoders, byte[] bytes, String... expected) {
        List<String> want = List.of(expected);
        assertEquals(want, Wire.decode(decoders.get(), bytes, Wire.Split.WHOLE, 0), "whole");
        assertEquals(want, Wire.decode(decoders.get(), bytes, Wire.Split.BYTE_BY_BYTE, 0), "byte by byte");
        for (long seed = 1; seed <= 8; seed++) {
            assertEquals(want, Wire.decode(decoders.get(), bytes, Wire.Split.RANDOM, seed), "random split, seed " + seed);
        }
    }

    static void assertDecodes(byte[] bytes, String... expected) {
        assertDecodes(() -> new FrameDecoder(LIMIT, null), bytes, expected);
    }

    @Test
    void rfc6455MaskedHello() {
        // RFC 6455 §5.7: a single-frame masked text message containing "Hello"
        assertDecodes(hex("81 85 37 fa 21 3d 7f 9f 4d 51 58"), "text:Hello");
    }

    @Test
    void fragmentedTextWithInterleavedPing() {
        byte[] bytes = concat(
                frame(false, 0, 1, "Hel".getBytes(StandardCharsets.UTF_8)),
                frame(true, 0, 9, "ping!".getBytes(StandardCharsets.UTF_8)),
                frame(false, 0, 0, "l".getBytes(StandardCharsets.UTF_8)),
                frame(true, 0, 10, new byte[0]),
                frame(true, 0, 0, "o".getBytes(StandardCharsets.UTF_8)));
        assertDecodes(bytes, "ping:70696e6721", "pong:", "text:Hello");
    }

    @Test
    void lengthEncodingsAndEmptyMessages() {
        byte[] b125 = filled(125);
        byte[] b126 = filled(126);
        byte[] b65535 = filled(65535);
        byte[] b65536 = filled(65536);
        assertDecodes(() -> new FrameDecoder(1 << 20, null),
                concat(frame(true, 0, 2, b125), frame(true, 0, 2, b126), frame(true, 0, 2, b65535),
                        frame(true, 0, 2, b65536), frame(true, 0, 1, new byte[0]), frame(true, 0, 2, new byte[0])),
                "binary:" + Wire.HEX.formatHex(b125), "binary:" + Wire.HEX.formatHex(b126),
                "binary:" + Wire.HEX.formatHex(b65535), "binary:" + Wire.HEX.formatHex(b65536), "text:", "binary:");
    }

    @Test
    void nonMinimalLengthEncodingIsAccepted() {
        // 5 bytes announced with the 16-bit form; §5.2 asks senders for the minimal form, we tolerate it.
        byte[] masked = frame(true, 0, 1, "Hello".getBytes(StandardCharsets.UTF_8));
        byte[] longForm = concat(hex("81 fe 00 05"), Arrays.copyOfRange(masked, 2, masked.length));
        assertDecodes(longForm, "text:Hello");
    }

    @Test
    void eventsComeOneAtATimeAndTheRestStaysInTheBuffer() {
        FrameDecoder decoder = new FrameDecoder(LIMIT, null);
        byte[] two = concat(text("a"), text("b"));
        ByteBuffer in = ByteBuffer.wrap(two);
        assertEquals("text:a", Wire.describe(decoder.decode(in)));
        assertEquals(text("a").length, in.position());
        assertEquals("text:b", Wire.describe(decoder.decode(in)));
        assertNull(decoder.decode(in));
    }

    @Test
    void unmaskedClientFrameIsAProtocolError() {
        assertDecodes(frame(true, 0, 1, "Hello".getBytes(StandardCharsets.UTF_8), null), "error:1002");
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 4, 5, 6, 7})
    void reservedBitsWithoutExtensionAreProtocolErrors(int rsv) {
        assertDecodes(frame(true, rsv, 1, "x".getBytes(StandardCharsets.UTF_8)), "error:1002");
    }

    @ParameterizedTest
    @ValueSource(ints = {3, 4, 5, 6, 7, 11, 12, 13, 14, 15})
    void reservedOpcodesAreProtocolErrors(int opcode) {
        assertDecodes(concat(frame(true, 0, opcode, new byte[0]), text("ignored")), "error:1002");
    }

    @ParameterizedTest
    @ValueSource(ints = {8, 9, 10})
    void controlFramesMustBeShortAndFinal(int opcode) {
        assertDecodes(frame(true, 0, opcode, new byte[126]), "error:1002");
        assertDecodes(frame(false, 0, opcode, new byte[0]), "error:1002");
    }

    @Test
    void controlFrameOf125BytesIsFine() {
        assertDecodes(frame(true, 0, 9, filled(125)), "ping:" + Wire.HEX.formatHex(filled(125)));
    }

    @Test
    void sixtyFourBitLengthWithHighBitSetIsAProtocolError() {
        assertDecodes(hex("82 ff 80 00 00 00 00 00 00 00 37 fa 21 3d"), "error:1002");
    }

    @Test
    void continuationWithoutAMessageIsAProtocolError() {
        assertDecodes(frame(true, 0, 0, "x".getBytes(StandardCharsets.UTF_8)), "error:1002");
    }

    @Test
    void newMessageInsideAFragmentedOneIsAProtocolError() {
        assertDecodes(concat(frame(false, 0, 1, "a".getBytes(StandardCharsets.UTF_8)), text("b")), "error:1002");
        assertDecodes(concat(frame(false, 0, 2, new byte[1]), frame(true, 0, 2, new byte[1])), "error:1002");
    }

    @Test
    void messageOverTheLimitIsRefusedBeforeItsPayloadArrives() {
        FrameDecoder decoder = new FrameDecoder(1000, null);
        byte[] header = Arrays.copyOf(frame(true, 0, 2, new byte[1001]), 8); // 2 + 2 length + 4 mask
        assertEquals(List.of("error:1009"), Wire.decode(decoder, header, Wire.Split.WHOLE, 0));
        assertDecodes(() -> new FrameDecoder(1000, null), frame(true, 0, 2, new byte[1000]),
                "binary:" + "00".repeat(1000));
    }

    @Test
    void fragmentedMessageOverTheLimitIsRefused() {
        byte[] bytes = concat(frame(false, 0, 2, new byte[600]), frame(false, 0, 0, new byte[300]),
                frame(true, 0, 0, new byte[101]));
        assertDecodes(() -> new FrameDecoder(1000, null), bytes, "error:1009");
    }

    @Test
    void invalidUtf8IsRefused() {
        assertDecodes(frame(true, 0, 1, hex("ce ba e1 bd b9 cf 83 ce bc ce b5 ed a0 80 65 64 69 74 65 64")), "error:1007");
    }

    @Test
    void invalidUtf8IsRefusedAsSoonAsItArrives() {
        // The first fragment is already hopeless; the decoder must not wait for the rest of the message.
        FrameDecoder decoder = new FrameDecoder(LIMIT, null);
        assertEquals(List.of("error:1007"),
                Wire.decode(decoder, frame(false, 0, 1, hex("48 c0 80")), Wire.Split.WHOLE, 0));
    }

    @Test
    void codePointSplitAcrossFragmentsIsAccepted() {
        byte[] euro = "€𝄞".getBytes(StandardCharsets.UTF_8); // e2 82 ac f0 9d 84 9e
        byte[] bytes = concat(
                frame(false, 0, 1, Arrays.copyOfRange(euro, 0, 1)),
                frame(false, 0, 0, Arrays.copyOfRange(euro, 1, 5)),
                frame(true, 0, 9, new byte[0]),
                frame(false, 0, 0, Arrays.copyOfRange(euro, 5, 6)),
                frame(true, 0, 0, Arrays.copyOfRange(euro, 6, 7)));
        assertDecodes(bytes, "ping:", "text:€𝄞");
    }

    /** Fragments of every size from 1 to 13 put code points across frame and 8-byte word boundaries alike. */
    @Test
    void mixedTextInFragmentsOfEverySizeIsAccepted() {
        String text = "plain ASCII first, then κόσμε, € and 𝄞 among more ASCII; ".repeat(3);
        byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
        for (int size = 1; size <= 13; size++) {
            List<byte[]> frames = new ArrayList<>();
            for (int at = 0; at < utf8.length; at += size) {
                int end = Math.min(at + size, utf8.length);
                frames.add(frame(end == utf8.length, 0, at == 0 ? 1 : 0, Arrays.copyOfRange(utf8, at, end)));
            }
            assertDecodes(concat(frames.toArray(byte[][]::new)), "text:" + text);
        }
    }

    @Test
    void invalidSequenceSplitAcrossFragmentsIsRefused() {
        // ED A0 80 is the surrogate U+D800, cut after its lead byte
        byte[] bytes = concat(frame(false, 0, 1, hex("41 ed")), frame(true, 0, 0, hex("a0 80 41")));
        assertDecodes(bytes, "error:1007");
    }

    @Test
    void textEndingInsideACodePointIsRefused() {
        assertDecodes(concat(frame(false, 0, 1, hex("41 e2 82")), frame(true, 0, 0, new byte[0])), "error:1007");
    }

    @Test
    void closeWithoutPayloadReportsNoStatus() {
        assertDecodes(frame(true, 0, 8, new byte[0]), "close:1005:");
    }

    @Test
    void closeWithOneBytePayloadIsAProtocolError() {
        assertDecodes(frame(true, 0, 8, new byte[] {0x03}), "error:1002");
    }

    @ParameterizedTest
    @ValueSource(ints = {1000, 1001, 1002, 1003, 1007, 1008, 1009, 1010, 1011, 1012, 1013, 1014, 3000, 3999, 4000, 4999})
    void validCloseCodesAreReported(int code) {
        assertDecodes(closeFrame(code, "bye"), "close:" + code + ":bye");
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 999, 1004, 1005, 1006, 1015, 1016, 1100, 2000, 2999, 5000, 65535})
    void invalidCloseCodesAreProtocolErrors(int code) {
        assertDecodes(closeFrame(code, ""), "error:1002");
    }

    @Test
    void closeReasonMustBeUtf8() {
        byte[] payload = concat(hex("03 e8"), hex("ce ba e1 bd b9 cf 83 ce bc ce b5 ed a0 80 65 64 69 74 65 64"));
        assertDecodes(frame(true, 0, 8, payload), "error:1007");
    }

    @Test
    void closeInsideAFragmentedMessageEndsDecoding() {
        assertDecodes(concat(frame(false, 0, 1, "a".getBytes(StandardCharsets.UTF_8)), closeFrame(1000, ""),
                frame(true, 0, 0, "b".getBytes(StandardCharsets.UTF_8))), "close:1000:");
    }

    @Test
    void nothingIsDecodedAfterACloseOrAnError() {
        FrameDecoder closed = new FrameDecoder(LIMIT, null);
        ByteBuffer in = ByteBuffer.wrap(concat(closeFrame(1000, ""), text("after")));
        assertEquals("close:1000:", Wire.describe(closed.decode(in)));
        assertTrue(closed.isFinished());
        assertNull(closed.decode(in));
        assertFalse(in.hasRemaining(), "input after the Close is swallowed");

        FrameDecoder failed = new FrameDecoder(LIMIT, null);
        assertEquals("error:1002", Wire.describe(failed.decode(ByteBuffer.wrap(frame(true, 0, 5, new byte[0])))));
        assertTrue(failed.isFinished());
        assertNull(failed.decode(ByteBuffer.wrap(text("after"))));
        assertDecodes(concat(frame(true, 0, 0, new byte[0]), text("after"), closeFrame(1000, "")), "error:1002");
    }

    @Test
    void rsv1WithDeflateIsOnlyAllowedOnTheFirstDataFrame() {
        DeflateParameters agreed = new DeflateParameters(false, false, false);
        try (PerMessageDeflate deflate = new PerMessageDeflate(agreed, DeflateOptions.defaults())) {
            Supplier<FrameDecoder> decoders = () -> new FrameDecoder(LIMIT, deflate);
            assertDecodes(decoders, frame(true, 4, 9, new byte[0]), "error:1002");
            assertDecodes(decoders, concat(frame(false, 4, 1, hex("f2 48")), frame(true, 4, 0, hex("cd c9 c9 07 00"))),
                    "error:1002");
            assertDecodes(decoders, frame(true, 2, 1, "x".getBytes(StandardCharsets.UTF_8)), "error:1002");
        }
    }

    @Test
    void manyRandomMessagesSurviveRandomSplits() {
        java.util.Random random = new java.util.Random(42);
        List<byte[]> frames = new ArrayList<>();
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            byte[] data = new byte[random.nextInt(random.nextBoolean() ? 130 : 70000)];
            random.nextBytes(data);
            byte[] mask = new byte[4];
            random.nextBytes(mask);
            frames.add(frame(true, 0, 2, data, mask));
            expected.add("binary:" + Wire.HEX.formatHex(data));
        }
        byte[] all = concat(frames.toArray(byte[][]::new));
        for (long seed = 1; seed <= 3; seed++) {
            assertEquals(expected, Wire.decode(new FrameDecoder(1 << 20, null), all, Wire.Split.RANDOM, seed));
        }
    }

    static byte[] closeFrame(int code, String reason) {
        byte[] text = reason.getBytes(StandardCharsets.UTF_8);
        return frame(true, 0, 8, concat(new byte[] {(byte) (code >>> 8), (byte) code}, text));
    }

    static byte[] filled(int n) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) (i * 31 + 7);
        }
        return b;
    }
}
