package dev.gyre.openapi;

import dev.gyre.handler.internal.Route;
import dev.gyre.inject.internal.Providers;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Builds the OpenAPI 3.1 document of a set of routes, as a tree of ordered maps and lists for
 * {@link JsonWriter}.
 *
 * <p>Paths appear in the order their routes were registered (handler by handler, each handler's methods by
 * name), operations within a path likewise; components are sorted by name. The same routes therefore always
 * give the same text, which is what golden files and caches rely on. Routes marked {@link Hidden}, on the
 * method or its class, are left out.
 *
 * <p>Building reads each route's method and parameters by reflection, once, at start-up; a mistake found then
 * (a default value that does not fit its parameter's type, a type that cannot be described) fails start-up with
 * the route named.
 */
final class OpenApiDocument {
    /** The OpenAPI version written, and JSON Schema 2020-12 as OpenAPI 3.1 extends it, its default dialect. */
    static final String OPENAPI = "3.1.0";
    static final String DIALECT = "https://spec.openapis.org/oas/3.1/dialect/base";

    private OpenApiDocument() {
    }

    /** The document tree of these routes, with no provider known to be secured. */
    public static Map<String, Object> build(OpenApiInfo info, List<Route> routes) {
        return build(info, routes, Providers.none());
    }

    /**
     * The document tree of these routes; an operation whose handler takes a value of a secured provider among
     * {@code providers} lists its security schemes (see {@link SecurityDocs}).
     */
    public static Map<String, Object> build(OpenApiInfo info, List<Route> routes, Providers providers) {
        return fromEndpoints(info, routes.stream().map(DocumentedRoute::of).toList(), providers);
    }

    static Map<String, Object> fromEndpoints(OpenApiInfo info, List<DocumentedRoute> routes) {
        return fromEndpoints(info, routes, Providers.none());
    }

    static Map<String, Object> fromEndpoints(OpenApiInfo info, List<DocumentedRoute> routes, Providers providers) {
        SchemaGenerator schemas = new SchemaGenerator();
        SecurityDocs security = new SecurityDocs(providers);
        OperationDocs operations = new OperationDocs(schemas);
        Map<String, Object> paths = new LinkedHashMap<>();
        Map<String, String> tagDescriptions = new LinkedHashMap<>();
        for (DocumentedRoute route : routes) {
            Method method = route.method();
            if (method.isAnnotationPresent(Hidden.class) || method.getDeclaringClass().isAnnotationPresent(Hidden.class)) {
                continue;
            }
            Map<String, Object> operation;
            try {
                operation = operations.operation(route);
                List<Map<String, Object>> requirements = security.requirements(method);
                if (requirements != null) {
                    operation.put("security", requirements);
                }
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("cannot document " + route + ": " + e.getMessage(), e);
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> path = (Map<String, Object>) paths.computeIfAbsent(route.template().text(),
                    k -> new LinkedHashMap<String, Object>());
            path.put(route.httpMethod().toLowerCase(Locale.ROOT), operation);
            Tag tag = method.getDeclaringClass().getAnnotation(Tag.class);
            if (tag != null && !tag.description().isEmpty()) {
                tagDescriptions.putIfAbsent(tag.value(), tag.description());
            }
        }
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("openapi", OPENAPI);
        document.put("jsonSchemaDialect", DIALECT);
        document.put("info", info(info));
        if (!info.servers().isEmpty()) {
            document.put("servers", servers(info));
        }
        if (!tagDescriptions.isEmpty()) {
            List<Map<String, Object>> tags = new ArrayList<>();
            tagDescriptions.forEach((name, description) -> {
                Map<String, Object> tag = Json.object("name", name);
                tag.put("description", description);
                tags.add(tag);
            });
            document.put("tags", tags);
        }
        document.put("paths", paths);
        Map<String, Object> components = components(schemas.components(), operations.errorsUsed());
        Map<String, Object> securitySchemes = security.schemes();
        if (!components.isEmpty() || !securitySchemes.isEmpty()) {
            Map<String, Object> all = new LinkedHashMap<>();
            if (!components.isEmpty()) {
                all.put("schemas", components);
            }
            if (!securitySchemes.isEmpty()) {
                all.put("securitySchemes", securitySchemes);
            }
            document.put("components", all);
        }
        return document;
    }

    /** The document as compact JSON. */
    public static String json(OpenApiInfo info, List<Route> routes) {
        return json(info, routes, Providers.none());
    }

    /** The document as compact JSON, with the security schemes of {@code providers}. */
    public static String json(OpenApiInfo info, List<Route> routes, Providers providers) {
        return JsonWriter.write(build(info, routes, providers));
    }

    private static Map<String, Object> info(OpenApiInfo info) {
        Map<String, Object> map = Json.object("title", info.title());
        map.put("version", info.version());
        Json.putIfPresent(map, "description", info.description());
        return map;
    }

    private static List<Map<String, Object>> servers(OpenApiInfo info) {
        List<Map<String, Object>> servers = new ArrayList<>();
        for (OpenApiInfo.Server server : info.servers()) {
            Map<String, Object> map = Json.object("url", server.url());
            Json.putIfPresent(map, "description", server.description());
            servers.add(map);
        }
        return servers;
    }

    /**
     * The types' components and, when any operation refers to them, the error components. A handler type with
     * the name of an error component would make one {@code $ref} mean two things, so it fails start-up.
     */
    private static Map<String, Object> components(Map<String, Object> types, boolean errors) {
        Map<String, Object> all = new TreeMap<>(types);
        if (errors) {
            ErrorSchemas.components().forEach((name, schema) -> {
                if (all.putIfAbsent(name, schema) != null) {
                    throw new IllegalArgumentException("a handler type is named " + name
                            + ", the name of one of the framework's error schemas; rename it");
                }
            });
        }
        return new LinkedHashMap<>(all);
    }
}
