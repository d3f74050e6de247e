/**
 * The OpenAPI 3.1 side of Gyre: JSON Schemas for the Java types of handler parameters and bodies.
 *
 * <p>A document builder uses one {@link dev.gyre.openapi.SchemaGenerator} per document:
 * <pre>{@code
 * SchemaGenerator schemas = new SchemaGenerator();
 * // for each route, at start-up:
 * Map<String, Object> body = schemas.schemaFor(method.getGenericReturnType());   // inline or {"$ref": ...}
 * boolean bodyRequired = !SchemaGenerator.isOptional(bodyParameter.getParameterizedType());
 * Map<String, Object> query = schemas.schemaForParameter(p.getAnnotatedType(), p.getAnnotations(), defaultText);
 * // once every route is described:
 * document.put("components", Map.of("schemas", schemas.components()));
 * String json = JsonWriter.writePretty(document);
 * }</pre>
 *
 * The document is a tree of {@code LinkedHashMap}s and {@code List}s, written by {@link dev.gyre.openapi.JsonWriter}
 * or by Jackson. The builder unwraps what is not part of the wire format ({@code CompletionStage}, response
 * wrappers) before asking for a schema, and decides {@code required} for parameters and bodies.
 *
 * <p>Jackson and Bean Validation annotations are read when those libraries are on the class path; the package
 * works without them. Everything outside {@code SchemaGenerator} and {@code JsonWriter} is package-private.
 */
package dev.gyre.openapi;
