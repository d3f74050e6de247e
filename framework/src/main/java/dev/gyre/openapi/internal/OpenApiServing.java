package dev.gyre.openapi.internal;

import dev.gyre.handler.internal.Route;
import dev.gyre.http.internal.Lent;
import dev.gyre.inject.internal.Providers;
import dev.gyre.openapi.OpenApiInfo;
import java.util.List;

/**
 * How the builder adds the OpenAPI document and Swagger UI to a server. The handlers that serve them are
 * package-private in {@code dev.gyre.openapi}; {@link OpenApiInfo} lends their factory here when it is
 * initialised, and this package is not exported. Called once per server, at start-up.
 */
public final class OpenApiServing {
    private static final Lent<Endpoints> ACCESS = new Lent<>(OpenApiInfo.class);

    private OpenApiServing() {
    }

    /** What {@code dev.gyre.openapi} lends. */
    @FunctionalInterface
    public interface Endpoints {
        List<Object> create(OpenApiInfo info, boolean docs, List<Route> routes, Providers providers);
    }

    /** Called once, by {@link OpenApiInfo}'s static initialiser. */
    public static void install(Endpoints endpoints) {
        ACCESS.lend(endpoints);
    }

    /**
     * Handler objects serving the document of {@code routes} at {@code /openapi.json}, built when first asked
     * for, and (with {@code docs}, when the {@code org.webjars:swagger-ui} jar is on the class path) Swagger UI
     * at {@code /docs}; the builder compiles and routes them like the application's own.
     *
     * @param providers the server's providers, whose security schemes the document describes
     * @throws IllegalArgumentException when two different security schemes share a name
     */
    public static List<Object> endpoints(OpenApiInfo info, boolean docs, List<Route> routes, Providers providers) {
        return ACCESS.get().create(info, docs, routes, providers);
    }
}
