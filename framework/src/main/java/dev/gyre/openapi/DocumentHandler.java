package dev.gyre.openapi;

import dev.gyre.files.internal.FileServing;
import dev.gyre.handler.Get;
import dev.gyre.http.Request;
import dev.gyre.http.Response;
import java.nio.charset.StandardCharsets;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Serves the document at {@code /openapi.json}. It is written once, when it is first asked for, not at
 * start-up: generating the schemas of every route costs start-up time that a server answering its first
 * requests should not wait for. That first request runs on a virtual thread (the route is a blocking one)
 * and any others arriving meanwhile wait for it; every later one only copies references. The {@code ETag}
 * lets Swagger UI and other clients revalidate with a {@code 304}.
 */
final class DocumentHandler {
    static final String PATH = "/openapi.json";

    private final Supplier<String> json;
    private volatile Function<Request, Response> document;

    DocumentHandler(Supplier<String> json) {
        this.json = json;
    }

    @Get(PATH)
    public Response document(Request request) {
        return document().apply(request);
    }

    private Function<Request, Response> document() {
        Function<Request, Response> written = document;
        if (written == null) {
            synchronized (this) {
                written = document;
                if (written == null) {
                    written = FileServing.fixed(json.get().getBytes(StandardCharsets.UTF_8), "application/json",
                            "no-cache");
                    document = written;
                }
            }
        }
        return written;
    }
}
