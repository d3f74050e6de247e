package dev.gyre.sample;

import dev.gyre.handler.Body;
import dev.gyre.handler.Get;
import dev.gyre.handler.NonBlocking;
import dev.gyre.handler.Post;
import dev.gyre.http.Response;

/**
 * The benchmark contract everyone relies on (see docs/sample-app.md): plaintext, JSON serialised per
 * request, and an echo of the request body. All three only compute, so they run on the event loop.
 */
public final class HelloApi {

    /** The body of {@code GET /json}. */
    public record Message(String message) {
    }

    @Get("/plaintext")
    @NonBlocking
    public String plaintext() {
        return "Hello, World!";
    }

    @Get("/json")
    @NonBlocking
    public Message json() {
        return new Message("Hello, World!");
    }

    @Post("/echo")
    @NonBlocking
    public Response echo(@Body byte[] body) {
        return Response.bytes(body, "application/octet-stream");
    }
}
