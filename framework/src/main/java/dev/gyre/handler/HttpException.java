package dev.gyre.handler;

import java.util.Map;

/**
 * Thrown by a handler to answer with a status and a {@code {"detail": …}} body instead of a result,
 * e.g. {@code throw new HttpException(404, "item 7 not found")}. Not logged: it is an answer, not a
 * failure. Header fields given to it (FastAPI's {@code headers=}, e.g. {@code WWW-Authenticate} on a
 * {@code 401}) are sent with the answer.
 */
public class HttpException extends RuntimeException {
    private final int status;
    private final Map<String, String> headers;

    public HttpException(int status, String detail) {
        this(status, detail, Map.of());
    }

    /**
     * @param headers header fields to send with the answer; checked when the answer is made, like any
     *                header a handler sets
     */
    public HttpException(int status, String detail, Map<String, String> headers) {
        super(detail, null, false, false);
        if (status < 400 || status > 599) {
            throw new IllegalArgumentException("an HttpException carries a 4xx or 5xx status: " + status);
        }
        this.status = status;
        this.headers = Map.copyOf(headers);
    }

    /** The header fields sent with the answer; empty for most. */
    public Map<String, String> headers() {
        return headers;
    }

    public int status() {
        return status;
    }

    public String detail() {
        return getMessage();
    }
}
