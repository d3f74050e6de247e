package dev.gyre.bench.parser;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * The request bytes the parser benchmarks feed, shared with the Netty decoder benchmarks so that both
 * sides parse exactly the same input.
 */
public final class Requests {
    /** The request wrk sends in the TechEmpower plaintext test, with its browser-like {@code Accept}. */
    public static final String PLAINTEXT = """
            GET /plaintext HTTP/1.1\r
            Host: localhost:8080\r
            Accept: text/plain,text/html;q=0.9,application/xhtml+xml;q=0.9,application/xml;q=0.8,*/*;q=0.7\r
            Connection: keep-alive\r
            \r
            """;

    /**
     * The request of Netty's {@code HttpFragmentedRequestDecoderBenchmark}: nine fields and an 8-byte body.
     * Netty mixes CRLF and bare LF line ends in it; Gyre refuses a bare LF (see {@code LineReader}), so here
     * every line ends in CRLF, on both sides.
     */
    public static final String FRAGMENTED = "GET /some/path?foo=bar&wibble=eek HTTP/1.1\r\n"
            + "Upgrade: WebSocket\r\n"
            + "Connection: Upgrade\r\n"
            + "Host: localhost\r\n"
            + "Referer: http://mywebsite.com\r\n"
            + "Origin: http://localhost:8080\r\n"
            + "Sec-WebSocket-Key1: 10  28 8V7 8 48     0\r\n"
            + "Sec-WebSocket-Key2: 8 Xt754O3Q3QW 0   _60\r\n"
            + "Content-Type: application/x-www-form-urlencoded\r\n"
            + "Content-Length: 8\r\n"
            + "\r\n"
            + "12345678";

    private Requests() {
    }

    /** {@code copies} copies of {@code request} back to back in one buffer, as one socket read. */
    public static ByteBuffer pipelined(String request, int copies, boolean direct) {
        byte[] bytes = request.getBytes(StandardCharsets.US_ASCII);
        ByteBuffer buf = direct ? ByteBuffer.allocateDirect(bytes.length * copies)
                : ByteBuffer.allocate(bytes.length * copies);
        for (int i = 0; i < copies; i++) {
            buf.put(bytes);
        }
        return buf.flip();
    }

    /** {@code request} cut into direct buffers of {@code size} bytes (the last may be shorter). */
    public static ByteBuffer[] fragments(String request, int size) {
        byte[] bytes = request.getBytes(StandardCharsets.US_ASCII);
        ByteBuffer[] parts = new ByteBuffer[(bytes.length + size - 1) / size];
        for (int i = 0; i < parts.length; i++) {
            int from = i * size;
            int len = Math.min(size, bytes.length - from);
            parts[i] = ByteBuffer.allocateDirect(len).put(bytes, from, len).flip();
        }
        return parts;
    }
}
