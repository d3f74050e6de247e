package dev.gyre.handler.internal;

import dev.gyre.http.Headers;
import dev.gyre.http.Response;
import dev.gyre.http.internal.DirectResponder;
import dev.gyre.http.internal.ParsedHeaders;
import java.util.function.Function;

/**
 * The {@link ResultWriter} of a value sent as bytes of one {@code Content-Type} ({@code String}, {@code byte[]},
 * JSON): the route's status, its type's field and the value's bytes. {@link #send} hands these parts to the
 * exchange, so a route answering on the loop with nothing around it allocates no {@code Response}; {@link #write}
 * makes the same response as a {@code Response}. A {@code null} value is {@code 204}, always as a {@code Response}.
 *
 * <p>Made once per route and shared by every request; its field is read-only. Thread-safe if the encoding is.
 */
final class BytesResult implements ResultWriter {
    private final int status;
    private final String contentType;
    private final Headers fields;
    private final Function<Object, byte[]> encoding;

    /** @param encoding the value's bytes, which the response then owns (it may share them with others, read-only) */
    BytesResult(int status, String contentType, Function<Object, byte[]> encoding) {
        this.status = status;
        this.contentType = contentType;
        this.fields = ParsedHeaders.copyOf(new String[] {"Content-Type", contentType}, 1);
        this.encoding = encoding;
    }

    @Override
    public Response write(Object result) {
        return result == null ? Response.of(204) : Response.bytes(encoding.apply(result), contentType).status(status);
    }

    @Override
    public boolean send(Object result, DirectResponder to) {
        if (result == null) {
            return false;
        }
        to.respond(status, fields, encoding.apply(result));
        return true;
    }
}
