package dev.gyre.http2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * curl, nghttp and h2load (Debian {@code curl}, {@code nghttp2-client}) and the JDK's HttpClient against the
 * engine on a real socket, in h2c by prior knowledge and by {@code Upgrade: h2c}. A test of an external tool is
 * skipped where the tool is not installed.
 */
class RealClientsTest {
    private static BlockingH2Harness harness;

    @BeforeAll
    static void start() throws IOException {
        harness = new BlockingH2Harness();
    }

    @AfterAll
    static void stop() throws IOException {
        harness.close();
    }

    @Test
    void curlGetsAndPostsByPriorKnowledge(@TempDir Path dir) throws Exception {
        assumeTrue(installed("curl"));
        Result get = run("curl", "-sS", "--http2-prior-knowledge", "-w", "%{http_version} %{http_code}",
                url("/hello"));
        assertEquals("hello over h2\n2 200", get.out);

        byte[] body = new byte[300_000];
        for (int i = 0; i < body.length; i++) {
            body[i] = (byte) ('a' + i % 26);
        }
        Path file = dir.resolve("body");
        Files.write(file, body);
        Path echoed = dir.resolve("echoed");
        Result post = run("curl", "-sS", "--http2-prior-knowledge", "--data-binary", "@" + file, "-o",
                echoed.toString(), "-w", "%{http_code}", url("/echo"));
        assertEquals("200", post.out, post.err);
        assertEquals(-1, Files.mismatch(file, echoed), "a body four times the stream window came back whole");
    }

    @Test
    void curlUpgradesToH2c() throws Exception {
        assumeTrue(installed("curl"));
        Result get = run("curl", "-sS", "--http2", "-w", "%{http_version} %{http_code}", url("/hello"));
        assertEquals("hello over h2\n2 200", get.out, get.err);
    }

    @Test
    void theJdkClientUpgradesToH2cAndThenMultiplexes() throws Exception {
        try (HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_2).build()) {
            HttpResponse<String> first = client.send(HttpRequest.newBuilder(URI.create(url("/hello"))).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(HttpClient.Version.HTTP_2, first.version());
            assertEquals("hello over h2\n", first.body());
            List<CompletableFuture<HttpResponse<String>>> many = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                many.add(client.sendAsync(HttpRequest.newBuilder(URI.create(url("/echo")))
                        .POST(HttpRequest.BodyPublishers.ofString("body " + i)).build(),
                        HttpResponse.BodyHandlers.ofString()));
            }
            for (int i = 0; i < 20; i++) {
                HttpResponse<String> response = many.get(i).get(30, TimeUnit.SECONDS);
                assertEquals(HttpClient.Version.HTTP_2, response.version());
                assertEquals("body " + i, response.body());
            }
        }
    }

    @Test
    void nghttpFetchesALargeBodyThroughItsSmallWindow() throws Exception {
        assumeTrue(installed("nghttp"));
        Result big = run("nghttp", "-w", "16", "-W", "16", url("/big?2000000"));     // 64 KiB windows
        assertEquals(0, big.exit, big.err);
        assertEquals(2_000_000, big.outBytes, "every byte, through 30 window updates and more");
        Result hello = run("nghttp", url("/hello"), url("/nothing"));
        assertEquals("hello over h2\n", hello.out);
    }

    @Test
    void h2loadRunsHundredsOfMultiplexedRequests() throws Exception {
        assumeTrue(installed("h2load"));
        Result load = run("h2load", "-n", "2000", "-c", "4", "-m", "100", url("/hello"));
        assertEquals(0, load.exit, load.err);
        assertTrue(load.out.contains("2000 succeeded, 0 failed, 0 errored"), load.out);
    }

    @Test
    void h2loadDownloadsManyLargeBodiesAtOnceThroughSmallWindows() throws Exception {
        assumeTrue(installed("h2load"));
        Result load = run("h2load", "-n", "200", "-c", "2", "-m", "50", "-w", "16", "-W", "16",
                url("/big?100000"));
        assertEquals(0, load.exit, load.err);
        assertTrue(load.out.contains("200 succeeded, 0 failed, 0 errored"), load.out);
    }

    private static String url(String path) {
        return "http://127.0.0.1:" + harness.port() + path;
    }

    private static boolean installed(String tool) {
        return Files.isExecutable(Path.of("/usr/bin", tool));
    }

    private record Result(int exit, String out, int outBytes, String err) {
    }

    private static Result run(String... command) throws Exception {
        Process process = new ProcessBuilder(new ArrayList<>(List.of(command))).start();
        process.getOutputStream().close();
        byte[] out = process.getInputStream().readAllBytes();
        byte[] err = process.getErrorStream().readAllBytes();
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "the client finished");
        return new Result(process.exitValue(), new String(out, StandardCharsets.UTF_8), out.length,
                new String(err, StandardCharsets.UTF_8));
    }
}
