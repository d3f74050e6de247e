package dev.gyre.sample.deploy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

/**
 * Plain idempotent requests, back to back over one keep-alive HTTP/1.1 client: {@code /plaintext},
 * {@code /json}, and a blocking handler that sleeps {@code 200 ms} so that a stop finds requests under
 * way. Each must answer 200 with its known body; anything else (status, body, an exception) is a
 * problem.
 */
public final class PlainClient extends TrafficClient {
    private static final List<String> PATHS = List.of("/plaintext", "/json", "/threads/blocking?sleepMs=200");
    private static final List<String> BODIES = List.of("Hello, World!", "{\"message\":\"Hello, World!\"}", "\"sleptMs\":200");

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;
    private int next;

    public PlainClient(int port) {
        super(Duration.ofMillis(10));
        this.base = "http://127.0.0.1:" + port;
    }

    @Override
    protected void once() throws Exception {
        int i = next++ % PATHS.size();
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + PATHS.get(i)))
                .timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200 || !r.body().contains(BODIES.get(i))) {
            problem(PATHS.get(i) + " answered " + r.statusCode() + " " + r.body());
        }
    }
}
