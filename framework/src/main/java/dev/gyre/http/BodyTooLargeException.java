package dev.gyre.http;

import java.io.IOException;

/**
 * A streamed request body passed {@link HttpLimits#maxBodySize()} while the handler was reading it (a chunked
 * body has no length to refuse up front): the reads fail with this, and the answer is {@code 413}.
 */
public final class BodyTooLargeException extends IOException {
    public BodyTooLargeException(String message) {
        super(message);
    }
}
