package dev.gyre.sample;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gyre.server.GyreServer;
import io.swagger.parser.OpenAPIParser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The sample app's served document is valid OpenAPI 3.1 and says what its handlers do. */
class SampleOpenApiTest {
    private static GyreServer server;
    private static JsonNode document;
    private static String text;

    @BeforeAll
    static void fetch() throws Exception {
        server = SampleApp.start(new SampleApp.Options(0, 1, 0));
        HttpResponse<String> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(server.url() + "/openapi.json")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode());
        text = response.body();
        document = new ObjectMapper().readTree(text);
    }

    @AfterAll
    static void stop() {
        server.stop(Duration.ofSeconds(1));
    }

    @Test
    void swaggerParserFindsNothingWrong() {
        ParseOptions options = new ParseOptions();
        options.setResolve(true);
        SwaggerParseResult result = new OpenAPIParser().readContents(text, null, options);
        assertTrue(result.getOpenAPI() != null && (result.getMessages() == null || result.getMessages().isEmpty()),
                () -> "swagger-parser: " + result.getMessages());
        assertEquals("3.1.0", document.path("openapi").asText());
        assertEquals("Gyre sample app", document.path("info").path("title").asText());
    }

    @Test
    void everyRouteOfTheSampleIsDocumented() {
        List<String> paths = new ArrayList<>();
        document.path("paths").fieldNames().forEachRemaining(paths::add);
        assertTrue(paths.containsAll(List.of("/plaintext", "/json", "/echo", "/threads/blocking", "/threads/nonblocking")),
                "paths: " + paths);
        assertTrue(!paths.contains("/openapi.json") && !paths.contains("/docs"), "paths: " + paths);
    }

    @Test
    void operationsCarryTheirTypes() {
        JsonNode json = document.at("/paths/~1json/get/responses/200/content/application~1json/schema");
        assertEquals("#/components/schemas/Message", json.path("$ref").asText());
        assertEquals(List.of("message"), names(document.at("/components/schemas/Message/required")));

        JsonNode echo = document.at("/paths/~1echo/post");
        assertTrue(echo.at("/requestBody/content").has("application/octet-stream"), echo.toString());

        JsonNode sleep = document.at("/paths/~1threads~1blocking/get/parameters/0");
        assertEquals("sleepMs", sleep.path("name").asText());
        assertEquals("query", sleep.path("in").asText());
        assertEquals(0, sleep.at("/schema/default").asInt(-1));
        assertEquals("ThreadsApi", document.at("/paths/~1threads~1blocking/get/tags/0").asText());
        assertTrue(document.at("/paths/~1threads~1blocking/get/responses").has("422"));
    }

    private static List<String> names(JsonNode array) {
        List<String> names = new ArrayList<>();
        array.forEach(n -> names.add(n.asText()));
        return names;
    }
}
