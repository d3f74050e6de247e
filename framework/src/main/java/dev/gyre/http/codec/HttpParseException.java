package dev.gyre.http.codec;

/**
 * Why a request could not be parsed: the status to answer with and a short reason.
 *
 * <p>Thrown only inside the parser's helpers and caught by {@link RequestParser#next}, which turns it into
 * its terminal {@code ERROR} state; it never reaches the connection. It carries no stack trace because it
 * describes the client's bytes, not a fault in our code, and a hostile client should not be able to make
 * us pay for stack walks.
 *
 * <p>The reason is always one of our own constant strings, never an echo of input bytes, so it is safe to
 * put in a response body.
 */
final class HttpParseException extends Exception {
    private static final long serialVersionUID = 1L;

    private final int status;

    HttpParseException(int status, String reason) {
        super(reason, null, false, false);
        this.status = status;
    }

    static HttpParseException badRequest(String reason) {
        return new HttpParseException(400, reason);
    }

    int status() {
        return status;
    }

    String reason() {
        return getMessage();
    }
}
