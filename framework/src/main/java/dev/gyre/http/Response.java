package dev.gyre.http;

import java.nio.charset.StandardCharsets;

/**
 * What a handler answers: a status, header fields and a body.
 *
 * <p>The server adds {@code Content-Length}, {@code Date}, {@code Server} and {@code Connection} itself
 * when it writes the response, so handlers set only what is theirs to say. A response is built on one
 * thread and handed to the connection; it must not be changed after it is returned.
 */
public final class Response {
    private static final byte[] EMPTY = new byte[0];

    private int status;
    private final Headers headers = new Headers(4);
    private byte[] body = EMPTY;

    private Response(int status) {
        status(status);
    }

    /** A response with this status and no body. */
    public static Response of(int status) {
        return new Response(status);
    }

    /** {@code 200} with a UTF-8 text body. */
    public static Response text(String body) {
        return of(200).body(body.getBytes(StandardCharsets.UTF_8), "text/plain; charset=utf-8");
    }

    /** {@code 200} with raw bytes of the given type. */
    public static Response bytes(byte[] body, String contentType) {
        return of(200).body(body, contentType);
    }

    public int status() {
        return status;
    }

    public Response status(int status) {
        if (status < 100 || status > 999) {
            throw new IllegalArgumentException("status must have three digits: " + status);
        }
        this.status = status;
        return this;
    }

    public Headers headers() {
        return headers;
    }

    /** Adds a header field; see {@link Headers#add}. */
    public Response header(String name, String value) {
        headers.add(name, value);
        return this;
    }

    public byte[] body() {
        return body;
    }

    public Response body(byte[] body) {
        this.body = body == null ? EMPTY : body;
        return this;
    }

    /** Sets the body and its {@code Content-Type} together. */
    public Response body(byte[] body, String contentType) {
        headers.set("Content-Type", contentType);
        return body(body);
    }

    public Response body(String text) {
        if (!headers.contains("Content-Type")) {
            headers.set("Content-Type", "text/plain; charset=utf-8");
        }
        return body(text.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public String toString() {
        return "Response[" + status + ", " + body.length + " bytes]";
    }
}
