package dev.gyre.ws;

import dev.gyre.route.PathTemplate;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * One WebSocket endpoint compiled at start-up by {@link EndpointCompiler}: where it lives, how it shakes
 * hands, and what to call for each event. Immutable; shared by every session of the endpoint.
 *
 * @param description    the class, for logs and error messages
 * @param handlers       the callbacks the endpoint defines; an event without one is ignored, except a data
 *                       message, which closes the session with 1003 (RFC 6455 §7.4.1)
 * @param onLoop         the callbacks marked {@code @NonBlocking}, run on the session's loop
 * @param pathConverters how each typed {@code @PathParam} is converted, at the handshake
 */
record Endpoint(
        String description,
        PathTemplate template,
        WebSocketHandshake handshake,
        Map<Callback, Handler> handlers,
        Set<Callback> onLoop,
        Map<String, Function<String, Object>> pathConverters) {

    /** The events an endpoint can be told about, one per annotation. */
    enum Callback { OPEN, TEXT, BINARY, CLOSE, ERROR }

    /** Runs one callback: the event's value in ({@code String}, {@code byte[]}, ...), a reply (or null) out. */
    @FunctionalInterface
    interface Handler {
        Object call(ServerSession session, Object event) throws Throwable;
    }

    Handler handler(Callback callback) {
        return handlers.get(callback);
    }

    /**
     * The path parameters converted to the types the methods declare.
     *
     * @throws IllegalArgumentException naming the parameter whose value does not convert
     */
    Map<String, Object> convert(Map<String, String> raw) {
        Map<String, Object> values = new HashMap<>(raw);
        pathConverters.forEach((name, converter) -> {
            try {
                values.put(name, converter.apply(raw.get(name)));
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("path parameter " + name + ": cannot convert '" + raw.get(name)
                        + "'", e);
            }
        });
        return values;
    }
}
