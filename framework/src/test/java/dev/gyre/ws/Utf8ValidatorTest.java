package dev.gyre.ws;

import static dev.gyre.ws.Wire.hex;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class Utf8ValidatorTest {

    @ParameterizedTest
    @ValueSource(strings = {
        "", "00", "7f", "c2 80", "df bf", "e0 a0 80", "ed 9f bf", "ee 80 80", "ef bf bf", "f0 90 80 80",
        "f4 8f bf bf", "ce ba e1 bd b9 cf 83 ce bc ce b5", "ef bf be", "ef bf bf"})
    void acceptsValidSequences(String bytes) {
        byte[] b = hex(bytes);
        assertTrue(Utf8Validator.isValid(b, 0, b.length), bytes);
        assertByteByByte(b, true);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "80", "bf", "c0 80", "c1 bf", "e0 80 80", "e0 9f bf", "ed a0 80", "ed bf bf", "ed a0 80 ed b0 80",
        "f0 80 80 80", "f0 8f bf bf", "f4 90 80 80", "f5 80 80 80", "f8 88 80 80 80", "fe", "ff",
        "c2", "e2 82", "f0 9d 84", "c2 41", "e2 41 ac", "f0 9d 41 9e", "41 80 41"})
    void rejectsInvalidSequences(String bytes) {
        byte[] b = hex(bytes);
        assertFalse(Utf8Validator.isValid(b, 0, b.length), bytes);
        assertByteByByte(b, false);
    }

    @Test
    void agreesWithTheJdkDecoderOnRandomInput() {
        Random random = new Random(6455);
        Utf8Validator validator = new Utf8Validator();
        for (int i = 0; i < 20_000; i++) {
            byte[] b = new byte[random.nextInt(12)];
            for (int j = 0; j < b.length; j++) {
                // bias towards the interesting region so multi-byte forms come up often
                b[j] = (byte) (random.nextBoolean() ? 0x80 + random.nextInt(0x80) : random.nextInt(256));
            }
            validator.reset();
            int cut = b.length == 0 ? 0 : random.nextInt(b.length);
            boolean ours = validator.update(b, 0, cut) & validator.update(ByteBuffer.wrap(b, cut, b.length - cut))
                    && validator.isComplete();
            assertEquals(jdkAccepts(b), ours, Wire.HEX.formatHex(b));
        }
    }

    @Test
    void rejectionIsSticky() {
        Utf8Validator v = new Utf8Validator();
        assertFalse(v.update(hex("ff"), 0, 1));
        assertTrue(v.isRejected());
        assertFalse(v.update(hex("41"), 0, 1));
        v.reset();
        assertTrue(v.update(hex("41"), 0, 1));
        assertTrue(v.isComplete());
    }

    /** An invalid byte anywhere in an ASCII run, around the 8-byte words the fast path reads, is refused. */
    @Test
    void invalidByteIsFoundAtEveryPositionOfAnAsciiRun() {
        assertInAsciiAtEveryPositionAndCut(false, "80", "bf", "c0", "f8", "ff", "c2 41", "e2 82 41");
    }

    /** Multi-byte characters that straddle word boundaries, and pieces cut anywhere, as fragments are. */
    @Test
    void multiByteCharactersAreAcceptedAtEveryPositionAndEveryCut() {
        assertInAsciiAtEveryPositionAndCut(true, "c2 80", "df bf", "e0 a0 80", "ed 9f bf", "ef bf bf", "f0 90 80 80",
                "f4 8f bf bf", "ce ba e1 bd b9 cf 83 ce bc ce b5");
    }

    @Test
    void truncatedSequenceAtTheEndOfALongAsciiRunIsIncomplete() {
        for (int at = 0; at <= 20; at++) {
            byte[] b = padded(at, hex("f0 9d 84"), 0);
            Utf8Validator v = new Utf8Validator();
            assertTrue(v.update(b, 0, b.length));
            assertFalse(v.isComplete(), "truncated at " + at);
        }
    }

    /**
     * Puts each sequence into ASCII at offsets 0..20 with 0..9 bytes behind it, so it meets every position in
     * and across an 8-byte word, and checks the verdict whole and cut in two at every position.
     */
    private static void assertInAsciiAtEveryPositionAndCut(boolean valid, String... sequences) {
        for (String sequence : sequences) {
            for (int at = 0; at <= 20; at++) {
                for (int after = 0; after <= 9; after++) {
                    byte[] b = padded(at, hex(sequence), after);
                    String where = sequence + " at " + at + " of " + b.length;
                    assertEquals(valid, Utf8Validator.isValid(b, 0, b.length), where);
                    assertEveryCut(b, valid);
                }
            }
        }
    }

    /** {@code sequence} with {@code before} ASCII bytes in front and {@code after} behind. */
    private static byte[] padded(int before, byte[] sequence, int after) {
        byte[] b = new byte[before + sequence.length + after];
        for (int i = 0; i < b.length; i++) {
            b[i] = (byte) ('a' + i % 26);
        }
        System.arraycopy(sequence, 0, b, before, sequence.length);
        return b;
    }

    /** Feeds {@code b} in two pieces, cut at every position, to one validator. */
    private static void assertEveryCut(byte[] b, boolean valid) {
        Utf8Validator v = new Utf8Validator();
        for (int cut = 0; cut <= b.length; cut++) {
            v.reset();
            boolean ok = v.update(b, 0, cut) & v.update(b, cut, b.length - cut);
            assertEquals(valid, ok && v.isComplete(), "cut at " + cut + " of " + Wire.HEX.formatHex(b));
        }
    }

    private static void assertByteByByte(byte[] b, boolean valid) {
        Utf8Validator v = new Utf8Validator();
        boolean ok = true;
        for (int i = 0; i < b.length; i++) {
            ok &= v.update(b, i, 1);
        }
        assertEquals(valid, ok && v.isComplete());
    }

    private static boolean jdkAccepts(byte[] b) {
        try {
            StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(b));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }
}
