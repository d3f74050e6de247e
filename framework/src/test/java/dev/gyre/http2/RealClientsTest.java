package dev.gyre.http2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.gyre.server.Gyre;
import dev.gyre.server.GyreServer;
import dev.gyre.server.StreamingHandlers;
import dev.gyre.server.TestHandlers;
import dev.gyre.transport.TestCerts;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * curl, nghttp and h2load (Debian {@code curl}, {@code nghttp2-client}) and the JDK's HttpClient against a Gyre
 * server: h2 by ALPN on its TLS listener, h2c by prior knowledge and by {@code Upgrade: h2c} on its cleartext
 * one, for the same routes ({@link H2Routes}). A test of an external tool is skipped where it is not installed.
 */
class RealClientsTest {
    private static final StreamingHandlers streaming = new StreamingHandlers();
    private static GyreServer server;
    private static int clear;
    private static int tls;

    @BeforeAll
    static void start(@TempDir Path dir) throws Exception {
        byte[] content = new byte[1_500_000];
        for (int i = 0; i < content.length; i++) {
            content[i] = (byte) (i * 31 + i / 7);
        }
        streaming.file = Files.write(dir.resolve("file.bin"), content);
        server = Gyre.builder().port(0).listen(0, TestCerts.tls("localhost")).loops(2).handlers(new H2Routes(), new TestHandlers(), streaming).start();
        clear = server.addresses().get(0).getPort();
        tls = server.addresses().get(1).getPort();
    }

    @AfterAll
    static void stop() {
        server.stop(java.time.Duration.ofSeconds(2));
    }

    @Test
    void curlGetsAndPostsByPriorKnowledge(@TempDir Path dir) throws Exception {
        assumeTrue(installed("curl"));
        Result get = run("curl", "-sS", "--http2-prior-knowledge", "-w", "%{http_version} %{http_code}",
                url("/hello"));
        assertEquals("hello over h2\n2 200", get.out);

        Path file = dir.resolve("body");
        Files.write(file, letters(300_000));
        Path echoed = dir.resolve("echoed");
        Result post = run("curl", "-sS", "--http2-prior-knowledge", "--data-binary", "@" + file, "-o",
                echoed.toString(), "-w", "%{http_code}", url("/echo"));
        assertEquals("200", post.out, post.err);
        assertEquals(-1, Files.mismatch(file, echoed), "a body four times the stream window came back whole");
    }

    @Test
    void curlSpeaksH2OverTlsByAlpnAndStreamsBothWays(@TempDir Path dir) throws Exception {
        assumeTrue(installed("curl"));
        Result get = run("curl", "-sSk", "--http2", "-w", " %{http_version}", tlsUrl("/version"));
        assertEquals("HTTP/2 https localhost:" + tls + " 2", get.out, get.err);

        Path file = dir.resolve("upload");
        byte[] body = letters(2_000_000);
        Files.write(file, body);
        Result upload = run("curl", "-sSk", "--http2", "-H", "Expect: 100-continue", "--data-binary", "@" + file,
                tlsUrl("/upload"));
        assertEquals(body.length + " " + sha256(body), upload.out, upload.err);
        Result async = run("curl", "-sSk", "--http2", "--data-binary", "@" + file, tlsUrl("/upload-async"));
        assertEquals(body.length + " " + sha256(body), async.out, async.err);

        Path fetched = dir.resolve("fetched");
        Result fileGet = run("curl", "-sSk", "--http2", "-o", fetched.toString(), "-w", "%{http_code}",
                tlsUrl("/file"));
        assertEquals("200", fileGet.out, fileGet.err);
        assertEquals(-1, Files.mismatch(streaming.file, fetched), "a file copied through DATA frames");

        Result ticks = run("curl", "-sSk", "--http2", tlsUrl("/ticks?count=3"));
        assertEquals("tick 0\ntick 1\ntick 2\n", ticks.out, ticks.err);

        Result head = run("curl", "-sSk", "--http2", "-I", tlsUrl("/big?size=12345"));
        assertTrue(head.out.startsWith("HTTP/2 200"), head.out);
        assertTrue(head.out.contains("content-length: 12345"), head.out);
    }

    @Test
    void curlUpgradesToH2c() throws Exception {
        assumeTrue(installed("curl"));
        Result get = run("curl", "-sS", "--http2", "-w", " %{http_version} %{http_code}", url("/version"));
        assertEquals("HTTP/2 http 127.0.0.1:" + clear + " 2 200", get.out, get.err);
    }

    @Test
    void theJdkClientUpgradesToH2cAndThenMultiplexes() throws Exception {
        try (HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_2).build()) {
            multiplexes(client, url(""));
        }
    }

    @Test
    void theJdkClientSpeaksH2OverTls() throws Exception {
        try (HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_2)
                .sslContext(TestCerts.trusting("localhost")).build()) {
            multiplexes(client, "https://localhost:" + tls);
            HttpResponse<byte[]> big = client.send(HttpRequest.newBuilder(URI.create("https://localhost:" + tls
                    + "/firehose?bytes=3000000")).build(), HttpResponse.BodyHandlers.ofByteArray());
            assertEquals(HttpClient.Version.HTTP_2, big.version());
            assertTrue(big.body().length >= 3_000_000, "a blocking producer streamed through the windows");
        }
    }

    private static void multiplexes(HttpClient client, String base) throws Exception {
        HttpResponse<String> first = client.send(HttpRequest.newBuilder(URI.create(base + "/hello")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(HttpClient.Version.HTTP_2, first.version());
        assertEquals("hello over h2\n", first.body());
        List<CompletableFuture<HttpResponse<String>>> many = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            many.add(client.sendAsync(HttpRequest.newBuilder(URI.create(base + "/echo"))
                    .POST(HttpRequest.BodyPublishers.ofString("body " + i)).build(),
                    HttpResponse.BodyHandlers.ofString()));
        }
        for (int i = 0; i < 20; i++) {
            HttpResponse<String> response = many.get(i).get(30, TimeUnit.SECONDS);
            assertEquals(HttpClient.Version.HTTP_2, response.version());
            assertEquals("body " + i, response.body());
        }
    }

    @Test
    void nghttpFetchesALargeBodyThroughItsSmallWindow() throws Exception {
        assumeTrue(installed("nghttp"));
        Result big = run("nghttp", "-w", "16", "-W", "16", url("/big?size=2000000"));     // 64 KiB windows
        assertEquals(0, big.exit, big.err);
        assertEquals(2_000_000, big.outBytes, "every byte, through 30 window updates and more");
        Result hello = run("nghttp", url("/hello"), tlsUrl("/hello"));
        assertEquals("hello over h2\nhello over h2\n", hello.out, hello.err);
    }

    @Test
    void h2loadRunsHundredsOfMultiplexedRequests() throws Exception {
        assumeTrue(installed("h2load"));
        for (String url : List.of(url("/hello"), tlsUrl("/hello"))) {
            Result load = run("h2load", "-n", "2000", "-c", "4", "-m", "100", url);
            assertEquals(0, load.exit, load.err);
            assertTrue(load.out.contains("2000 succeeded, 0 failed, 0 errored"), load.out);
        }
    }

    @Test
    void h2loadDownloadsManyLargeBodiesAtOnceThroughSmallWindows() throws Exception {
        assumeTrue(installed("h2load"));
        Result load = run("h2load", "-n", "200", "-c", "2", "-m", "50", "-w", "16", "-W", "16",
                url("/big?size=100000"));
        assertEquals(0, load.exit, load.err);
        assertTrue(load.out.contains("200 succeeded, 0 failed, 0 errored"), load.out);
    }

    private static String url(String path) {
        return "http://127.0.0.1:" + clear + path;
    }

    private static String tlsUrl(String path) {
        return "https://localhost:" + tls + path;
    }

    static byte[] letters(int n) {
        byte[] body = new byte[n];
        for (int i = 0; i < n; i++) {
            body[i] = (byte) ('a' + i % 26);
        }
        return body;
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    static boolean installed(String tool) {
        return Files.isExecutable(Path.of("/usr/bin", tool));
    }

    record Result(int exit, String out, int outBytes, String err) {
    }

    static Result run(String... command) throws Exception {
        Process process = new ProcessBuilder(new ArrayList<>(List.of(command))).start();
        process.getOutputStream().close();
        CompletableFuture<byte[]> err = CompletableFuture.supplyAsync(() -> {
            try {
                return process.getErrorStream().readAllBytes();
            } catch (java.io.IOException e) {
                return new byte[0];
            }
        });
        byte[] out = process.getInputStream().readAllBytes();
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "the client finished");
        return new Result(process.exitValue(), new String(out, StandardCharsets.UTF_8), out.length,
                new String(err.get(), StandardCharsets.UTF_8));
    }
}
