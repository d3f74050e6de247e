package dev.gyre.bench.http2;

import dev.gyre.http.Headers;
import dev.gyre.http2.Http2Connection;
import dev.gyre.http2.Http2ErrorCode;
import dev.gyre.http2.Http2Listener;
import dev.gyre.http2.Http2Request;
import dev.gyre.http2.config.Http2Limits;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.concurrent.TimeUnit;
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
import org.openjdk.jmh.annotations.Warmup;

/**
 * The HTTP/2 engine's cost per request, without a socket: a connection is fed a client preface and 100 GET
 * requests (the shape of {@code h2load -m 100}: Huffman-coded fields, one dynamic-table insert each, as RFC
 * 7541 C.4.1), and answers each inline with a 13-byte text body (HEADERS + DATA, flow-controlled). The response
 * carries the fields the server layer adds for {@code /plaintext} ({@code content-type}, {@code date},
 * {@code server}, {@code content-length}), the same strings for every response as the layer hands them, so the
 * HPACK encoder's cost per field is measured as it is in the server. One operation is one request; the
 * connection's setup is spread over its 100 requests.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class Http2ExchangeBenchmark {
    private static final int REQUESTS = 100;
    private static final byte[] BLOCK = HexFormat.of().parseHex("828684418cf1e3c2e5f23a6ba0ab90f4ff");
    private static final byte[] BODY = "Hello, World!".getBytes(StandardCharsets.US_ASCII);

    private byte[] clientBytes;
    private final Headers responseHeaders = new Headers().add("content-type", "text/plain; charset=utf-8")
            .add("date", "Wed, 02 Dec 2026 02:30:00 GMT").add("server", "gyre").add("content-length", "13");
    private long answered;

    @Setup
    public void setUp() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        frame(out, 0x4, 0, 0, new byte[0]);
        for (int i = 0; i < REQUESTS; i++) {
            frame(out, 0x1, 0x5, 1 + 2 * i, BLOCK);
        }
        clientBytes = out.toByteArray();
        answered = 0;
        exchange();
        if (answered != REQUESTS) {
            throw new IllegalStateException("answered " + answered + " of " + REQUESTS);
        }
    }

    @Benchmark
    @OperationsPerInvocation(REQUESTS)
    public int exchange() {
        Responder responder = new Responder();
        Http2Connection connection = new Http2Connection(Http2Limits.defaults(), responder, true, System::nanoTime);
        responder.connection = connection;
        connection.receive(ByteBuffer.wrap(clientBytes));
        int written = connection.output().size();
        connection.output().clear();
        return written;
    }

    private final class Responder implements Http2Listener {
        Http2Connection connection;

        @Override
        public void onRequest(int streamId, Http2Request request, boolean endStream) {
            connection.sendHeaders(streamId, 200, responseHeaders, false);
            connection.sendData(streamId, ByteBuffer.wrap(BODY), true);
            answered++;
        }

        @Override
        public void onData(int streamId, ByteBuffer data, boolean endStream) {
        }

        @Override
        public void onTrailers(int streamId, Headers trailers) {
        }

        @Override
        public void onReset(int streamId, Http2ErrorCode error) {
            throw new IllegalStateException("stream " + streamId + " reset: " + error);
        }

        @Override
        public void onWritable(int streamId) {
        }

        @Override
        public void onGoAway(int lastStreamId, Http2ErrorCode error) {
        }
    }

    private static void frame(ByteArrayOutputStream out, int type, int flags, int streamId, byte[] payload) {
        out.write(payload.length >>> 16);
        out.write(payload.length >>> 8);
        out.write(payload.length);
        out.write(type);
        out.write(flags);
        out.write(streamId >>> 24);
        out.write(streamId >>> 16);
        out.write(streamId >>> 8);
        out.write(streamId);
        out.writeBytes(payload);
    }
}
