package dev.gyre.sample;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** SIGTERM stops the sample app gracefully: the request in flight is answered, then the process exits. */
class SigtermTest {
    private static final Pattern URL = Pattern.compile("serving (http://[0-9.]+:\\d+)");

    @Test
    void sigtermAnswersTheRequestInFlightThenExits() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process app = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                "dev.gyre.sample.SampleApp", "--port", "0", "--loops", "1")
                .redirectErrorStream(true).start();
        try {
            BufferedReader log = new BufferedReader(new InputStreamReader(app.getInputStream(), StandardCharsets.UTF_8));
            String url = null;
            for (String line; url == null && (line = log.readLine()) != null; ) {
                Matcher m = URL.matcher(line);
                if (m.find()) {
                    url = m.group(1);
                }
            }
            assertTrue(url != null, "the app logged the URL it serves");
            Thread.ofVirtual().start(() -> log.lines().forEach(line -> { }));
            HttpClient client = HttpClient.newHttpClient();
            CompletableFuture<HttpResponse<String>> inFlight = client.sendAsync(
                    HttpRequest.newBuilder(URI.create(url + "/threads/blocking?sleepMs=1500")).build(),
                    HttpResponse.BodyHandlers.ofString());
            Thread.sleep(500);
            app.destroy();
            HttpResponse<String> answer = inFlight.get(10, TimeUnit.SECONDS);
            assertEquals(200, answer.statusCode());
            assertTrue(answer.body().contains("\"sleptMs\":1500"), answer.body());
            assertTrue(app.waitFor(15, TimeUnit.SECONDS), "the process exited after the graceful stop");
        } finally {
            app.destroyForcibly();
        }
    }
}
