package dev.gyre.multipart;

import java.util.List;
import java.util.Map;

/**
 * The head of one part of a {@code multipart/form-data} body (RFC 7578 §4.2): the form field's name and, for a
 * file, the file name exactly as the client sent it. The file name is data, never a path: Gyre does not use it
 * to name anything on disk, and neither should a handler without cleaning it.
 *
 * @param name        the {@code name} parameter of {@code Content-Disposition: form-data}
 * @param filename    the {@code filename} parameter, or {@code null} for a text field
 * @param contentType the part's {@code Content-Type}, or {@code text/plain} when it has none (RFC 7578 §4.4)
 * @param headers     every header field of the part by name, case-insensitive, each with its values in order;
 *                    read-only. Values are UTF-8 text as sent (RFC 7578 §5.1 lets a file name be non-ASCII).
 */
public record PartHead(String name, String filename, String contentType, Map<String, List<String>> headers) {

    /** The first value of the header field, or {@code null}. */
    public String header(String field) {
        List<String> values = headers.get(field);
        return values == null ? null : values.getFirst();
    }

    /** Whether the part is a file: it has a {@code filename} parameter, even an empty one. */
    public boolean isFile() {
        return filename != null;
    }
}
