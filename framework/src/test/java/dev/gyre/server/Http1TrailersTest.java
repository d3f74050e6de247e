package dev.gyre.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gyre.http.HttpLimits;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Trailers over HTTP/1.1 on a real server through a raw {@link SocketChannel}: request trailers reach the
 * handler (whole, streamed, published), forbidden and oversized ones are refused, and response trailers follow
 * the last chunk byte for byte, for whole, streamed, blocking and file bodies; HTTP/1.0 and a status without
 * content get neither the trailers nor the {@code Trailer} field, HEAD gets the chunked head a GET would have and
 * nothing after it, and a failing supplier ends the exchange as documented with the server serving on.
 */
class Http1TrailersTest {
    private static final String CHUNKED_POST = "Host: x\r\nTransfer-Encoding: chunked\r\n\r\n";
    /** The head of {@code /trailers/fixed}, to a GET and, the same, to a HEAD ({@code Date} masked). */
    private static final String FIXED_HEAD = "HTTP/1.1 200 OK\r\n"
            + "Content-Type: text/plain; charset=utf-8\r\n"
            + "Trailer: x-checksum, x-absent, grpc-status\r\n"
            + "Date: *\r\n"
            + "Server: gyre\r\n"
            + "Transfer-Encoding: chunked\r\n"
            + "\r\n";
    private static GyreServer server;

    @BeforeAll
    static void start() throws Exception {
        server = Gyre.builder().port(0).loops(1).handlers(new TrailerRoutes())
                .limits(HttpLimits.defaults().withMaxTrailerSectionSize(64)).start();
    }

    @AfterAll
    static void stop() {
        server.stop(Duration.ofSeconds(1));
    }

    @Test
    void aWholeBodyWithTrailersIsSentAsOneChunkAndTheTrailerSection() throws Exception {
        try (Raw c = new Raw()) {
            String response = c.exchange("GET /trailers/fixed HTTP/1.1\r\nHost: x\r\n\r\n", "\r\n0\r\n", "\r\n\r\n");
            assertEquals(FIXED_HEAD
                    + "b\r\nfixed body\n\r\n"
                    + "0\r\n"
                    + "x-checksum: " + TrailerRoutes.crc("fixed body\n") + "\r\n"
                    + "grpc-status: 0\r\n"
                    + "\r\n", response);
            String again = c.exchange("GET /trailers/empty HTTP/1.1\r\nHost: x\r\n\r\n", "0\r\n", "\r\n\r\n");
            assertTrue(again.endsWith("Transfer-Encoding: chunked\r\n\r\n0\r\nx-empty: yes\r\n\r\n"),
                    "kept alive, and an empty body is the last chunk alone: " + again);
        }
    }

    @Test
    void aStreamedBodyEndsWithTrailersKnownOnlyAtItsEnd() throws Exception {
        try (Raw c = new Raw()) {
            String response = c.exchange("GET /trailers/stream?count=3&size=4 HTTP/1.1\r\nHost: x\r\n\r\n",
                    "\r\n0\r\n", "\r\n\r\n");
            java.util.zip.CRC32 crc = new java.util.zip.CRC32();
            crc.update("aaaabbbbcccc".getBytes(StandardCharsets.US_ASCII));
            assertTrue(response.startsWith("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nTrailer: x-bytes, x-crc32\r\n"),
                    response);
            assertTrue(response.endsWith("Transfer-Encoding: chunked\r\n\r\n"
                    + "4\r\naaaa\r\n4\r\nbbbb\r\n4\r\ncccc\r\n"
                    + "0\r\nx-bytes: 12\r\nx-crc32: " + Long.toHexString(crc.getValue()) + "\r\n\r\n"), response);
            String blocking = c.exchange("GET /trailers/blocking HTTP/1.1\r\nHost: x\r\n\r\n", "\r\n0\r\n", "\r\n\r\n");
            assertTrue(blocking.endsWith("7\r\nline 3\n\r\n0\r\nx-writes: 4\r\n\r\n"), blocking);
        }
    }

    @Test
    void aFileRegionIsChunkedAroundTheFile() throws Exception {
        try (Raw c = new Raw()) {
            String response = c.exchange("GET /trailers/file HTTP/1.1\r\nHost: x\r\n\r\n", "\r\n0\r\n", "\r\n\r\n");
            assertFalse(response.contains("Content-Length"), response);
            assertTrue(response.endsWith("\r\n\r\na\r\n" + TrailerRoutes.FILE_TEXT + "\r\n0\r\nx-checksum: "
                    + TrailerRoutes.crc(TrailerRoutes.FILE_TEXT) + "\r\n\r\n"), response);
        }
    }

    @Test
    void http10GetsNeitherTrailersNorATrailerFieldAnnouncingThem() throws Exception {
        try (Raw c = new Raw()) {
            String response = c.exchange("GET /trailers/fixed HTTP/1.0\r\n\r\n", "\r\n\r\n", "fixed body\n");
            assertTrue(response.contains("Content-Length: 11\r\n"), response);
            assertFalse(response.contains("chunked"), response);
            assertFalse(response.contains("Trailer:"), "no trailer section can follow: " + response);
            assertTrue(c.closedAfter(), "HTTP/1.0 without keep-alive closes: nothing follows the body");
        }
        try (Raw c = new Raw()) {
            String streamed = c.exchange("GET /trailers/stream?count=2&size=3 HTTP/1.0\r\n\r\n", "\r\n\r\n", "bbb");
            assertTrue(streamed.endsWith("\r\n\r\naaabbb"), "raw and close-delimited: " + streamed);
            assertFalse(streamed.contains("Trailer:"), streamed);
            assertTrue(c.closedAfter(), "no last chunk, no trailers");
        }
    }

    /**
     * A GET to a route with trailers is chunked, so the HEAD answer is too (RFC 9110 §9.3.2: the fields a GET
     * would have), never a {@code Content-Length} the GET does not send; and no body or trailer section follows.
     */
    @Test
    void aHeadAnswerHasTheFramingAGetWouldHaveAndNothingAfterIt() throws Exception {
        try (Raw c = new Raw()) {
            String head = c.exchange("HEAD /trailers/fixed HTTP/1.1\r\nHost: x\r\n\r\n", "\r\n\r\n");
            assertEquals(FIXED_HEAD, head);
            for (String target : new String[] {"/trailers/empty", "/trailers/file", "/trailers/stream",
                    "/trailers/blocking"}) {
                String other = c.exchange("HEAD " + target + " HTTP/1.1\r\nHost: x\r\n\r\n", "\r\n\r\n");
                assertTrue(other.startsWith("HTTP/1.1 200 OK\r\n"), target + ": " + other);
                assertTrue(other.contains("\r\nTrailer: "), target + ": " + other);
                assertTrue(other.endsWith("Transfer-Encoding: chunked\r\n\r\n"), target + ": " + other);
                assertFalse(other.contains("Content-Length"), target + ": " + other);
            }
            String next = c.exchange("GET /trailers/empty HTTP/1.1\r\nHost: x\r\n\r\n", "0\r\n", "\r\n\r\n");
            assertTrue(next.startsWith("HTTP/1.1 200 OK\r\n"), "no body and no trailer section came after the HEAD "
                    + "answers, so the next response starts right after them: " + next);
        }
    }

    @Test
    void aStatusWithoutContentDropsItsTrailersUnaskedAndUnannounced() throws Exception {
        try (Raw c = new Raw()) {
            String response = c.exchange("GET /trailers/no-content HTTP/1.1\r\nHost: x\r\n\r\n", "\r\n\r\n");
            assertEquals("HTTP/1.1 204 No Content\r\nDate: *\r\nServer: gyre\r\n\r\n", response);
            String next = c.exchange("GET /trailers/empty HTTP/1.1\r\nHost: x\r\n\r\n", "0\r\n", "\r\n\r\n");
            assertTrue(next.startsWith("HTTP/1.1 200 OK\r\n"), next);
        }
    }

    @Test
    void aTrailerSupplierThatThrowsOnAWholeBodyMakesA500AndTheConnectionServesOn() throws Exception {
        try (Raw c = new Raw()) {
            String response = c.exchange("GET /trailers/failing-fixed HTTP/1.1\r\nHost: x\r\n\r\n",
                    "\r\n\r\n", "}");
            assertTrue(response.startsWith("HTTP/1.1 500 Internal Server Error\r\n"), response);
            assertFalse(response.contains("never sent"), response);
            String next = c.exchange("GET /trailers/empty HTTP/1.1\r\nHost: x\r\n\r\n", "0\r\n", "\r\n\r\n");
            assertTrue(next.endsWith("0\r\nx-empty: yes\r\n\r\n"), next);
        }
    }

    @Test
    void aTrailerSupplierThatThrowsOnAStreamCutsTheResponseShortAndTheServerServesOn() throws Exception {
        for (String target : new String[] {"/trailers/failing-stream", "/trailers/failing-stream?badValue=true"}) {
            try (Raw c = new Raw()) {
                String response = c.exchange("GET " + target + " HTTP/1.1\r\nHost: x\r\n\r\n", "partial\n\r\n");
                assertTrue(c.closedAfter(), target + ": the connection closes");
                assertTrue(response.endsWith("\r\n\r\n8\r\npartial\n\r\n"), target + ": no last chunk: " + response);
                assertFalse(c.received().contains("Injected"), "a bad value is never written");
            }
        }
        try (Raw c = new Raw()) {
            assertTrue(c.exchange("GET /trailers/empty HTTP/1.1\r\nHost: x\r\n\r\n", "0\r\n", "\r\n\r\n")
                    .endsWith("x-empty: yes\r\n\r\n"), "the loop serves on");
        }
    }

    @Test
    void requestTrailersReachAWholeBodyHandler() throws Exception {
        try (Raw c = new Raw()) {
            String response = c.exchange("POST /trailers/echo HTTP/1.1\r\n" + CHUNKED_POST
                    + "5\r\nhello\r\n0\r\nX-Checksum: 1234\r\nX-Note:  two words \r\n\r\n", "\r\n\r\n", "words\n");
            assertTrue(response.endsWith("\r\n\r\nhello\nX-Checksum=1234\nX-Note=two words\n"), response);
            String none = c.exchange("POST /trailers/echo HTTP/1.1\r\n" + CHUNKED_POST + "2\r\nhi\r\n0\r\n\r\n",
                    "\r\n\r\n", "hi\n");
            assertTrue(none.endsWith("\r\n\r\nhi\n"), "no trailers, none seen: " + none);
        }
    }

    /**
     * {@code 100-continue} makes the order certain: the handler asks for the trailers before its first read, which is
     * what sends the 100, so no byte of the body has arrived then.
     */
    @Test
    void requestTrailersReachStreamingHandlersOnceTheBodyHasEnded() throws Exception {
        try (Raw c = new Raw()) {
            c.exchange("POST /trailers/stream-echo HTTP/1.1\r\nExpect: 100-continue\r\n" + CHUNKED_POST,
                    "HTTP/1.1 100 Continue\r\n\r\n");
            String streamed = c.exchange("3\r\nabc\r\n0\r\nX-Sum: 42\r\n\r\n", "\r\n\r\n", "X-Sum=42\n");
            assertTrue(streamed.endsWith("\r\n\r\nnot yet\nabc\nX-Sum=42\n"), streamed);
            String published = c.exchange("POST /trailers/publisher-echo HTTP/1.1\r\n" + CHUNKED_POST
                    + "3\r\nxyz\r\n0\r\nX-Sum: 7\r\n\r\n", "\r\n\r\n", "X-Sum=7\n");
            assertTrue(published.endsWith("\r\n\r\nxyz\nX-Sum=7\n"), published);
        }
    }

    @Test
    void aForbiddenRequestTrailerIs400() throws Exception {
        for (String field : new String[] {"Content-Length: 5", "Host: evil", "Authorization: Basic eA==",
                "Transfer-Encoding: chunked", "Trailer: x"}) {
            try (Raw c = new Raw()) {
                String response = c.exchange("POST /trailers/echo HTTP/1.1\r\n" + CHUNKED_POST
                        + "1\r\nZ\r\n0\r\n" + field + "\r\n\r\n", "\r\n\r\n", "}");
                assertTrue(response.startsWith("HTTP/1.1 400 Bad Request\r\n"), field + ": " + response);
                assertTrue(response.contains("field not allowed in trailers"), response);
                assertTrue(c.closedAfter(), field + ": closed after the 400");
            }
        }
    }

    @Test
    void aStreamedBodyWhoseTrailersAreForbiddenFailsTheHandlersRead() throws Exception {
        try (Raw c = new Raw()) {
            String response = c.exchange("POST /trailers/stream-echo HTTP/1.1\r\n" + CHUNKED_POST
                    + "3\r\nabc\r\n0\r\nHost: evil\r\n\r\n", "\r\n\r\n", "}");
            assertTrue(response.startsWith("HTTP/1.1 500 "), "the handler's read failed: " + response);
            assertFalse(response.contains("evil"), response);
            assertTrue(c.closedAfter(), "the connection does not read past bad framing");
        }
    }

    @Test
    void requestTrailersOverTheLimitAre431() throws Exception {
        try (Raw c = new Raw()) {
            String response = c.exchange("POST /trailers/echo HTTP/1.1\r\n" + CHUNKED_POST
                    + "1\r\nZ\r\n0\r\nX-Big: " + "v".repeat(64) + "\r\n\r\n", "\r\n\r\n", "}");
            assertTrue(response.startsWith("HTTP/1.1 431 "), response);
            assertTrue(c.closedAfter());
        }
    }

    /** One raw connection; {@link #exchange} returns what came back for one request, with {@code Date} masked. */
    private static final class Raw implements AutoCloseable {
        private final SocketChannel channel;
        private final StringBuilder all = new StringBuilder();
        private int taken;

        Raw() throws IOException {
            channel = SocketChannel.open(new InetSocketAddress("127.0.0.1", server.port()));
            channel.socket().setSoTimeout(10_000);
        }

        /** Sends {@code request}, then reads until the markers have appeared in this order after what was taken before. */
        String exchange(String request, String... markers) throws IOException {
            ByteBuffer out = ByteBuffer.wrap(request.getBytes(StandardCharsets.ISO_8859_1));
            while (out.hasRemaining()) {
                channel.write(out);
            }
            int from = taken;
            for (String marker : markers) {
                int at;
                while ((at = all.indexOf(marker, from)) < 0) {
                    if (!readSome()) {
                        throw new IOException("closed before " + printable(marker) + " in " + printable(all.substring(taken)));
                    }
                }
                from = at + marker.length();
            }
            String response = all.substring(taken, from);
            taken = from;
            return response.replaceFirst("Date: [^\r]*\r\n", "Date: *\r\n");
        }

        /** Whether the server closes the connection with nothing more sent. */
        boolean closedAfter() throws IOException {
            while (readSome()) {
                if (all.length() > taken) {
                    return false;
                }
            }
            return true;
        }

        String received() {
            return all.toString();
        }

        private boolean readSome() throws IOException {
            ByteBuffer in = ByteBuffer.allocate(8192);
            int n;
            try {
                n = channel.socket().getInputStream().read(in.array());
            } catch (IOException reset) {
                return false;
            }
            if (n < 0) {
                return false;
            }
            all.append(new String(in.array(), 0, n, StandardCharsets.ISO_8859_1));
            return true;
        }

        private static String printable(String s) {
            return s.replace("\r", "\\r").replace("\n", "\\n");
        }

        @Override
        public void close() throws IOException {
            channel.close();
        }
    }
}
