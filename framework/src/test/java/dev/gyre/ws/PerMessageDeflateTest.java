package dev.gyre.ws;

import static dev.gyre.ws.FrameDecoderTest.assertDecodes;
import static dev.gyre.ws.Wire.concat;
import static dev.gyre.ws.Wire.frame;
import static dev.gyre.ws.Wire.hex;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.Supplier;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class PerMessageDeflateTest {
    private static final DeflateParameters TAKEOVER = new DeflateParameters(false, false, false);
    private static final DeflateParameters NO_TAKEOVER = new DeflateParameters(true, true, false);
    private static final DeflateOptions ALWAYS = DeflateOptions.defaults().withMinCompressSize(0);

    private final List<PerMessageDeflate> opened = new ArrayList<>();

    @AfterEach
    void closeAll() {
        opened.forEach(PerMessageDeflate::close);
    }

    private PerMessageDeflate deflate(DeflateParameters agreed) {
        PerMessageDeflate d = new PerMessageDeflate(agreed, ALWAYS);
        opened.add(d);
        return d;
    }

    /** A fresh decoder per split, each with its own inflater, because inflate context spans messages. */
    private Supplier<FrameDecoder> decoders(DeflateParameters agreed, int limit) {
        return () -> new FrameDecoder(limit, deflate(agreed));
    }

    @Test
    void rfc7692HelloIsDecoded() {
        // RFC 7692 §7.2.3.1, masked as a client must
        assertDecodes(decoders(TAKEOVER, 1024), frame(true, 4, 1, hex("f2 48 cd c9 c9 07 00")), "text:Hello");
    }

    @Test
    void rfc7692FragmentedHelloIsDecoded() {
        // §7.2.3.1: the same compressed bytes split over two frames, RSV1 on the first only
        assertDecodes(decoders(TAKEOVER, 1024),
                concat(frame(false, 4, 1, hex("f2 48 cd")), frame(true, 0, 0, hex("c9 c9 07 00"))), "text:Hello");
    }

    @Test
    void rfc7692SharedWindowAcrossMessages() {
        // §7.2.3.2: the second "Hello" refers back into the first message's window
        assertDecodes(decoders(TAKEOVER, 1024),
                concat(frame(true, 4, 1, hex("f2 48 cd c9 c9 07 00")), frame(true, 4, 1, hex("f2 00 11 00 00"))),
                "text:Hello", "text:Hello");
    }

    @Test
    void rfc7692StoredBlockFinalBlockTwoBlocksAndEmptyMessage() {
        // §7.2.3.3 no compression, §7.2.3.4 BFINAL set, §7.2.3.5 two blocks, §7.2.3.6 empty payload
        assertDecodes(decoders(TAKEOVER, 1024),
                concat(frame(true, 4, 1, hex("00 05 00 fa ff 48 65 6c 6c 6f 00")),
                        frame(true, 4, 1, hex("f3 48 cd c9 c9 07 00 00")),
                        frame(true, 4, 1, hex("f2 48 05 00 00 00 ff ff ca c9 c9 07 00")),
                        frame(true, 4, 1, hex("00")),
                        frame(true, 4, 2, hex("f2 48 cd c9 c9 07 00"))),
                "text:Hello", "text:Hello", "text:Hello", "text:", "binary:48656c6c6f");
    }

    @Test
    void clientThatPromisedNoContextTakeoverMayNotReferToEarlierMessages() {
        // §7.2.3.2's second message points into the first one's window, which the client promised not to keep
        assertDecodes(decoders(new DeflateParameters(false, true, false), 1024),
                concat(frame(true, 4, 1, hex("f2 48 cd c9 c9 07 00")), frame(true, 4, 1, hex("f2 00 11 00 00"))),
                "text:Hello", "error:1007");
    }

    @Test
    void uncompressedMessagesMixWithCompressedOnes() {
        assertDecodes(decoders(TAKEOVER, 1024),
                concat(frame(true, 0, 1, "plain".getBytes(StandardCharsets.UTF_8)),
                        frame(true, 4, 1, hex("f2 48 cd c9 c9 07 00"))),
                "text:plain", "text:Hello");
    }

    @Test
    void encoderProducesTheRfc7692Bytes() {
        FrameEncoder encoder = new FrameEncoder(0, deflate(TAKEOVER));
        assertEquals("c107f248cdc9c90700", hexOf(encoder.text("Hello")));
        assertEquals("c105f200110000", hexOf(encoder.text("Hello")), "§7.2.3.2: context taken over");
        FrameEncoder fresh = new FrameEncoder(0, deflate(NO_TAKEOVER));
        assertEquals("c107f248cdc9c90700", hexOf(fresh.text("Hello")));
        assertEquals("c107f248cdc9c90700", hexOf(fresh.text("Hello")), "server_no_context_takeover");
        assertEquals("c10100", hexOf(fresh.text("")), "§7.2.3.6: an empty message is one 00 byte");
    }

    /** Found by PerMessageDeflateFuzzTest: zlib's second flush without input writes nothing, not a tail. */
    @Test
    void emptyMessageAfterAnotherWithContextTakeoverIsOneZeroByte() throws DataFormatException {
        FrameEncoder encoder = new FrameEncoder(0, deflate(TAKEOVER));
        Inflater inflater = new Inflater(true);
        for (String m : List.of("Hello", "", "", "Hello")) {
            Wire.Frame f = Wire.serverFrames(encoder.text(m)).get(0);
            assertTrue(f.rsv1());
            assertEquals(m, new String(clientInflate(inflater, f.payload()), StandardCharsets.UTF_8));
            if (m.isEmpty()) {
                assertEquals("00", hexOf(ByteBuffer.wrap(f.payload())), "§7.2.3.6");
            }
        }
        inflater.end();
    }

    @Test
    void shortMessagesAreSentUncompressed() {
        try (PerMessageDeflate d = new PerMessageDeflate(TAKEOVER, DeflateOptions.defaults())) {
            FrameEncoder encoder = new FrameEncoder(0, d);
            assertEquals("8105" + "48656c6c6f", hexOf(encoder.text("Hello")));
            assertTrue(Wire.serverFrames(encoder.text("x".repeat(100))).get(0).rsv1());
        }
    }

    @Test
    void roundTripWithAndWithoutContextTakeover() throws DataFormatException {
        for (DeflateParameters agreed : List.of(TAKEOVER, NO_TAKEOVER)) {
            boolean takeover = !agreed.clientNoContextTakeover();
            Random random = new Random(7692);
            List<String> messages = new ArrayList<>();
            for (int i = 0; i < 30; i++) {
                messages.add(("message " + i + " ").repeat(1 + random.nextInt(200)) + "ünïcødé €𝄞");
            }

            // client → server: a client-side deflater, masked fragments, our decoder
            Deflater client = new Deflater(Deflater.DEFAULT_COMPRESSION, true);
            List<byte[]> frames = new ArrayList<>();
            for (String m : messages) {
                byte[] c = clientCompress(client, m.getBytes(StandardCharsets.UTF_8), !takeover);
                int half = c.length / 2;
                frames.add(frame(false, 4, 1, Arrays.copyOfRange(c, 0, half)));
                frames.add(frame(true, 0, 0, Arrays.copyOfRange(c, half, c.length)));
            }
            client.end();
            String[] expected = messages.stream().map(m -> "text:" + m).toArray(String[]::new);
            assertDecodes(decoders(agreed, 1 << 20), concat(frames.toArray(byte[][]::new)), expected);

            // server → client: our encoder, a client-side inflater that keeps its window only with takeover
            FrameEncoder encoder = new FrameEncoder(0, deflate(agreed));
            Inflater inflater = new Inflater(true);
            for (String m : messages) {
                Wire.Frame f = Wire.serverFrames(encoder.text(m)).get(0);
                assertTrue(f.rsv1());
                if (!takeover) {
                    inflater.reset(); // a message must stand alone when the server takes no context over
                }
                assertEquals(m, new String(clientInflate(inflater, f.payload()), StandardCharsets.UTF_8));
            }
            inflater.end();
        }
    }

    @Test
    void compressedMessageInflatingPastTheLimitIsRefused() {
        Deflater client = new Deflater(Deflater.BEST_COMPRESSION, true);
        byte[] bomb = clientCompress(client, new byte[10 * 1024 * 1024], true); // ~10 KiB on the wire
        client.end();
        assertTrue(bomb.length < 20_000, "bomb is small: " + bomb.length);
        assertDecodes(decoders(TAKEOVER, 1 << 20), frame(true, 4, 2, bomb), "error:1009");
        int third = bomb.length / 3;
        assertDecodes(decoders(TAKEOVER, 1 << 20), concat(
                frame(false, 4, 2, Arrays.copyOfRange(bomb, 0, third)),
                frame(false, 0, 0, Arrays.copyOfRange(bomb, third, 2 * third)),
                frame(true, 0, 0, Arrays.copyOfRange(bomb, 2 * third, bomb.length))), "error:1009");
    }

    @Test
    void messageInflatingToExactlyTheLimitIsAccepted() {
        Deflater client = new Deflater(Deflater.DEFAULT_COMPRESSION, true);
        byte[] limit = clientCompress(client, new byte[4096], true);
        byte[] over = clientCompress(client, new byte[4097], true);
        client.end();
        assertDecodes(decoders(NO_TAKEOVER, 4096), frame(true, 4, 2, limit), "binary:" + "00".repeat(4096));
        assertDecodes(decoders(NO_TAKEOVER, 4096), frame(true, 4, 2, over), "error:1009");
    }

    @Test
    void corruptCompressedDataIsInvalidPayload() {
        assertDecodes(decoders(TAKEOVER, 1024), frame(true, 4, 1, hex("ff ff ff ff")), "error:1007");
    }

    @Test
    void inflatedTextMustBeUtf8() {
        Deflater client = new Deflater(Deflater.DEFAULT_COMPRESSION, true);
        byte[] c = clientCompress(client, hex("41 ed a0 80 41"), true);
        client.end();
        assertDecodes(decoders(TAKEOVER, 1024), frame(true, 4, 1, c), "error:1007");
    }

    @Test
    void fragmentedCompressedMessageKeepsRsv1OnTheFirstFrameOnly() {
        PerMessageDeflate d = deflate(TAKEOVER);
        FrameEncoder encoder = new FrameEncoder(8, d);
        String text = "The quick brown fox jumps over the lazy dog; ".repeat(4) + "€";
        List<Wire.Frame> frames = Wire.serverFrames(encoder.text(text));
        assertTrue(frames.size() > 1);
        ByteArrayOutputStream payload = new ByteArrayOutputStream();
        for (int i = 0; i < frames.size(); i++) {
            Wire.Frame f = frames.get(i);
            assertEquals(i == 0, f.rsv1());
            assertEquals(i == 0 ? 1 : 0, f.opcode());
            assertEquals(i == frames.size() - 1, f.fin());
            payload.writeBytes(f.payload());
        }
        Inflater inflater = new Inflater(true);
        assertEquals(text, new String(clientInflate(inflater, payload.toByteArray()), StandardCharsets.UTF_8));
        inflater.end();
    }

    @Test
    void zlibStreamsAreCreatedOnlyWhenFirstUsed() {
        try (PerMessageDeflate d = new PerMessageDeflate(TAKEOVER, ALWAYS)) {
            assertFalse(d.hasInflater());
            assertFalse(d.hasDeflater());
            new FrameDecoder(1024, d).decode(ByteBuffer.wrap(frame(true, 4, 1, hex("f2 48 cd c9 c9 07 00"))));
            assertTrue(d.hasInflater());
            assertFalse(d.hasDeflater());
            new FrameEncoder(0, d).text("Hello");
            assertTrue(d.hasDeflater());
        }
    }

    @Test
    void closeEndsBothStreamsOnce() {
        PerMessageDeflate d = new PerMessageDeflate(TAKEOVER, ALWAYS);
        FrameEncoder encoder = new FrameEncoder(0, d);
        encoder.text("Hello");
        new FrameDecoder(1024, d).decode(ByteBuffer.wrap(frame(true, 4, 1, hex("f2 48 cd c9 c9 07 00"))));
        d.close();
        d.close();
        // JDK 21 throws NullPointerException, later JDKs IllegalStateException: either proves end() ran
        assertThrows(RuntimeException.class, () -> encoder.text("Hello"), "an ended Deflater is unusable");
        FrameDecoder decoder = new FrameDecoder(1024, d);
        assertThrows(RuntimeException.class, () -> decoder.decode(ByteBuffer.wrap(frame(true, 4, 1, hex("f2 48")))),
                "an ended Inflater is unusable");
    }

    @Test
    void serverNoContextTakeoverMakesCompressedFramesIndependentOfHistory() {
        FrameEncoder a = new FrameEncoder(0, deflate(NO_TAKEOVER));
        FrameEncoder b = new FrameEncoder(0, deflate(NO_TAKEOVER));
        a.text("something else first, to fill the window");
        assertFalse(hexOf(a.text("Hello Hello")).isEmpty());
        assertEquals(hexOf(b.text("Hello Hello")), hexOf(a.text("Hello Hello")));
    }

    /** What a client sends: sync-flushed DEFLATE without the 00 00 FF FF tail (RFC 7692 §7.2.1). */
    static byte[] clientCompress(Deflater deflater, byte[] data, boolean reset) {
        deflater.setInput(data);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buf = new byte[8192];
        int n;
        do {
            n = deflater.deflate(buf, 0, buf.length, Deflater.SYNC_FLUSH);
            out.write(buf, 0, n);
        } while (n == buf.length);
        byte[] all = out.toByteArray();
        assertEquals("0000ffff", Wire.HEX.formatHex(Arrays.copyOfRange(all, all.length - 4, all.length)));
        if (reset) {
            deflater.reset();
        }
        return Arrays.copyOf(all, all.length - 4);
    }

    static byte[] clientInflate(Inflater inflater, byte[] payload) {
        inflater.setInput(concat(payload, hex("00 00 ff ff")));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buf = new byte[8192];
        try {
            int n;
            do {
                n = inflater.inflate(buf);
                out.write(buf, 0, n);
            } while (n > 0 || !inflater.needsInput());
        } catch (DataFormatException e) {
            throw new AssertionError(e);
        }
        return out.toByteArray();
    }

    static String hexOf(ByteBuffer b) {
        ByteBuffer d = b.duplicate();
        byte[] bytes = new byte[d.remaining()];
        d.get(bytes);
        return Wire.HEX.formatHex(bytes);
    }
}
