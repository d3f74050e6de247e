package dev.gyre.multipart;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * One uploaded file of a {@code multipart/form-data} form (FastAPI's {@code UploadFile}): a handler parameter
 * {@code @Form UploadFile file}, or {@code @Form List<UploadFile> files} for several parts of one name.
 *
 * <p>Its bytes are whole when the handler sees it: up to {@link MultipartLimits#memoryThreshold()} in memory,
 * beyond that in a temporary file that is deleted after the response has been sent (and after the request's
 * background tasks). Keep what must outlive the request with {@link #transferTo(Path)}.
 *
 * <p>{@link #filename()} is what the client sent, unchanged: it may hold {@code ../}, slashes, control characters
 * or be empty. Gyre never uses it as a path; a handler that names a file after it must clean it first.
 * Safe to read from any thread.
 */
public final class UploadFile {
    private final PartHead head;
    private final SpooledContent content;

    UploadFile(PartHead head, SpooledContent content) {
        this.head = head;
        this.content = content;
    }

    /** The form field's name. */
    public String name() {
        return head.name();
    }

    /** The file name as the client sent it (possibly empty); never a path to trust. */
    public String filename() {
        return head.filename();
    }

    /** The part's {@code Content-Type}, or {@code text/plain} when it had none (RFC 7578 §4.4). */
    public String contentType() {
        return head.contentType();
    }

    /** Every header field of the part by name (case-insensitive), read-only. */
    public Map<String, List<String>> headers() {
        return head.headers();
    }

    /** The number of bytes. */
    public long size() {
        return content.size();
    }

    /** A new stream over the bytes from the first, on each call. */
    public InputStream inputStream() throws IOException {
        return content.open();
    }

    /** Copies the bytes to {@code target}, replacing a file that is there. */
    public void transferTo(Path target) throws IOException {
        content.copyTo(target);
    }

    /** Whether the bytes were spooled to a temporary file rather than kept in memory. */
    public boolean isSpooled() {
        return content.spooled();
    }

    @Override
    public String toString() {
        return "UploadFile[" + head.name() + ", " + content.size() + " bytes]";
    }
}
