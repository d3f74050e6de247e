package dev.gyre.openapi;

import dev.gyre.handler.internal.Route;
import dev.gyre.inject.internal.Providers;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What {@code Gyre.builder().openApi(info)} adds to a server: handler objects serving the document of the
 * routes at {@code /openapi.json}, built and written once when it is first asked for, and Swagger UI at {@code /docs} when asked for
 * and the {@code org.webjars:swagger-ui} jar is on the class path (else one log line says why it is missing).
 * The document describes the routes given, so these two are not in it.
 */
final class OpenApiEndpoints {
    private static final Logger log = LoggerFactory.getLogger(OpenApiEndpoints.class);

    private OpenApiEndpoints() {
    }

    /**
     * @param docs      whether to serve Swagger UI at {@code /docs}
     * @param providers the server's providers, whose security schemes the document describes
     * @return handler objects to compile and route like the application's own
     * @throws IllegalArgumentException when two different security schemes share a name
     */
    static List<Object> create(OpenApiInfo info, boolean docs, List<Route> routes, Providers providers) {
        SecurityDocs.check(routes, providers);
        List<Object> handlers = new ArrayList<>();
        handlers.add(new DocumentHandler(() -> OpenApiDocument.json(info, routes, providers)));
        if (docs) {
            SwaggerUiHandler ui = SwaggerUiHandler.find(OpenApiEndpoints.class.getClassLoader(), info.title());
            if (ui != null) {
                handlers.add(ui);
            } else {
                log.info("{} not served: org.webjars:swagger-ui is not on the class path ({} is)",
                        SwaggerUiHandler.PATH, DocumentHandler.PATH);
            }
        }
        return handlers;
    }
}
