package dev.gyre.multipart;

/**
 * A {@code multipart/form-data} body that cannot be accepted: malformed ({@code 400}: no boundary, a part
 * without a name, a body that ends before its closing boundary) or too large ({@code 413}: a limit of
 * {@link MultipartLimits}, the part named). The handler layer answers it with its status and
 * {@code {"detail": message}}; it is an answer, not a failure, so it is not logged.
 */
public final class MultipartException extends RuntimeException {
    private final int status;

    MultipartException(int status, String message) {
        super(message, null, false, false);
        this.status = status;
    }

    static MultipartException malformed(String message) {
        return new MultipartException(400, "malformed multipart body: " + message);
    }

    static MultipartException tooLarge(String message) {
        return new MultipartException(413, message);
    }

    /** {@code 400} or {@code 413}. */
    public int status() {
        return status;
    }
}
