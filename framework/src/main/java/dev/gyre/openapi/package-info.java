/**
 * The OpenAPI 3.1 side of Gyre: the document of an application's routes, served at {@code /openapi.json},
 * Swagger UI at {@code /docs}, and the JSON Schemas of the Java types in it. {@code docs/openapi.md} says what
 * appears where.
 *
 * <h2>The document</h2>
 * {@code Gyre.builder().openApi(OpenApiInfo)} asks {@link dev.gyre.openapi.OpenApiEndpoints} for two handler
 * objects once the application's routes are compiled: one serving the document, which
 * {@link dev.gyre.openapi.OpenApiDocument} builds from those routes and {@link dev.gyre.openapi.JsonWriter}
 * writes once, and one serving Swagger UI from the {@code org.webjars:swagger-ui} jar when it is on the class
 * path. Each route becomes an operation ({@code OperationDocs}): parameters from the handler layer's binding
 * annotations ({@code ParameterSources}, a table from annotation to {@code in}), the body from {@code @Body},
 * responses from the return type ({@code ResponseDocs}), text from {@link dev.gyre.openapi.Operation},
 * {@link dev.gyre.openapi.Tag}, {@link dev.gyre.openapi.ApiResponse} and {@link dev.gyre.openapi.Hidden}.
 *
 * <h2>Schemas</h2>
 * One {@link dev.gyre.openapi.SchemaGenerator} per document describes the types:
 * <pre>{@code
 * SchemaGenerator schemas = new SchemaGenerator();
 * Map<String, Object> body = schemas.schemaFor(parameter.getAnnotatedType());   // inline or {"$ref": ...}
 * Map<String, Object> query = schemas.schemaForParameter(p.getAnnotatedType(), p.getAnnotations(), defaultText);
 * document.put("components", Map.of("schemas", schemas.components()));         // after the last type
 * }</pre>
 * The document is a tree of {@code LinkedHashMap}s and {@code List}s, so the same routes always give the same
 * text. Jackson and Bean Validation annotations are read when those libraries are on the class path; the
 * package works without them.
 */
package dev.gyre.openapi;
