package dev.gyre.handler.internal;

import dev.gyre.handler.Form;
import dev.gyre.http.QueryParameters;
import dev.gyre.multipart.MultipartForm;
import dev.gyre.multipart.UploadFile;
import java.util.List;

/**
 * A request's form, whichever way it was sent: {@code application/x-www-form-urlencoded} (text fields only) or
 * {@code multipart/form-data} (text fields and files). What {@link Form} parameters bind from.
 */
final class FormBody {
    private final QueryParameters encoded;
    private final MultipartForm multipart;

    private FormBody(QueryParameters encoded, MultipartForm multipart) {
        this.encoded = encoded;
        this.multipart = multipart;
    }

    static FormBody encoded(QueryParameters fields) {
        return new FormBody(fields, null);
    }

    static FormBody multipart(MultipartForm form) {
        return new FormBody(null, form);
    }

    String first(String name) {
        List<String> values = all(name);
        return values.isEmpty() ? null : values.getFirst();
    }

    List<String> all(String name) {
        return encoded != null ? encoded.all(name) : multipart.fields(name);
    }

    /** The uploads of this name; always empty for an url-encoded form. */
    List<UploadFile> files(String name) {
        return multipart == null ? List.of() : multipart.files(name);
    }

    /** Whether temporary files wait to be deleted by {@link #close()}. */
    boolean hasFiles() {
        return multipart != null && multipart.hasFiles();
    }

    void close() {
        if (multipart != null) {
            multipart.close();
        }
    }
}
