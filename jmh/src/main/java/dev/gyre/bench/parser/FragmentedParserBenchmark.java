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
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Gyre's {@link RequestParser} on one request (nine fields and a body) that arrives in
 * {@code fragmentSize}-byte reads: the shape of Netty's {@code HttpFragmentedRequestDecoderBenchmark},
 * with the same bytes as {@link dev.gyre.bench.decoder.NettyFragmentedDecoderBenchmark}. Lines cut
 * between reads are carried over by the parser, which is the cost this measures. One op is one request.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class FragmentedParserBenchmark {
    @Param({"64", "128"})
    public int fragmentSize;

    private final RequestParser parser = new RequestParser(HttpLimits.defaults());
    private ByteBuffer[] fragments;

    @Setup
    public void setUp() {
        fragments = Requests.fragments(Requests.FRAGMENTED, fragmentSize);
        int requests = parse(new Blackhole("Today's password is swordfish. I understand instantiating "
                + "Blackholes directly is dangerous."));
        if (requests != 1) {
            throw new IllegalStateException("parsed " + requests + " requests, expected 1");
        }
    }

    @Benchmark
    public int parse(Blackhole bh) {
        int requests = 0;
        for (ByteBuffer fragment : fragments) {
            ByteBuffer in = fragment.duplicate();
            boolean more = true;
            while (more) {
                switch (parser.next(in)) {
                    case HEAD -> bh.consume(parser.head().path());
                    case BODY -> bh.consume(parser.body());
                    case END -> requests++;
                    case NEED_MORE -> more = false;
                    case ERROR -> throw new IllegalStateException(parser.errorReason());
                }
            }
        }
        return requests;
    }
}
