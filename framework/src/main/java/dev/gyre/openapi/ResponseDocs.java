package dev.gyre.openapi;

import dev.gyre.handler.Status;
import dev.gyre.http.HttpStatus;
import dev.gyre.http.Response;
import java.lang.reflect.AnnotatedType;
import java.lang.reflect.Method;
import java.lang.reflect.Type;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CompletionStage;
import java.util.stream.Stream;

/**
 * The {@code responses} of one operation, read from the handler's return type the way the handler layer writes
 * results, so the document says what the server does:
 *
 * <table>
 *   <caption>Return types and their documented responses</caption>
 *   <tr><td>{@code CompletionStage<T>}</td><td>as {@code T}</td></tr>
 *   <tr><td>{@code void}</td><td>{@code 204}, no body</td></tr>
 *   <tr><td>{@code Optional<T>}</td><td>as {@code T}, plus {@code 404} with an {@code HTTPError}</td></tr>
 *   <tr><td>{@code String}</td><td>{@code text/plain}</td></tr>
 *   <tr><td>{@code byte[]}</td><td>{@code application/octet-stream}</td></tr>
 *   <tr><td>{@code Response}</td><td>untyped: the success status with no body, unless an {@link ApiResponse}
 *       declares a success response</td></tr>
 *   <tr><td>anything else</td><td>{@code application/json} with the type's schema</td></tr>
 * </table>
 * The success status is {@code @Status}'s, else {@code 200}. A route whose input can be refused (it binds a path,
 * query or header parameter, or a JSON body) also gets {@code 422} ({@code HTTPValidationError}); one with a JSON
 * body also gets {@code 400} (malformed JSON). Bodies taken as bytes or text are never refused. {@link ApiResponse}
 * annotations come last and replace what they name. Statuses are listed in ascending order.
 */
final class ResponseDocs {
    static final String SUCCESS = "Successful Response";

    private final SchemaGenerator schemas;
    private boolean errorsUsed;

    ResponseDocs(SchemaGenerator schemas) {
        this.schemas = schemas;
    }

    Map<String, Object> responses(Method method, boolean validated, boolean jsonBody) {
        Type type = method.getGenericReturnType();
        AnnotatedType annotated = method.getAnnotatedReturnType();
        if (CompletionStage.class.isAssignableFrom(Types.raw(type))) {
            type = Types.supertypeArguments(type, CompletionStage.class)[0];
            annotated = null;
        }
        Map<Integer, Map<String, Object>> responses = new TreeMap<>();
        Class<?> raw = Types.raw(type);
        if (raw == Optional.class) {
            responses.put(404, error("Not Found"));
        }
        Status status = method.getAnnotation(Status.class);
        int success = status == null ? 200 : status.value();
        if (raw == void.class || raw == Void.class) {
            responses.put(204, Json.object("description", SUCCESS));
        } else if (raw == Response.class) {
            if (declared(method).noneMatch(r -> r.status() < 300)) {
                responses.put(success, Json.object("description", SUCCESS));
            }
        } else {
            responses.put(success, body(SUCCESS, type, annotated));
        }
        if (jsonBody) {
            responses.put(400, error("Malformed JSON"));
        }
        if (validated) {
            Map<String, Object> invalid = Json.object("description", "Validation Error");
            invalid.put("content", content("application/json", ErrorSchemas.ref(ErrorSchemas.HTTP_VALIDATION_ERROR)));
            errorsUsed = true;
            responses.put(422, invalid);
        }
        declared(method).forEach(r -> responses.put(r.status(), declaredResponse(r)));
        Map<String, Object> documented = new LinkedHashMap<>();
        responses.forEach((code, response) -> documented.put(String.valueOf(code), response));
        return documented;
    }

    /** Whether some response so far refers to the {@link ErrorSchemas}, which the document must then define. */
    boolean errorsUsed() {
        return errorsUsed;
    }

    private static Stream<ApiResponse> declared(Method method) {
        return Arrays.stream(method.getAnnotationsByType(ApiResponse.class));
    }

    private Map<String, Object> declaredResponse(ApiResponse declared) {
        String description = declared.description().isEmpty() ? reason(declared.status()) : declared.description();
        if (declared.type() != void.class) {
            Map<String, Object> response = Json.object("description", description);
            response.put("content", content(declared.mediaType(), schemas.schemaFor(declared.type())));
            return response;
        }
        return declared.status() >= 400 ? error(description) : Json.object("description", description);
    }

    /** A success response whose body is the Java {@code type} (with {@code Optional} unwrapped). */
    private Map<String, Object> body(String description, Type type, AnnotatedType annotated) {
        Class<?> raw = Types.raw(type);
        if (raw == Optional.class) {
            type = Types.supertypeArguments(type, Optional.class)[0];
            annotated = null;
            raw = Types.raw(type);
        }
        Map<String, Object> response = Json.object("description", description);
        if (raw == String.class) {
            response.put("content", content("text/plain", Json.object("type", "string")));
        } else if (raw == byte[].class) {
            response.put("content", content("application/octet-stream", binary()));
        } else {
            response.put("content", content("application/json",
                    annotated != null ? schemas.schemaFor(annotated) : schemas.schemaFor(type)));
        }
        return response;
    }

    /** Any bytes: the OpenAPI 3.0 spelling, which Swagger UI turns into a file picker or a download link. */
    static Map<String, Object> binary() {
        Map<String, Object> schema = Json.object("type", "string");
        schema.put("format", "binary");
        return schema;
    }

    static Map<String, Object> content(String mediaType, Map<String, Object> schema) {
        return Json.object(mediaType, Json.object("schema", schema));
    }

    private Map<String, Object> error(String description) {
        errorsUsed = true;
        Map<String, Object> response = Json.object("description", description);
        response.put("content", content("application/json", ErrorSchemas.ref(ErrorSchemas.HTTP_ERROR)));
        return response;
    }

    private static String reason(int status) {
        String reason = HttpStatus.reason(status);
        return reason.isEmpty() ? "Status " + status : reason;
    }
}
