package dev.gyre.http2;

import dev.gyre.handler.Get;
import dev.gyre.handler.NonBlocking;
import dev.gyre.http.Request;
import dev.gyre.http.Response;

/**
 * The routes only the HTTP/2 serving tests ask for; they run beside the connection tests' {@code TestHandlers}
 * and {@code StreamingHandlers} (bodies both ways, streams, files).
 */
public final class H2Routes {

    @Get("/hello")
    @NonBlocking
    public String hello() {
        return "hello over h2\n";
    }

    /** What the handler sees of the protocol: version, scheme and host. */
    @Get("/version")
    public String version(Request request) {
        return request.version().text() + " " + request.scheme() + " " + request.host();
    }

    /** The version and the names of the request's fields, as the handler sees them. */
    @Get("/request-fields")
    @NonBlocking
    public String requestFields(Request request) {
        StringBuilder names = new StringBuilder(request.version().text());
        for (int i = 0; i < request.headers().size(); i++) {
            names.append(i == 0 ? " " : ",").append(request.headers().name(i).toLowerCase(java.util.Locale.ROOT));
        }
        return names.toString();
    }

    /** A handler that sets HTTP/1.1's connection-specific fields, which HTTP/2 must not carry (RFC 9113 §8.2.2). */
    @Get("/connection-fields")
    @NonBlocking
    public Response connectionFields() {
        return Response.text("fields\n").header("Connection", "close").header("Keep-Alive", "timeout=5")
                .header("Proxy-Connection", "keep-alive").header("Upgrade", "websocket").header("X-Kept", "yes");
    }

    /** An event stream that never ends by itself: only a stop (or the client) ends it. */
    @Get("/events")
    @NonBlocking
    public Response events() {
        return Response.stream("text/event-stream", stream -> stream.write("data: hello\n\n"));
    }
}
