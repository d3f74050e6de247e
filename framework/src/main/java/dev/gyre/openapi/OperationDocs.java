package dev.gyre.openapi;

import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The OpenAPI operation object of one route: tags, summary, description, {@code operationId}, parameters,
 * request body and responses, from the route's method, its parameters' binding annotations
 * ({@link ParameterSources}) and the annotations of this package.
 *
 * <p>{@code operationId} is {@code Class_method}; it must be unique in a document, so when a method serves
 * several routes, or two handler classes share a simple name, later ones get the HTTP method and then a number
 * appended. Not thread-safe: one instance builds one document.
 */
final class OperationDocs {
    private final SchemaGenerator schemas;
    private final ResponseDocs responses;
    private final Set<String> operationIds = new HashSet<>();

    OperationDocs(SchemaGenerator schemas) {
        this.schemas = schemas;
        this.responses = new ResponseDocs(schemas);
    }

    /** Whether some operation's responses refer to the error components. */
    boolean errorsUsed() {
        return responses.errorsUsed();
    }

    Map<String, Object> operation(DocumentedRoute route) {
        Method method = route.method();
        Operation annotation = method.getAnnotation(Operation.class);
        Map<String, Object> operation = new LinkedHashMap<>();
        operation.put("tags", tags(method, annotation));
        operation.put("summary", annotation != null && !annotation.summary().isEmpty()
                ? annotation.summary() : words(method.getName()));
        Json.putIfPresent(operation, "description", annotation == null ? null : annotation.description());
        operation.put("operationId", operationId(route));
        List<Map<String, Object>> parameters = new ArrayList<>();
        Map<String, Object> body = null;
        List<Parameter> formFields = new ArrayList<>();
        for (Parameter parameter : method.getParameters()) {
            ParameterSources.Located located = ParameterSources.locate(parameter);
            if (located != null) {
                parameters.add(parameter(parameter, located));
            } else if (ParameterSources.isBody(parameter)) {
                body = requestBody(parameter);
            } else if (FormDocs.isField(parameter)) {
                formFields.add(parameter);
            }
        }
        if (body == null && !formFields.isEmpty()) {
            body = FormDocs.requestBody(formFields, schemas);
        }
        boolean jsonBody = body != null && ((Map<?, ?>) body.get("content")).containsKey("application/json");
        boolean validated = !parameters.isEmpty() || jsonBody || !formFields.isEmpty();
        addUnboundPathParameters(route, parameters);
        if (!parameters.isEmpty()) {
            operation.put("parameters", parameters);
        }
        if (body != null) {
            operation.put("requestBody", body);
        }
        operation.put("responses", responses.responses(method, validated, jsonBody));
        if (method.isAnnotationPresent(Deprecated.class)) {
            operation.put("deprecated", true);
        }
        return operation;
    }

    /** The tags of the method: {@code @Operation(tags)}, else the class's {@code @Tag}, else its simple name. */
    static List<String> tags(Method method, Operation annotation) {
        if (annotation != null && annotation.tags().length > 0) {
            return List.of(annotation.tags());
        }
        Tag tag = method.getDeclaringClass().getAnnotation(Tag.class);
        return List.of(tag != null ? tag.value() : method.getDeclaringClass().getSimpleName());
    }

    private Map<String, Object> parameter(Parameter parameter, ParameterSources.Located located) {
        Map<String, Object> documented = new LinkedHashMap<>();
        documented.put("name", located.name());
        documented.put("in", located.in());
        boolean required = located.in().equals("path")
                || located.defaultValue() == null && !SchemaGenerator.isOptional(parameter.getParameterizedType());
        documented.put("required", required);
        if (parameter.isAnnotationPresent(Deprecated.class)) {
            documented.put("deprecated", true);
        }
        documented.put("schema", schemas.schemaForParameter(parameter.getAnnotatedType(), parameter.getAnnotations(),
                located.defaultValue()));
        return documented;
    }

    /**
     * A template parameter no handler parameter binds is still part of the path, and OpenAPI requires every
     * template parameter to be declared: it is documented as a required string.
     */
    private static void addUnboundPathParameters(DocumentedRoute route, List<Map<String, Object>> parameters) {
        for (String name : route.template().parameterNames()) {
            boolean bound = parameters.stream().anyMatch(p -> p.get("in").equals("path") && p.get("name").equals(name));
            if (!bound) {
                Map<String, Object> documented = new LinkedHashMap<>();
                documented.put("name", name);
                documented.put("in", "path");
                documented.put("required", true);
                documented.put("schema", Json.object("type", "string"));
                parameters.add(documented);
            }
        }
    }

    /** The body as the handler layer binds it: bytes, text, or JSON of the parameter's type. */
    private Map<String, Object> requestBody(Parameter parameter) {
        Class<?> type = parameter.getType();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("required", !SchemaGenerator.isOptional(parameter.getParameterizedType()));
        if (type == byte[].class) {
            body.put("content", ResponseDocs.content("application/octet-stream", ResponseDocs.binary()));
        } else if (type == String.class) {
            body.put("content", ResponseDocs.content("text/plain", Json.object("type", "string")));
        } else {
            body.put("content", ResponseDocs.content("application/json", schemas.schemaFor(parameter.getAnnotatedType())));
        }
        return body;
    }

    private String operationId(DocumentedRoute route) {
        String base = route.method().getDeclaringClass().getSimpleName() + "_" + route.method().getName();
        String id = base;
        if (!operationIds.add(id)) {
            id = base + "_" + route.httpMethod().toLowerCase(Locale.ROOT);
            for (int n = 2; !operationIds.add(id); n++) {
                id = base + "_" + route.httpMethod().toLowerCase(Locale.ROOT) + "_" + n;
            }
        }
        return id;
    }

    /** {@code findItemById} as "Find Item By Id", {@code getHTTPStatus} as "Get HTTP Status". */
    static String words(String name) {
        String[] parts = name.split("(?<=[a-z0-9])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])|_+");
        StringBuilder text = new StringBuilder();
        for (String part : parts) {
            if (part.isEmpty()) {
                continue;
            }
            if (!text.isEmpty()) {
                text.append(' ');
            }
            text.append(Character.toUpperCase(part.charAt(0))).append(part, 1, part.length());
        }
        return text.toString();
    }
}
