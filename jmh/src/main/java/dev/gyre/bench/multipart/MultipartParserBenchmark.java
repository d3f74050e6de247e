package dev.gyre.bench.multipart;

import dev.gyre.multipart.MultipartLimits;
import dev.gyre.multipart.MultipartSubscriber;
import dev.gyre.multipart.PartHead;
import dev.gyre.multipart.PartListener;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import java.util.concurrent.Flow;
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

/**
 * The multipart parser's boundary scan: one form with a text field and a 1 MiB file of random bytes (so CR bytes
 * start false matches, about one in 256), fed in pieces of the size {@code MultipartForm} reads, to a listener
 * that only counts. The pieces go through {@link MultipartSubscriber}, the parser's public face, as a body's pieces
 * do on a loop route; it adds a check and a {@code request(1)} per 16 KiB piece. The score per operation is the time
 * for 1 MiB.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class MultipartParserBenchmark {
    private static final String BOUNDARY = "----WebKitFormBoundary7MA4YWxkTrZu0gW";
    private static final String CONTENT_TYPE = "multipart/form-data; boundary=" + BOUNDARY;

    @Param({"16384"})
    public int piece;

    private byte[] form;
    private long counted;

    /** The body's side of the subscription: every piece is already here, so asking for more does nothing. */
    private static final Flow.Subscription ALL_AT_HAND = new Flow.Subscription() {
        @Override
        public void request(long n) {
        }

        @Override
        public void cancel() {
        }
    };

    private final PartListener counter = new PartListener() {
        @Override
        public void partStarted(PartHead head) {
        }

        @Override
        public void partData(ByteBuffer data) {
            counted += data.remaining();
        }

        @Override
        public void partEnded() {
        }
    };

    @Setup
    public void setUp() {
        byte[] file = new byte[1 << 20];
        new Random(3).nextBytes(file);
        byte[] head = ("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"note\"\r\n\r\nmonthly\r\n--"
                + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.bin\"\r\n"
                + "Content-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
        byte[] tail = ("\r\n--" + BOUNDARY + "--\r\n").getBytes(StandardCharsets.US_ASCII);
        form = ByteBuffer.allocate(head.length + file.length + tail.length).put(head).put(file).put(tail).array();
        if (parse() != file.length + "monthly".length()) {
            throw new IllegalStateException("the form did not parse to its parts");
        }
    }

    @Benchmark
    public long parse() {
        counted = 0;
        MultipartSubscriber parser = new MultipartSubscriber(CONTENT_TYPE, MultipartLimits.defaults(), counter);
        parser.onSubscribe(ALL_AT_HAND);
        for (int at = 0; at < form.length; at += piece) {
            parser.onNext(ByteBuffer.wrap(form, at, Math.min(piece, form.length - at)));
        }
        parser.onComplete();
        parser.done().toCompletableFuture().join();
        return counted;
    }
}
