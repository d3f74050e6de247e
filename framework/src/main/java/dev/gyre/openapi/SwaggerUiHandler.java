package dev.gyre.openapi;

import dev.gyre.files.ClasspathResources;
import dev.gyre.files.internal.FileServing;
import dev.gyre.handler.Get;
import dev.gyre.handler.NonBlocking;
import dev.gyre.handler.PathParam;
import dev.gyre.http.Request;
import dev.gyre.http.Response;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import java.util.function.Function;

/**
 * Swagger UI at {@code /docs}, from the {@code org.webjars:swagger-ui} jar on the class path, so it works
 * offline and its version is the one the build chose.
 *
 * <p>{@code /docs} is a page of Gyre's own (not the webjar's {@code index.html}, which points at the petstore)
 * that loads {@code /docs/swagger-ui.css} and {@code /docs/swagger-ui-bundle.js} and starts Swagger UI on
 * {@code /openapi.json}. The webjar's files sit flat in one folder, so the one-segment route
 * {@code /docs/{file}} reaches all of them; they are served by {@link ClasspathResources} with
 * {@code Cache-Control: no-cache} (the URLs carry no version, so browsers revalidate, cheaply, by ETag).
 */
final class SwaggerUiHandler {
    static final String PATH = "/docs";
    private static final String POM = "META-INF/maven/org.webjars/swagger-ui/pom.properties";
    private static final String ASSETS = "META-INF/resources/webjars/swagger-ui/";
    private static final String BUNDLE = "swagger-ui-bundle.js";

    private final Function<Request, Response> page;
    private final ClasspathResources assets;

    private SwaggerUiHandler(String title, ClasspathResources assets) {
        this.page = FileServing.fixed(page(title).getBytes(StandardCharsets.UTF_8), "text/html; charset=utf-8",
                "no-cache");
        this.assets = assets;
    }

    /**
     * The handler, or {@code null} when the webjar is not on the class path of {@code loader}.
     */
    static SwaggerUiHandler find(ClassLoader loader, String title) {
        String version = webjarVersion(loader);
        if (version == null || loader.getResource(ASSETS + version + "/" + BUNDLE) == null) {
            return null;
        }
        return new SwaggerUiHandler(title, new ClasspathResources(loader, ASSETS + version, "no-cache"));
    }

    @Get(PATH)
    @NonBlocking
    public Response page(Request request) {
        return page.apply(request);
    }

    /** Blocking: the first request for a file reads it from the jar. */
    @Get(PATH + "/{file}")
    public Response asset(Request request, @PathParam String file) {
        return assets.serve(request, file);
    }

    private static String webjarVersion(ClassLoader loader) {
        try (InputStream in = loader.getResourceAsStream(POM)) {
            if (in == null) {
                return null;
            }
            Properties properties = new Properties();
            properties.load(in);
            return properties.getProperty("version");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + POM, e);
        }
    }

    /** FastAPI's Swagger UI page, with Gyre's paths. */
    private static String page(String title) {
        return """
                <!DOCTYPE html>
                <html lang="en">
                <head>
                <meta charset="utf-8">
                <title>%s - Swagger UI</title>
                <link rel="stylesheet" href="/docs/swagger-ui.css">
                <link rel="icon" type="image/png" href="/docs/favicon-32x32.png">
                </head>
                <body>
                <div id="swagger-ui"></div>
                <script src="/docs/swagger-ui-bundle.js"></script>
                <script>
                window.ui = SwaggerUIBundle({
                  url: "%s",
                  dom_id: "#swagger-ui",
                  deepLinking: true,
                  showExtensions: true,
                  showCommonExtensions: true,
                  presets: [SwaggerUIBundle.presets.apis, SwaggerUIBundle.SwaggerUIStandalonePreset],
                  layout: "BaseLayout"
                });
                </script>
                </body>
                </html>
                """.formatted(escapeHtml(title), DocumentHandler.PATH);
    }

    static String escapeHtml(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
