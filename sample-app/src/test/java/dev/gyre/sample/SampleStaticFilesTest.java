package dev.gyre.sample;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gyre.server.GyreServer;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The sample app's bundled folder at {@code /static}: the page, the slash redirect, and a gzip sibling that matches. */
class SampleStaticFilesTest {
    private static final HttpClient client = HttpClient.newHttpClient();
    private static GyreServer server;

    @BeforeAll
    static void start() {
        server = SampleApp.start(new SampleApp.Options(0, 1, 0));
    }

    @AfterAll
    static void stop() {
        server.stop(Duration.ofSeconds(1));
    }

    private static HttpResponse<byte[]> get(String path, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server.url() + path));
        if (headers.length > 0) {
            request.headers(headers);
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    @Test
    void thePageIsServedAtTheFolderSlash() throws Exception {
        HttpResponse<byte[]> page = get("/static/");
        assertEquals(200, page.statusCode());
        assertEquals("text/html; charset=utf-8", page.headers().firstValue("Content-Type").orElseThrow());
        assertTrue(new String(page.body()).contains("<h1>Gyre sample app</h1>"));
        HttpResponse<byte[]> bare = get("/static");
        assertEquals(301, bare.statusCode());
        assertEquals("/static/", bare.headers().firstValue("Location").orElseThrow());
    }

    @Test
    void theStylesheetsGzipSiblingIsTheSameStylesheet() throws Exception {
        HttpResponse<byte[]> plain = get("/static/style.css");
        HttpResponse<byte[]> zipped = get("/static/style.css", "Accept-Encoding", "gzip");
        assertEquals("gzip", zipped.headers().firstValue("Content-Encoding").orElseThrow());
        assertEquals("Accept-Encoding", plain.headers().firstValue("Vary").orElseThrow());
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(zipped.body()))) {
            assertArrayEquals(plain.body(), in.readAllBytes(), "style.css.gz is stale: gzip -k -9 -n style.css");
        }
    }
}
