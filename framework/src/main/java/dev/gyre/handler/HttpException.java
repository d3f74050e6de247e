package dev.gyre.handler;

/**
 * Thrown by a handler to answer with a status and a {@code {"detail": …}} body instead of a result,
 * e.g. {@code throw new HttpException(404, "item 7 not found")}. Not logged: it is an answer, not a
 * failure.
 */
public class HttpException extends RuntimeException {
    private final int status;

    public HttpException(int status, String detail) {
        super(detail, null, false, false);
        if (status < 400 || status > 599) {
            throw new IllegalArgumentException("an HttpException carries a 4xx or 5xx status: " + status);
        }
        this.status = status;
    }

    public int status() {
        return status;
    }

    public String detail() {
        return getMessage();
    }
}
