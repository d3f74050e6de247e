package dev.gyre.openapi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gyre.handler.Body;
import dev.gyre.handler.Get;
import dev.gyre.handler.Post;
import dev.gyre.handler.Query;
import dev.gyre.http.Request;
import dev.gyre.route.PathTemplate;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * The rules of the document one by one. Routes are made from methods directly (not compiled by the handler
 * layer) so that shapes the binders do not accept yet, such as repeated query parameters, can be documented.
 */
class OpenApiDocumentTest {

    public enum Sort { NAME, PRICE }

    public record HTTPError(String detail) {
    }

    @SuppressWarnings("unused")
    static final class Handlers {
        @Get("/search")
        public List<String> search(@Query List<String> tag, @Query(defaultValue = "NAME") Sort sort, Request request) {
            return tag;
        }

        @Get("/again")
        @Post("/again")
        public String twice() {
            return "";
        }

        @Get("/later")
        public CompletableFuture<Optional<Sort>> later() {
            return null;
        }

        @Post("/clash")
        public String clash(@Body HTTPError error) {
            return "";
        }

        @Get("/bad-default")
        public String badDefault(@Query(defaultValue = "ten") int count) {
            return "";
        }

        @Get("/none")
        public String none() {
            return "";
        }
    }

    @Test
    void repeatedQueryParametersAreArraysAndEnumParametersAreInline() {
        Map<String, Object> operation = operation(endpoint("GET", "/search", "search"));
        List<Map<String, Object>> parameters = cast(operation.get("parameters"));
        assertEquals(2, parameters.size(), "the Request is not documented: " + parameters);
        assertEquals(Map.of("type", "array", "items", Map.of("type", "string")), parameters.get(0).get("schema"));
        assertEquals(true, parameters.get(0).get("required"));
        Map<String, Object> sort = cast(parameters.get(1).get("schema"));
        assertEquals(List.of("NAME", "PRICE"), sort.get("enum"));
        assertEquals("NAME", sort.get("default"));
        assertEquals(false, parameters.get(1).get("required"));
    }

    @Test
    void oneMethodOnTwoRoutesGetsTwoOperationIds() {
        Map<String, Object> document = OpenApiDocument.fromEndpoints(OpenApiInfo.of("t", "1"),
                List.of(endpoint("GET", "/again", "twice"), endpoint("POST", "/again", "twice")));
        Map<String, Map<String, Object>> path = cast(((Map<?, ?>) document.get("paths")).get("/again"));
        assertEquals("Handlers_twice", path.get("get").get("operationId"));
        assertEquals("Handlers_twice_post", path.get("post").get("operationId"));
    }

    @Test
    void completionStageOfOptionalIsItsValueOrNotFound() {
        Map<String, Object> responses = cast(operation(endpoint("GET", "/later", "later")).get("responses"));
        assertEquals(List.of("200", "404"), List.copyOf(responses.keySet()));
        assertEquals(Map.of("$ref", "#/components/schemas/Sort"),
                map(map(map(responses.get("200")).get("content")).get("application/json")).get("schema"));
    }

    @Test
    void routesWithoutInputHaveNoValidationErrorAndNoErrorComponents() {
        Map<String, Object> document = OpenApiDocument.fromEndpoints(OpenApiInfo.of("t", "1"),
                List.of(endpoint("GET", "/none", "none")));
        Map<String, Object> responses = map(map(map(map(document.get("paths")).get("/none")).get("get"))
                .get("responses"));
        assertEquals(List.of("200"), List.copyOf(responses.keySet()));
        assertNull(document.get("components"));
    }

    @Test
    void aHandlerTypeNamedLikeAnErrorComponentFailsStartUp() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> OpenApiDocument.fromEndpoints(
                OpenApiInfo.of("t", "1"), List.of(endpoint("POST", "/clash", "clash"))));
        assertTrue(e.getMessage().contains("HTTPError"), e.getMessage());
    }

    @Test
    void aDefaultThatDoesNotFitFailsStartUpNamingTheRoute() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> OpenApiDocument.fromEndpoints(
                OpenApiInfo.of("t", "1"), List.of(endpoint("GET", "/bad-default", "badDefault"))));
        assertTrue(e.getMessage().contains("GET /bad-default") && e.getMessage().contains("ten"), e.getMessage());
    }

    @Test
    void summariesAreMadeFromMethodNames() {
        assertEquals("Find Item By Id", OperationDocs.words("findItemById"));
        assertEquals("Get HTTP Status", OperationDocs.words("getHTTPStatus"));
        assertEquals("Plaintext", OperationDocs.words("plaintext"));
        assertEquals("Read Items", OperationDocs.words("read_items"));
    }

    @Test
    void theValidatorRejectsABrokenDocument() {
        assertFalse(OpenApiValidation.problems("""
                {"openapi": "3.1.0", "info": {"version": "1"}, "paths": {"/a/{id}": {"get": {"responses": {"200": {}}}}}}
                """).isEmpty());
    }

    @Test
    void infoAndServersAreWrittenAsGiven() {
        Map<String, Object> document = OpenApiDocument.fromEndpoints(OpenApiInfo.of("Shop", "3")
                .description("All of it").server("https://shop.example", "live"), List.of());
        assertEquals(Map.of("title", "Shop", "version", "3", "description", "All of it"), document.get("info"));
        assertEquals(List.of(Map.of("url", "https://shop.example", "description", "live")), document.get("servers"));
        assertEquals("3.1.0", document.get("openapi"));
    }

    private static Map<String, Object> operation(DocumentedRoute endpoint) {
        Map<String, Object> document = OpenApiDocument.fromEndpoints(OpenApiInfo.of("t", "1"), List.of(endpoint));
        List<String> problems = OpenApiValidation.problems(JsonWriter.write(document));
        assertTrue(problems.isEmpty(), problems::toString);
        return map(map(map(document.get("paths")).get(endpoint.template().text()))
                .get(endpoint.httpMethod().toLowerCase(Locale.ROOT)));
    }

    private static DocumentedRoute endpoint(String httpMethod, String path, String methodName) {
        Method method = Arrays.stream(Handlers.class.getMethods()).filter(m -> m.getName().equals(methodName))
                .findFirst().orElseThrow();
        return new DocumentedRoute(httpMethod, PathTemplate.parse(path), method);
    }

    private static Map<String, Object> map(Object value) {
        return cast(value);
    }

    @SuppressWarnings("unchecked")
    private static <T> T cast(Object value) {
        return (T) value;
    }
}
