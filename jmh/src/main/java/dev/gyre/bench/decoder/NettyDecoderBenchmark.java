package dev.gyre.bench.decoder;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpRequestDecoder;
import io.netty.util.ReferenceCountUtil;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/**
 * The Netty reference parser number: Netty's {@link HttpRequestDecoder} decoding one read of
 * {@value #PIPELINE_DEPTH} pipelined plaintext GETs, reported per request.
 *
 * <p>The request is the one wrk sends in the TechEmpower plaintext test, with its browser-like
 * {@code Accept} header, so header parsing weighs what it weighs under load. The buffer is direct, as
 * a socket read would be. Gyre's parser benchmark feeds the same bytes, so the two numbers compare the
 * parsers alone, without sockets or event loops.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@OperationsPerInvocation(NettyDecoderBenchmark.PIPELINE_DEPTH)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class NettyDecoderBenchmark {

    static final int PIPELINE_DEPTH = 16;

    static final String PLAINTEXT_REQUEST = dev.gyre.bench.parser.Requests.PLAINTEXT;
    private EmbeddedChannel channel;
    private RequestCounter counter;
    private ByteBuf pipelined;

    @Setup
    public void setUp() {
        counter = new RequestCounter();
        channel = new EmbeddedChannel(new HttpRequestDecoder(), counter);
        byte[] request = PLAINTEXT_REQUEST.getBytes(StandardCharsets.US_ASCII);
        pipelined = Unpooled.directBuffer(request.length * PIPELINE_DEPTH);
        for (int i = 0; i < PIPELINE_DEPTH; i++) {
            pipelined.writeBytes(request);
        }
        if (decode() != PIPELINE_DEPTH) {
            throw new IllegalStateException("the decoder did not yield " + PIPELINE_DEPTH + " requests per read");
        }
    }

    @TearDown
    public void tearDown() {
        channel.finishAndReleaseAll();
        pipelined.release();
    }

    /** Returns the requests decoded, which JMH consumes, so the work cannot be optimised away. */
    @Benchmark
    public int decode() {
        counter.requests = 0;
        channel.writeInbound(pipelined.retainedDuplicate());
        return counter.requests;
    }

    /** The end of the pipeline: counts requests and releases every decoded message, as a server would. */
    private static final class RequestCounter extends ChannelInboundHandlerAdapter {
        int requests;

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (msg instanceof HttpRequest) {
                requests++;
            }
            ReferenceCountUtil.release(msg);
        }
    }
}
