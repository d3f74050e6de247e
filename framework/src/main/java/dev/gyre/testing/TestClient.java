package dev.gyre.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A {@link HttpClient} pointed at one test server: paths instead of URLs, JSON and form helpers, and
 * bodies read as strings. Every call is a real HTTP/1.1 exchange over a socket, so a test sees exactly
 * what a client would (status, headers, body), filters and all.
 *
 * <pre>{@code
 * HttpResponse<String> created = client.postJson("/items", "{\"name\":\"pen\",\"price\":2.5}");
 * assertEquals(201, created.statusCode());
 * }</pre>
 *
 * I/O failures surface as {@link UncheckedIOException}, so test methods need no {@code throws}.
 */
public final class TestClient implements AutoCloseable {
    /** How long one request may take before the test fails instead of hanging. */
    public static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);

    private final URI base;
    private final HttpClient http;

    TestClient(String baseUrl) {
        this.base = URI.create(baseUrl);
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
    }

    /** The underlying client, for what the helpers do not cover (streaming bodies, async sends). */
    public HttpClient http() {
        return http;
    }

    /** The absolute URI of {@code pathAndQuery}, e.g. {@code /items?limit=5}. */
    public URI uri(String pathAndQuery) {
        return base.resolve(pathAndQuery);
    }

    /** A request builder for {@code pathAndQuery} with the test timeout set; finish it and {@link #send} it. */
    public HttpRequest.Builder request(String pathAndQuery) {
        return HttpRequest.newBuilder(uri(pathAndQuery)).timeout(REQUEST_TIMEOUT);
    }

    public HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the server", e);
        }
    }

    public HttpResponse<String> get(String pathAndQuery) {
        return send(request(pathAndQuery).GET());
    }

    public HttpResponse<String> delete(String pathAndQuery) {
        return send(request(pathAndQuery).DELETE());
    }

    /** POSTs {@code json} with {@code Content-Type: application/json}. */
    public HttpResponse<String> postJson(String pathAndQuery, String json) {
        return send(request(pathAndQuery).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    /** PUTs {@code json} with {@code Content-Type: application/json}. */
    public HttpResponse<String> putJson(String pathAndQuery, String json) {
        return send(request(pathAndQuery).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(json)));
    }

    /** POSTs the fields as {@code application/x-www-form-urlencoded}, as an HTML form does. */
    public HttpResponse<String> postForm(String pathAndQuery, Map<String, String> fields) {
        String body = fields.entrySet().stream()
                .map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
                .collect(Collectors.joining("&"));
        return send(request(pathAndQuery).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        http.close();
    }
}
