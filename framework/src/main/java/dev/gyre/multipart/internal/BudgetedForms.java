package dev.gyre.multipart.internal;

import dev.gyre.http.internal.Lent;
import dev.gyre.loop.BufferBudget;
import dev.gyre.multipart.MultipartForm;
import dev.gyre.multipart.MultipartLimits;
import java.io.IOException;
import java.io.InputStream;

/**
 * How the framework's form binder reads a multipart form against the server's buffer budget, which an
 * application never holds. {@link MultipartForm} lends the reader here when it is initialised, and this package
 * is not exported. Called on the handler's thread, which blocks while the body arrives.
 */
public final class BudgetedForms {
    private static final Lent<Reader> ACCESS = new Lent<>(MultipartForm.class);

    private BudgetedForms() {
    }

    /** What {@link MultipartForm} lends. */
    @FunctionalInterface
    public interface Reader {
        MultipartForm read(InputStream body, String contentType, MultipartLimits limits, BufferBudget budget)
                throws IOException;
    }

    /** Called once, by {@link MultipartForm}'s static initialiser. */
    public static void install(Reader reader) {
        ACCESS.lend(reader);
    }

    /**
     * As {@link MultipartForm#read(InputStream, String, MultipartLimits)}, reserving the file bytes kept in
     * memory from {@code budget} until the form is closed; a file the budget cannot hold spools to disk instead.
     */
    public static MultipartForm read(InputStream body, String contentType, MultipartLimits limits,
                                     BufferBudget budget) throws IOException {
        return ACCESS.get().read(body, contentType, limits, budget);
    }
}
