package dev.gyre.openapi;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The shapes of the errors the framework answers with, as components named like FastAPI's so that clients
 * generated for either look alike: {@code HTTPError} is {@code {"detail": "..."}} (an {@code HttpException}, the
 * {@code 404} of an empty {@code Optional}, malformed JSON), {@code HTTPValidationError} is the {@code 422} body
 * {@code {"detail": [ValidationError, ...]}}, each {@code ValidationError} being
 * {@code {"loc": ["query", "limit"], "msg": "...", "type": "..."}}.
 */
final class ErrorSchemas {
    static final String HTTP_ERROR = "HTTPError";
    static final String VALIDATION_ERROR = "ValidationError";
    static final String HTTP_VALIDATION_ERROR = "HTTPValidationError";

    private ErrorSchemas() {
    }

    static Map<String, Object> ref(String name) {
        return Json.object("$ref", ComponentRegistry.PREFIX + name);
    }

    /** The three components, by name. */
    static Map<String, Map<String, Object>> components() {
        Map<String, Map<String, Object>> schemas = new LinkedHashMap<>();
        schemas.put(HTTP_ERROR, object(Json.object("detail", Json.object("type", "string")), "detail"));
        Map<String, Object> loc = Json.object("type", "array");
        loc.put("items", Json.object("anyOf", List.of(Json.object("type", "string"), Json.object("type", "integer"))));
        Map<String, Object> problem = Json.object("loc", loc);
        problem.put("msg", Json.object("type", "string"));
        problem.put("type", Json.object("type", "string"));
        schemas.put(VALIDATION_ERROR, object(problem, "loc", "msg", "type"));
        Map<String, Object> detail = Json.object("type", "array");
        detail.put("items", ref(VALIDATION_ERROR));
        schemas.put(HTTP_VALIDATION_ERROR, object(Json.object("detail", detail), "detail"));
        return schemas;
    }

    private static Map<String, Object> object(Map<String, Object> properties, String... required) {
        Map<String, Object> schema = Json.object("type", "object");
        schema.put("properties", properties);
        schema.put("required", List.of(required));
        return schema;
    }
}
