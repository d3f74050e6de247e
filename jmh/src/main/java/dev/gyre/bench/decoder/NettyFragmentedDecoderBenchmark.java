package dev.gyre.bench.decoder;

import dev.gyre.bench.parser.Requests;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpRequestDecoder;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The Netty reference for {@link dev.gyre.bench.parser.FragmentedParserBenchmark}: Netty's
 * {@link HttpRequestDecoder} on the same request, fed in {@code fragmentSize}-byte direct buffers, as in
 * Netty's own {@code HttpFragmentedRequestDecoderBenchmark} (one long-lived channel here, as a server has
 * one decoder per connection). One op is one request.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class NettyFragmentedDecoderBenchmark {
    @Param({"64", "128"})
    public int fragmentSize;

    private EmbeddedChannel channel;
    private Counter counter;
    private ByteBuf[] fragments;

    @Setup
    public void setUp() {
        counter = new Counter();
        channel = new EmbeddedChannel(new HttpRequestDecoder(), counter);
        ByteBuffer[] parts = Requests.fragments(Requests.FRAGMENTED, fragmentSize);
        fragments = new ByteBuf[parts.length];
        for (int i = 0; i < parts.length; i++) {
            fragments[i] = Unpooled.directBuffer(parts[i].remaining()).writeBytes(parts[i]);
        }
        if (decode() != 1) {
            throw new IllegalStateException("the decoder did not yield one whole request");
        }
    }

    @TearDown
    public void tearDown() {
        channel.finishAndReleaseAll();
        for (ByteBuf f : fragments) {
            f.release();
        }
    }

    @Benchmark
    public int decode() {
        counter.ends = 0;
        for (ByteBuf f : fragments) {
            channel.writeInbound(f.retainedDuplicate());
        }
        return counter.ends;
    }

    /** Counts whole requests (a head followed by its last content) and releases every message. */
    private static final class Counter extends ChannelInboundHandlerAdapter {
        int ends;

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (msg instanceof LastHttpContent) {
                ends++;
            } else if (msg instanceof HttpRequest r && r.decoderResult().isFailure()) {
                throw new IllegalStateException(r.decoderResult().cause());
            }
            ReferenceCountUtil.release(msg);
        }
    }
}
