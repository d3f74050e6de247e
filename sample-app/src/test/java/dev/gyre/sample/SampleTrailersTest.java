package dev.gyre.sample;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.gyre.server.GyreServer;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code POST /trailers}: the body back in pieces, then the SHA-256 of it and the request's trailers echoed, as
 * trailer fields; over HTTP/1.1 (a raw socket sends the request trailers) and HTTP/2 ({@code nghttp --trailer}).
 */
class SampleTrailersTest {
    private static GyreServer server;

    @BeforeAll
    static void start() {
        server = SampleApp.start(new SampleApp.Options(0, 1, 0));
    }

    @AfterAll
    static void stop() {
        server.stop(Duration.ofSeconds(1));
    }

    @Test
    void theBodyComesBackChunkedWithItsDigestAndTheRequestTrailers() throws Exception {
        String body = "x".repeat(TrailersApi.PIECE + 10);
        try (Socket socket = new Socket("127.0.0.1", server.port())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST /trailers HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n"
                    + Integer.toHexString(body.length()) + "\r\n" + body + "\r\n0\r\nX-Client-Sum: 99\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            InputStream in = socket.getInputStream();
            String response = new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
            assertTrue(response.contains("Trailer: x-sha256, x-echo-X-Client-Sum\r\n"), response);
            assertTrue(response.contains("\r\n1000\r\n" + "x".repeat(TrailersApi.PIECE) + "\r\na\r\n"), "two chunks");
            assertTrue(response.endsWith("\r\n0\r\nx-sha256: " + sha256(body) + "\r\nx-echo-X-Client-Sum: 99\r\n\r\n"),
                    response.substring(response.length() - 200));
        }
    }

    @Test
    void nghttpSeesTheTrailersAfterTheData(@TempDir Path dir) throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/nghttp")), "nghttp is not installed");
        Path body = Files.writeString(dir.resolve("body"), "hello");
        Process p = new ProcessBuilder("nghttp", "-v", "-d", body.toString(), "--trailer=x-note: hi",
                "http://127.0.0.1:" + server.port() + "/trailers").redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        int data = out.lastIndexOf("recv DATA frame");
        assertTrue(data > 0 && out.indexOf(") x-sha256: " + sha256("hello")) > data, out);
        assertTrue(out.indexOf(") x-echo-x-note: hi") > data, out);
        assertEquals(0, p.exitValue(), out);
    }

    private static String sha256(String text) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    }
}
