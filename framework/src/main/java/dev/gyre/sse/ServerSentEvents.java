package dev.gyre.sse;

import dev.gyre.http.Request;
import dev.gyre.http.Response;
import java.time.Duration;
import java.util.function.Consumer;

/**
 * Responses that stream server-sent events (the {@code text/event-stream} format of the HTML standard).
 *
 * <pre>{@code
 * @Get("/events/clock") @NonBlocking
 * public Response clock(Request request) {
 *     return ServerSentEvents.stream(request, events ->
 *             events.every(Duration.ofSeconds(1), () -> events.send(Instant.now().toString())));
 * }
 * }</pre>
 *
 * <p>The producer runs on the connection's loop right after the response head is sent, so it must not
 * block; it keeps the {@link SseStream} and sends as events happen, from any thread.
 */
public final class ServerSentEvents {
    /** How long a stream may stay silent before a keep-alive comment is sent. */
    public static final Duration DEFAULT_KEEP_ALIVE = Duration.ofSeconds(15);

    private ServerSentEvents() {
    }

    public static Response stream(Request request, Consumer<SseStream> producer) {
        return stream(request, DEFAULT_KEEP_ALIVE, producer);
    }

    /** @param keepAlive the silence after which a comment is sent; zero turns keep-alives off */
    public static Response stream(Request request, Duration keepAlive, Consumer<SseStream> producer) {
        String lastEventId = request.header("Last-Event-ID");
        return Response.stream("text/event-stream; charset=utf-8",
                        out -> producer.accept(new SseStream(out, lastEventId, keepAlive)))
                .header("Cache-Control", "no-cache")
                .header("X-Accel-Buffering", "no");
    }
}
