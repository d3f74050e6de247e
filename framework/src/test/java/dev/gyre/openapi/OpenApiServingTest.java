package dev.gyre.openapi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gyre.handler.Get;
import dev.gyre.handler.Query;
import dev.gyre.server.Gyre;
import dev.gyre.server.GyreServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code /openapi.json} and {@code /docs} served by a real server, as a browser or client generator meets them. */
class OpenApiServingTest {
    private static final OpenApiInfo INFO = OpenApiInfo.of("Items <& co>", "1.0.0");
    private static final HttpClient client = HttpClient.newHttpClient();
    private static GyreServer server;

    @BeforeAll
    static void start() {
        server = Gyre.builder().port(0).loops(1)
                .handlers(new DocumentedHandlers.ItemsHandler(), new DocumentedHandlers.ShapesHandler())
                .openApi(INFO)
                .start();
    }

    @AfterAll
    static void stop() {
        server.stop();
    }

    private static HttpResponse<String> send(GyreServer target, String method, String path, String... headers)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(target.url() + path))
                .method(method, HttpRequest.BodyPublishers.noBody());
        if (headers.length > 0) {
            request.headers(headers);
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void theDocumentDescribesTheApplicationRoutesOnly() throws Exception {
        HttpResponse<String> response = send(server, "GET", "/openapi.json");
        assertEquals(200, response.statusCode());
        assertEquals("application/json", response.headers().firstValue("Content-Type").orElseThrow());
        String expected = OpenApiDocument.json(INFO, OpenApiGoldenTest.compile(
                List.of(new DocumentedHandlers.ItemsHandler(), new DocumentedHandlers.ShapesHandler())));
        assertEquals(expected, response.body());
        assertFalse(response.body().contains("\"/openapi.json\"") || response.body().contains("\"/docs"),
                "the document's own routes are not in it");
        assertTrue(OpenApiValidation.problems(response.body()).isEmpty());
    }

    @Test
    void theDocumentIsRevalidatedByETagAndAnswersHead() throws Exception {
        HttpResponse<String> first = send(server, "GET", "/openapi.json");
        String etag = first.headers().firstValue("ETag").orElseThrow();
        HttpResponse<String> again = send(server, "GET", "/openapi.json", "If-None-Match", etag);
        assertEquals(304, again.statusCode());
        assertEquals("", again.body());

        HttpResponse<String> head = send(server, "HEAD", "/openapi.json");
        assertEquals(200, head.statusCode());
        assertEquals(String.valueOf(first.body().getBytes(java.nio.charset.StandardCharsets.UTF_8).length),
                head.headers().firstValue("Content-Length").orElseThrow());
    }

    @Test
    void docsIsSwaggerUiOnTheDocument() throws Exception {
        HttpResponse<String> page = send(server, "GET", "/docs");
        assertEquals(200, page.statusCode());
        assertEquals("text/html; charset=utf-8", page.headers().firstValue("Content-Type").orElseThrow());
        assertTrue(page.body().contains("url: \"/openapi.json\""), page.body());
        assertTrue(page.body().contains("<title>Items &lt;&amp; co&gt; - Swagger UI</title>"), page.body());

        for (String asset : List.of("/docs/swagger-ui-bundle.js", "/docs/swagger-ui.css", "/docs/favicon-32x32.png")) {
            assertTrue(page.body().contains(asset), asset + " is linked from the page");
            HttpResponse<String> file = send(server, "GET", asset);
            assertEquals(200, file.statusCode(), asset);
            assertFalse(file.body().isEmpty(), asset);
        }
        HttpResponse<String> bundle = send(server, "GET", "/docs/swagger-ui-bundle.js");
        assertEquals("text/javascript; charset=utf-8", bundle.headers().firstValue("Content-Type").orElseThrow());
        assertTrue(bundle.body().contains("SwaggerUIBundle"));
        assertEquals(404, send(server, "GET", "/docs/missing.js").statusCode());
        assertEquals(404, send(server, "GET", "/docs/..%2F..%2Fpom.properties").statusCode());
    }

    @Test
    void docsCanBeTurnedOffAndTheDocumentIsOffByDefault() throws Exception {
        try (GyreServer noDocs = Gyre.builder().port(0).loops(1).handlers(new DocumentedHandlers.ItemsHandler())
                .openApi(INFO).docs(false).start();
             GyreServer plain = Gyre.builder().port(0).loops(1).handlers(new DocumentedHandlers.ItemsHandler()).start()) {
            assertEquals(200, send(noDocs, "GET", "/openapi.json").statusCode());
            assertEquals(404, send(noDocs, "GET", "/docs").statusCode());
            assertEquals(404, send(plain, "GET", "/openapi.json").statusCode());
        }
    }

    @Test
    void withoutTheWebjarThereIsNoSwaggerUi() {
        ClassLoader bootstrapOnly = new ClassLoader(null) {
        };
        assertNull(SwaggerUiHandler.find(bootstrapOnly, "t"));
    }

    /** A handler type named like one of the framework's error schemas: the document cannot be written. */
    public static final class ClashingHandler {
        public record HTTPError(String text) { }

        @Get("/clash")
        public HTTPError clash(@Query String q) {
            return new HTTPError(q);
        }
    }

    @Test
    void aDocumentMistakeIsA500AtTheFirstRequestForItNotAFailedStart() throws Exception {
        GyreServer clashing = Gyre.builder().port(0).loops(1).handlers(new ClashingHandler()).openApi(INFO).start();
        try {
            assertEquals(200, send(clashing, "GET", "/clash?q=x").statusCode(), "the routes serve");
            assertEquals(500, send(clashing, "GET", "/openapi.json").statusCode());
            assertEquals(500, send(clashing, "GET", "/openapi.json").statusCode(), "nothing half-written is kept");
        } finally {
            clashing.stop();
        }
    }
}
