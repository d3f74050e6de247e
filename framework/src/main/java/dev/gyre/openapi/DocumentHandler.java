package dev.gyre.openapi;

import dev.gyre.files.StaticContent;
import dev.gyre.handler.Get;
import dev.gyre.handler.NonBlocking;
import dev.gyre.http.Request;
import dev.gyre.http.Response;
import java.nio.charset.StandardCharsets;

/**
 * Serves the document at {@code /openapi.json}. It was written once at start-up, so a request only copies
 * references: the handler runs on the loop. The {@code ETag} lets Swagger UI and other clients revalidate
 * with a {@code 304}.
 */
final class DocumentHandler {
    static final String PATH = "/openapi.json";

    private final StaticContent document;

    DocumentHandler(String json) {
        this.document = StaticContent.of(json.getBytes(StandardCharsets.UTF_8), "application/json", "no-cache");
    }

    @Get(PATH)
    @NonBlocking
    public Response document(Request request) {
        return document.respond(request);
    }
}
