package dev.gyre.multipart;

import dev.gyre.loop.BufferBudget;
import dev.gyre.multipart.internal.BudgetedForms;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * A whole {@code multipart/form-data} form: its text fields and its files, read from a (possibly still arriving)
 * body with a {@link MultipartParser}. What blocking routes with {@code @Form} parameters bind from.
 *
 * <p>{@link #close()} deletes the temporary files of the form's uploads; the handler layer calls it once the
 * response has been sent. A form that fails to parse deletes what it spooled before the failure is thrown.
 */
public final class MultipartForm implements AutoCloseable {
    private static final int READ_SIZE = 16 * 1024;

    private final Map<String, List<String>> fields;
    private final Map<String, List<UploadFile>> files;
    private final List<SpooledContent> spools;

    static {
        BudgetedForms.install(MultipartForm::read);
    }

    private MultipartForm(FormCollector collected) {
        this.fields = Collections.unmodifiableMap(collected.fields());
        this.files = Collections.unmodifiableMap(collected.files());
        this.spools = collected.spools();
    }

    /**
     * Reads the form from {@code body} to its end, blocking while it arrives.
     *
     * @throws MultipartException  for a malformed form or a crossed limit
     * @throws IOException          when the body cannot be read (the client left, the body broke its framing)
     * @throws UncheckedIOException when a temporary file cannot be written (a full disk: the server's failure)
     */
    public static MultipartForm read(InputStream body, String contentType, MultipartLimits limits)
            throws IOException {
        return read(body, contentType, limits, BufferBudget.UNLIMITED);
    }

    /** As the public read, reserving the file bytes kept in memory from {@code budget} until {@link #close()}. */
    static MultipartForm read(InputStream body, String contentType, MultipartLimits limits,
                              BufferBudget budget) throws IOException {
        FormCollector collector = new FormCollector(limits.memoryThreshold(), limits.maxFormMemory(), budget);
        MultipartParser parser = new MultipartParser(MultipartParser.boundaryOf(contentType), limits, collector);
        try {
            byte[] buffer = new byte[READ_SIZE];
            for (int n; (n = body.read(buffer)) >= 0; ) {
                spool(parser, ByteBuffer.wrap(buffer, 0, n));
            }
            parser.finish();
            return new MultipartForm(collector);
        } catch (IOException | RuntimeException e) {
            IOException undeleted = deleteAll(collector.spools());
            if (undeleted != null) {
                e.addSuppressed(undeleted);
            }
            throw e;
        }
    }

    /** Feeds the parser; a failure to write a temporary file is the server's, not the request's. */
    private static void spool(MultipartParser parser, ByteBuffer piece) {
        try {
            parser.feed(piece);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot spool an upload to a temporary file", e);
        }
    }

    /** The values of the text fields of this name, in order; empty when there is none. */
    public List<String> fields(String name) {
        return fields.getOrDefault(name, List.of());
    }

    /** The files of this name, in order; empty when there is none. */
    public List<UploadFile> files(String name) {
        return files.getOrDefault(name, List.of());
    }

    /** Every text field by name. */
    public Map<String, List<String>> fields() {
        return fields;
    }

    /** Whether any upload may hold a temporary file that {@link #close()} must delete. */
    public boolean hasFiles() {
        return !spools.isEmpty();
    }

    /** Deletes every temporary file of this form. Idempotent. */
    @Override
    public void close() {
        IOException undeleted = deleteAll(spools);
        if (undeleted != null) {
            throw new UncheckedIOException("cannot delete a temporary upload file", undeleted);
        }
    }

    /** Deletes every spool, trying all of them; the first failure (others suppressed in it), or {@code null}. */
    private static IOException deleteAll(List<SpooledContent> spools) {
        IOException failure = null;
        for (SpooledContent spool : spools) {
            try {
                spool.delete();
            } catch (IOException e) {
                if (failure == null) {
                    failure = e;
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        return failure;
    }
}
