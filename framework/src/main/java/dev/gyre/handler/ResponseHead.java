package dev.gyre.handler;

import dev.gyre.handler.internal.HandlerValues;
import dev.gyre.http.Headers;
import dev.gyre.http.Response;

/**
 * The status, header fields and cookies a handler that returns a value wants on its response (FastAPI's
 * {@code response: Response} parameter): declare a parameter of this type, set what you need, return the value
 * as usual.
 *
 * <pre>{@code
 * @Post("/items")
 * public Item create(@Body NewItem item, ResponseHead head) {
 *     Item created = store.add(item);
 *     head.status(201).header("Location", "/items/" + created.id());
 *     return created;
 * }
 * }</pre>
 *
 * <p>What is set here is applied when the handler's result has become a response: header fields and cookies are
 * added to it, whatever the handler returned; the status, when set, replaces that of a value (and its
 * {@link Status}), but not that of a {@code Response} the handler built, which states its own. Error answers
 * (a {@code 422}, a thrown {@code HttpException}) get none of it, as in FastAPI. One per request, made on first
 * use; used by the handler's thread only.
 */
public final class ResponseHead {
    static {
        HandlerValues.lendHead(new HandlerValues.HeadAccess() {
            @Override
            public ResponseHead create() {
                return new ResponseHead();
            }

            @Override
            public Response applyTo(ResponseHead head, Response response, boolean fromValue) {
                return head.applyTo(response, fromValue);
            }
        });
    }

    private final Headers headers = new Headers(2);
    private int status;

    private ResponseHead() {
    }

    /** Sets the status of the value's response. */
    public ResponseHead status(int status) {
        if (status < 100 || status > 999) {
            throw new IllegalArgumentException("status must have three digits: " + status);
        }
        this.status = status;
        return this;
    }

    /** The status set, or 0 when none was. */
    public int status() {
        return status;
    }

    /** Adds a header field, next to any other of the same name. */
    public ResponseHead header(String name, String value) {
        headers.add(name, value);
        return this;
    }

    /** The header fields added so far, cookies included; changes go to the response too. */
    public Headers headers() {
        return headers;
    }

    /** Adds a {@code Set-Cookie} field. */
    public ResponseHead cookie(SetCookie cookie) {
        return header("Set-Cookie", cookie.toString());
    }

    /** Puts what was set on {@code response}; {@code fromValue} says whether it was written from a value. */
    private Response applyTo(Response response, boolean fromValue) {
        if (status != 0 && fromValue) {
            response.status(status);
        }
        for (int i = 0; i < headers.size(); i++) {
            response.header(headers.name(i), headers.value(i));
        }
        return response;
    }
}
