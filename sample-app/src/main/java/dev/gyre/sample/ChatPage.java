package dev.gyre.sample;

import dev.gyre.files.ClasspathResources;
import dev.gyre.handler.Get;
import dev.gyre.handler.PathParam;
import dev.gyre.http.Request;
import dev.gyre.http.Response;
import dev.gyre.openapi.Hidden;

/**
 * The chat page: {@code GET /chat} is its HTML and {@code GET /chat/{file}} its script and style sheet, from
 * {@code chat/} on the class path. The page talks to {@link ChatSocket} and shows the SSE clock of
 * {@code /events/clock}. Blocking handlers, since the first read of a file may block on the jar.
 */
@Hidden
public final class ChatPage {
    private final ClasspathResources files =
            new ClasspathResources(ChatPage.class.getClassLoader(), "chat", "no-cache");

    @Get("/chat")
    public Response page(Request request) {
        return files.serve(request, "index.html");
    }

    @Get("/chat/{file}")
    public Response asset(Request request, @PathParam String file) {
        return files.serve(request, file);
    }
}
