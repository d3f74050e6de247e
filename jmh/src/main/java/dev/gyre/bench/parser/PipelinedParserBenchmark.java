package dev.gyre.bench.parser;

import dev.gyre.http.HttpLimits;
import dev.gyre.http.codec.RequestParser;
import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Gyre's {@link RequestParser} on one read of {@value #PIPELINE_DEPTH} pipelined plaintext GETs in a direct
 * buffer, reported per request: the shape of Netty's {@code HttpPipelinedRequestDecoderBenchmark} and the
 * same bytes as {@link dev.gyre.bench.decoder.NettyDecoderBenchmark}, so the two numbers compare the
 * parsers alone.
 *
 * <p>{@code direct=true} is the buffer Netty's benchmark reads from; {@code direct=false} is a heap buffer,
 * which is what Gyre's connections read into (the parser scans a heap array without copying lines).
 *
 * <p>{@code parse} is the parser as the connection uses it (events and the {@code RequestHead}); the
 * connection reads the head's method and path and one header, which the blackhole stands in for.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@OperationsPerInvocation(PipelinedParserBenchmark.PIPELINE_DEPTH)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class PipelinedParserBenchmark {
    static final int PIPELINE_DEPTH = 16;

    @Param({"true", "false"})
    public boolean direct;

    private final RequestParser parser = new RequestParser(HttpLimits.defaults());
    private ByteBuffer pipelined;

    @Setup
    public void setUp() {
        pipelined = Requests.pipelined(Requests.PLAINTEXT, PIPELINE_DEPTH, direct);
        int requests = parse(new Blackhole("Today's password is swordfish. I understand instantiating "
                + "Blackholes directly is dangerous."));
        if (requests != PIPELINE_DEPTH) {
            throw new IllegalStateException("parsed " + requests + " requests, expected " + PIPELINE_DEPTH);
        }
    }

    /** Returns the requests parsed, so the work cannot be optimised away. */
    @Benchmark
    public int parse(Blackhole bh) {
        ByteBuffer in = pipelined.duplicate();
        int requests = 0;
        while (true) {
            switch (parser.next(in)) {
                case HEAD -> {
                    bh.consume(parser.head().path());
                    bh.consume(parser.head().keepAlive());
                }
                case END -> requests++;
                case BODY -> bh.consume(parser.body());
                case NEED_MORE -> {
                    return requests;
                }
                case ERROR -> throw new IllegalStateException(parser.errorReason());
            }
        }
    }
}
