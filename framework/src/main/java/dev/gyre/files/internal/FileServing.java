package dev.gyre.files.internal;

import dev.gyre.files.StaticFiles;
import dev.gyre.handler.internal.PathFilters;
import dev.gyre.http.HttpHandler;
import dev.gyre.http.Request;
import dev.gyre.http.Response;
import dev.gyre.http.internal.Lent;
import java.util.concurrent.Executor;
import java.util.function.Function;

/**
 * What the rest of the framework uses of {@code dev.gyre.files} beyond its API: the handler that serves a
 * {@link StaticFiles} mount (for the builder) and a fixed body with the static-file rules (for the OpenAPI
 * document and the Swagger UI page). Both are package-private there; {@link StaticFiles} lends their factories
 * here when it is initialised, and this package is not exported.
 */
public final class FileServing {
    private static final Lent<Access> ACCESS = new Lent<>(StaticFiles.class);

    private FileServing() {
    }

    /** What {@code dev.gyre.files} lends. */
    public interface Access {
        HttpHandler mount(String prefix, StaticFiles files, Executor blocking, HttpHandler next, PathFilters filters);

        Function<Request, Response> fixed(byte[] body, String contentType, String cacheControl);
    }

    /** Called once, by {@link StaticFiles}'s static initialiser. */
    public static void install(Access access) {
        ACCESS.lend(access);
    }

    /**
     * A handler that serves {@code files} below {@code prefix} and hands everything else to {@code next}.
     *
     * @param prefix   where the files appear: {@code /} or a path such as {@code /static} of unreserved
     *                 characters (no escapes), without a trailing slash
     * @param blocking where files are looked up and opened
     * @param filters  the filters registered on the server, run around each answer of this mount
     * @throws IllegalArgumentException for a prefix that is not such a path
     */
    public static HttpHandler mount(String prefix, StaticFiles files, Executor blocking, HttpHandler next,
                                    PathFilters filters) {
        return ACCESS.get().mount(prefix, files, blocking, next, filters);
    }

    /**
     * The answer to a {@code GET} or {@code HEAD} of a body that does not change while the server runs:
     * {@code 200}, {@code 304} when the client's copy is current (a strong {@code ETag} digested from the
     * bytes), {@code 206} for a single {@code Range}. Thread-safe.
     *
     * @param body the bytes, owned by the answer from now on: not to be changed by the caller
     */
    public static Function<Request, Response> fixed(byte[] body, String contentType, String cacheControl) {
        return ACCESS.get().fixed(body, contentType, cacheControl);
    }
}
