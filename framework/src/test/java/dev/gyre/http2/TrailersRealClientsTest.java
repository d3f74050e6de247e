package dev.gyre.http2;

import static dev.gyre.http2.RealClientsTest.installed;
import static dev.gyre.http2.RealClientsTest.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.gyre.http2.RealClientsTest.Result;
import dev.gyre.server.Gyre;
import dev.gyre.server.GyreServer;
import dev.gyre.server.TrailerRoutes;
import dev.gyre.transport.TestCerts;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Trailers as real clients see them: {@code curl --raw} shows HTTP/1.1's last chunk and trailer section as sent,
 * {@code nghttp -v} shows HTTP/2's trailing HEADERS (h2c and h2 over TLS) and sends request trailers
 * ({@code --trailer}). Skipped where a tool is not installed.
 */
class TrailersRealClientsTest {
    private static GyreServer server;
    private static int clear;
    private static int tls;

    @BeforeAll
    static void start() throws Exception {
        server = Gyre.builder().port(0).listen(0, TestCerts.tls("localhost")).loops(1)
                .handlers(new TrailerRoutes()).start();
        clear = server.addresses().get(0).getPort();
        tls = server.addresses().get(1).getPort();
    }

    @AfterAll
    static void stop() {
        server.stop(Duration.ofSeconds(1));
    }

    @Test
    void curlRawShowsTheLastChunkAndTheTrailerSection() throws Exception {
        assumeTrue(installed("curl"));
        Result fixed = run("curl", "-sS", "--raw", "http://127.0.0.1:" + clear + "/trailers/fixed");
        assertEquals(0, fixed.exit(), fixed.err());
        assertEquals("b\r\nfixed body\n\r\n0\r\nx-checksum: " + crc("fixed body\n") + "\r\ngrpc-status: 0\r\n\r\n",
                fixed.out());
        Result decoded = run("curl", "-sS", "http://127.0.0.1:" + clear + "/trailers/stream?count=2&size=3");
        assertEquals("aaabbb", decoded.out(), "without --raw curl takes the chunked body apart");
    }

    @Test
    void nghttpShowsTrailingHeadersAfterTheDataOnH2cAndH2() throws Exception {
        assumeTrue(installed("nghttp"));
        for (String url : new String[] {"http://127.0.0.1:" + clear, "https://localhost:" + tls}) {
            Result r = run("nghttp", "-v", url + "/trailers/stream?count=3&size=4");
            assertEquals(0, r.exit(), r.err());
            String out = r.out();
            int lastData = out.lastIndexOf("recv DATA frame");
            int trailer = out.indexOf(") x-crc32: " + crc("aaaabbbbcccc"));
            assertTrue(lastData > 0 && trailer > lastData, url + ": the trailers come after the last DATA\n" + out);
            assertTrue(out.indexOf(") x-bytes: 12") > lastData, out);
            assertTrue(Pattern.compile("recv HEADERS frame <[^>]*>\\s*; END_STREAM \\| END_HEADERS")
                    .matcher(out.substring(trailer)).find(), url + ": a HEADERS frame with END_STREAM ends it\n" + out);
        }
    }

    @Test
    void nghttpSendsRequestTrailersTheHandlerSees(@TempDir Path dir) throws Exception {
        assumeTrue(installed("nghttp"));
        Path body = Files.writeString(dir.resolve("body.txt"), "hello");
        Result echoed = run("nghttp", "-d", body.toString(), "--trailer=x-checksum: 1234",
                "http://127.0.0.1:" + clear + "/trailers/echo");
        assertEquals("hello\nx-checksum=1234\n", echoed.out());
        Result forbidden = run("nghttp", "-v", "-d", body.toString(), "--trailer=host: evil",
                "http://127.0.0.1:" + clear + "/trailers/echo");
        assertTrue(forbidden.out().contains("recv RST_STREAM") && forbidden.out().contains("PROTOCOL_ERROR"),
                forbidden.out());
    }

    private static String crc(String text) {
        java.util.zip.CRC32 crc = new java.util.zip.CRC32();
        crc.update(text.getBytes(StandardCharsets.UTF_8));
        return Long.toHexString(crc.getValue());
    }
}
