package dev.gyre.http2;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.gyre.http2.config.Http2Limits;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Thousands of damaged conversations: a valid exchange with bytes flipped, cut or repeated, fed in random
 * splits to an engine whose listener answers every request at once. Whatever the input, nothing escapes
 * {@code receive} but events, and everything the engine writes is well-formed frames.
 */
class Http2RobustnessTest {
    @Test
    void damagedInputNeverBreaksTheEngine() {
        Random random = new Random(2026);
        for (int round = 0; round < 3000; round++) {
            byte[] input = mutate(exchange(), random);
            AnsweringListener listener = new AnsweringListener();
            Http2Connection connection = new Http2Connection(Http2Limits.defaults(), listener, true, System::nanoTime);
            listener.connection = connection;
            ServerFrames reader = new ServerFrames();
            for (ByteBuffer piece : Splits.RANDOM.pieces(input)) {
                connection.receive(piece);
                reader.read(connection);
            }
            assertEquals(0, connection.output().size());
        }
    }

    static byte[] exchange() {
        ClientFrames c = new ClientFrames().preface().settings(Http2Settings.INITIAL_WINDOW_SIZE, 100,
                Http2Settings.HEADER_TABLE_SIZE, 256);
        c.get(1, "/a").headers(3, false, ":method", "POST", ":scheme", "http", ":path", "/b", "content-length", "4",
                "x-long", "v".repeat(300));
        c.data(3, new byte[2], false).paddedData(3, new byte[2], 3, false).headers(3, true, "x-t", "1");
        c.windowUpdate(1, 1000).windowUpdate(0, 5000).ping(9).priority(5, 3).rst(1, Http2ErrorCode.CANCEL);
        c.frame(Frame.HEADERS, 0, 7, c.block(":method", "GET", ":scheme", "http"))
                .frame(Frame.CONTINUATION, Frame.FLAG_END_HEADERS | Frame.FLAG_END_STREAM, 7, c.block(":path", "/c"));
        c.settingsAck().goAway(7, Http2ErrorCode.NO_ERROR);
        return c.bytes();
    }

    static byte[] mutate(byte[] bytes, Random random) {
        byte[] b = bytes.clone();
        switch (random.nextInt(4)) {
            case 0 -> {
                for (int i = 1 + random.nextInt(4); i > 0; i--) {
                    int at = FrameDecoder.PREFACE.length + random.nextInt(b.length - FrameDecoder.PREFACE.length);
                    b[at] = (byte) random.nextInt(256);
                }
            }
            case 1 -> b = Arrays.copyOf(b, FrameDecoder.PREFACE.length + random.nextInt(b.length - FrameDecoder.PREFACE.length));
            case 2 -> {
                int from = FrameDecoder.PREFACE.length + random.nextInt(b.length - FrameDecoder.PREFACE.length);
                int length = random.nextInt(Math.min(60, b.length - from));
                byte[] longer = Arrays.copyOf(b, b.length + length);
                System.arraycopy(b, from, longer, from + length, b.length - from);
                b = longer;
            }
            default -> b[FrameDecoder.PREFACE.length + random.nextInt(9)] ^= (byte) (1 << random.nextInt(8));
        }
        return b;
    }
}
