package dev.gyre.sample;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.gyre.server.GyreServer;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The paths everyone relies on (docs/sample-app.md), as a client sees them; {@code POST /trailers} also over a raw
 * HTTP/1.1 socket (which sends request trailers) and {@code nghttp --trailer} on h2c.
 */
class SampleContractTest {
    private static final HttpClient client = HttpClient.newHttpClient();
    private static GyreServer server;

    @BeforeAll
    static void start() {
        server = SampleApp.start(new SampleApp.Options(0, 2, 0));
    }

    @AfterAll
    static void stop() {
        server.stop();
    }

    private static HttpResponse<String> send(HttpRequest.Builder b) throws Exception {
        return client.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpRequest.Builder at(String path) {
        return HttpRequest.newBuilder(URI.create(server.url() + path));
    }

    @Test
    void plaintextJsonAndEcho() throws Exception {
        HttpResponse<String> plain = send(at("/plaintext"));
        assertEquals(200, plain.statusCode());
        assertEquals("Hello, World!", plain.body());
        assertTrue(plain.headers().firstValue("Content-Type").orElseThrow().startsWith("text/plain"));
        HttpResponse<String> json = send(at("/json"));
        assertEquals("{\"message\":\"Hello, World!\"}", json.body());
        assertEquals("application/json", json.headers().firstValue("Content-Type").orElseThrow());
        HttpResponse<String> echo = send(at("/echo").POST(HttpRequest.BodyPublishers.ofString("ping")));
        assertEquals("ping", echo.body());
        assertEquals("application/octet-stream", echo.headers().firstValue("Content-Type").orElseThrow());
    }

    @Test
    void unknownPathAndWrongMethod() throws Exception {
        HttpResponse<String> missing = send(at("/missing"));
        assertEquals(404, missing.statusCode());
        assertEquals("{\"detail\":\"Not Found\"}", missing.body());
        HttpResponse<String> wrong = send(at("/plaintext").DELETE());
        assertEquals(405, wrong.statusCode());
        assertEquals("GET, HEAD, OPTIONS", wrong.headers().firstValue("Allow").orElseThrow());
    }

    @Test
    void tenBlockingCallsRunOnTenThreadsAtOnce() throws Exception {
        long start = System.nanoTime();
        List<CompletableFuture<HttpResponse<String>>> calls = Stream.generate(() ->
                client.sendAsync(at("/threads/blocking?sleepMs=400").build(), HttpResponse.BodyHandlers.ofString()))
                .limit(10).toList();
        Set<String> threads = new HashSet<>();
        for (var call : calls) {
            String body = call.join().body();
            assertTrue(body.contains("\"virtual\":true"), body);
            threads.add(body.replaceAll(".*\"thread\":\"([^\"]+)\".*", "$1"));
        }
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertEquals(10, threads.size(), threads.toString());
        assertTrue(millis < 2_000, "the ten sleeps overlapped: " + millis + " ms");
    }

    @Test
    void nonBlockingHandlerRunsOnTheLoop() throws Exception {
        String body = send(at("/threads/nonblocking")).body();
        assertTrue(body.contains("\"thread\":\"gyre-loop-"), body);
    }

    @Test
    void clockTicksAsServerSentEvents() throws Exception {
        HttpResponse<Stream<String>> r = client.send(at("/events/clock").build(), HttpResponse.BodyHandlers.ofLines());
        assertEquals("text/event-stream; charset=utf-8", r.headers().firstValue("Content-Type").orElseThrow());
        List<String> ids = r.body().filter(l -> l.startsWith("id: ")).limit(2).toList();
        long first = Long.parseLong(ids.get(0).substring(4));
        long second = Long.parseLong(ids.get(1).substring(4));
        assertTrue(second > first, "the clock moved: " + ids);
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
