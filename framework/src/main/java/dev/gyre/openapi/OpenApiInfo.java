package dev.gyre.openapi;

import dev.gyre.openapi.internal.OpenApiServing;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The parts of the OpenAPI document that do not come from the handlers: its {@code info} (title, version,
 * description) and the {@code servers} a client may call. Without servers, Swagger UI sends "Try it out"
 * requests to the server it was loaded from, which is what a served document usually wants.
 *
 * <pre>{@code
 * OpenApiInfo.of("Items", "1.2.0").description("Everything about items").server("https://api.example.com", "production")
 * }</pre>
 *
 * @param title       the API's name
 * @param version     the API's version (not OpenAPI's)
 * @param description CommonMark text shown under the title, or {@code null}
 * @param servers     where the API is served, in order of preference
 */
public record OpenApiInfo(String title, String version, String description, List<Server> servers) {
    static {
        OpenApiServing.install(OpenApiEndpoints::create);
    }

    /** One entry of {@code servers}; {@code description} may be {@code null}. */
    public record Server(String url, String description) {
        public Server {
            Objects.requireNonNull(url, "url");
        }
    }

    public OpenApiInfo {
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(version, "version");
        servers = List.copyOf(servers);
    }

    public static OpenApiInfo of(String title, String version) {
        return new OpenApiInfo(title, version, null, List.of());
    }

    public OpenApiInfo description(String text) {
        return new OpenApiInfo(title, version, text, servers);
    }

    /** This info with one more server. */
    public OpenApiInfo server(String url, String serverDescription) {
        List<Server> more = new ArrayList<>(servers);
        more.add(new Server(url, serverDescription));
        return new OpenApiInfo(title, version, description, more);
    }
}
