package dev.gyre.bench.ws;

import dev.gyre.ws.WebSocketEvent;
import dev.gyre.ws.internal.WebSocketFrames;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The WebSocket frame codec without compression: decoding one masked client text frame (unmasking and
 * UTF-8 validation included) and encoding one server text frame, for a chat-sized and a 4 KiB message. The codec is
 * package-private; {@link WebSocketFrames} hands out its {@code decode} and {@code text} as functions, one
 * monomorphic call more per operation.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class FrameCodecBenchmark {
    @Param({"32", "4096"})
    public int size;

    private final Function<ByteBuffer, WebSocketEvent> decoder = WebSocketFrames.decoder(1 << 20);
    private final Function<String, ByteBuffer> encoder = WebSocketFrames.textEncoder();
    private ByteBuffer maskedFrame;
    private String text;

    @Setup
    public void setUp() {
        text = "a".repeat(size);
        byte[] payload = text.getBytes(StandardCharsets.UTF_8);
        byte[] mask = {0x37, (byte) 0xfa, 0x21, 0x3d};
        int header = size < 126 ? 2 : 4;
        ByteBuffer frame = ByteBuffer.allocateDirect(header + 4 + size);
        frame.put((byte) 0x81);
        if (size < 126) {
            frame.put((byte) (0x80 | size));
        } else {
            frame.put((byte) (0x80 | 126)).putShort((short) size);
        }
        frame.put(mask);
        for (int i = 0; i < size; i++) {
            frame.put((byte) (payload[i] ^ mask[i & 3]));
        }
        maskedFrame = frame.flip();
        if (!(decode() instanceof WebSocketEvent.Text t) || !t.text().equals(text)) {
            throw new IllegalStateException("the frame did not decode to the text");
        }
    }

    @Benchmark
    public WebSocketEvent decode() {
        return decoder.apply(maskedFrame.duplicate());
    }

    @Benchmark
    public ByteBuffer encode() {
        return encoder.apply(text);
    }
}
