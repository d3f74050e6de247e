package dev.gyre.bench.encoder;

import dev.gyre.http.codec.ByteSink;
import dev.gyre.http.codec.HttpDate;
import dev.gyre.http.Headers;
import dev.gyre.http.HttpVersion;
import dev.gyre.http.Response;
import dev.gyre.http.codec.ResponseEncoder;
import dev.gyre.http.internal.ParsedHeaders;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The {@link ResponseEncoder} writing the plaintext answer (status line, {@code Content-Type}, the cached
 * {@code Date}, {@code Server}, {@code Content-Length}, body) into a reused {@link ByteSink}, as a loop does.
 *
 * <ul>
 *   <li>{@code encode}: the encoder alone, on a response built once.</li>
 *   <li>{@code buildAndEncode}: the response built per request too, as a handler returning a
 *       {@code String} gets it ({@code Response.text}) where a {@code Response} is needed.</li>
 *   <li>{@code encodeParts}: the same answer from its status, read-only field and bytes, as a loop route's
 *       {@code String} is sent when nothing needs a {@code Response}.</li>
 * </ul>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class ResponseEncoderBenchmark {
    private final ResponseEncoder encoder = new ResponseEncoder(new HttpDate());
    private final ByteSink sink = new ByteSink();
    private final Response plaintext = Response.text("Hello, World!");
    private final String text = "Hello, World!";
    private final Headers textType = ParsedHeaders.copyOf(new String[] {"Content-Type", "text/plain; charset=utf-8"}, 1);
    private final byte[] textBytes = text.getBytes(StandardCharsets.UTF_8);

    @Benchmark
    public int encode() {
        sink.clear();
        encoder.encode(plaintext, HttpVersion.HTTP_1_1, true, false, true, sink);
        return sink.size();
    }

    @Benchmark
    public int buildAndEncode() {
        sink.clear();
        encoder.encode(Response.text(text), HttpVersion.HTTP_1_1, true, false, true, sink);
        return sink.size();
    }

    @Benchmark
    public int encodeParts() {
        sink.clear();
        encoder.encode(200, textType, textBytes, HttpVersion.HTTP_1_1, true, false, true, sink);
        return sink.size();
    }
}
