package dev.gyre.handler.internal;

import dev.gyre.handler.Status;
import dev.gyre.http.ErrorResponse;
import dev.gyre.http.Response;
import dev.gyre.http.internal.DirectResponder;
import dev.gyre.http.internal.Responses;
import dev.gyre.json.JsonCodec;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Turns a handler's return value into a response, chosen once per route from the declared return type:
 *
 * <table>
 *   <caption>Return types and what the client gets</caption>
 *   <tr><td>{@code Response}</td><td>as it is; a {@code Response.json} value written by the route's codec</td></tr>
 *   <tr><td>{@code String}</td><td>{@code text/plain; charset=utf-8}</td></tr>
 *   <tr><td>{@code byte[]}</td><td>{@code application/octet-stream}</td></tr>
 *   <tr><td>{@code void}, or {@code null}</td><td>{@code 204} (or the {@code @Status} given)</td></tr>
 *   <tr><td>{@code Optional<T>}</td><td>empty: {@code 404}; else as {@code T}</td></tr>
 *   <tr><td>anything else</td><td>JSON</td></tr>
 * </table>
 * {@code CompletionStage<T>} is unwrapped by the dispatcher and written as {@code T}. A value's status is
 * {@code 200} unless the method says otherwise with {@link Status}. A route that returns the same
 * {@code String} instance again sends the bytes it encoded the first time ({@link LastText}). A
 * {@code String}, {@code byte[]} or JSON value can also be sent without a {@code Response} ({@link BytesResult}).
 */
@FunctionalInterface
interface ResultWriter {
    Response write(Object result);

    /**
     * Sends {@code result} through {@code to} without a {@code Response} and returns true, or returns false, having
     * sent nothing, when this writer needs one for it (then {@link #write} makes it).
     */
    default boolean send(Object result, DirectResponder to) {
        return false;
    }

    /** @param declared the {@code @Status} of the method, or 0 for none */
    static ResultWriter forType(Type type, int declared, Supplier<JsonCodec> json) {
        Class<?> raw = rawClass(type);
        if (raw == Response.class) {
            return r -> r == null ? Response.of(204) : withJson((Response) r, json);
        }
        if (raw == void.class || raw == Void.class) {
            int status = declared == 0 ? 204 : declared;
            return r -> Response.of(status);
        }
        int status = declared == 0 ? 200 : declared;
        if (raw == Optional.class) {
            ResultWriter inner = forType(typeArgument(type), declared, json);
            return r -> {
                Optional<?> o = (Optional<?>) r;
                return o == null || o.isEmpty() ? ErrorResponse.of(404, "Not Found") : inner.write(o.get());
            };
        }
        if (raw == String.class) {
            LastText last = new LastText();
            return new BytesResult(status, "text/plain; charset=utf-8", r -> last.utf8((String) r));
        }
        if (raw == byte[].class) {
            return new BytesResult(status, "application/octet-stream", r -> (byte[]) r);
        }
        if (raw == Object.class) {
            return r -> r == null ? Response.of(204) : forType(r.getClass(), declared, json).write(r);
        }
        JsonCodec codec = json.get();
        return new BytesResult(status, "application/json", codec::write);
    }

    /** Writes a {@code Response.json} value with the route's codec, so it reads as a returned value would. */
    private static Response withJson(Response response, Supplier<JsonCodec> json) {
        Object value = Responses.pendingJson(response);
        return value == null ? response : response.body(json.get().write(value));
    }

    static Class<?> rawClass(Type type) {
        if (type instanceof Class<?> c) {
            return c;
        }
        if (type instanceof ParameterizedType pt) {
            return (Class<?>) pt.getRawType();
        }
        return Object.class;
    }

    static Type typeArgument(Type type) {
        return type instanceof ParameterizedType pt ? pt.getActualTypeArguments()[0] : Object.class;
    }
}
