package dev.gyre.files;

import dev.gyre.middleware.ContentCoding;
import dev.gyre.files.internal.FileServing;
import dev.gyre.handler.internal.PathFilters;
import dev.gyre.http.HttpHandler;
import dev.gyre.http.Request;
import dev.gyre.http.Response;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.function.Function;

/**
 * A tree of files to serve: a folder on disk ({@link #directory}) or on the class path ({@link #classpath}),
 * mounted with {@code Gyre.builder().staticFiles("/static", files)}. See {@code docs/static-files.md}.
 *
 * <p>Both kinds share how a path is looked up, so they answer alike:
 * <ul>
 *   <li>{@code a/b.css} is the file; a folder of that name redirects to {@code a/b.css/} when it holds an
 *       {@code index.html}, else it is missing;</li>
 *   <li>{@code a/} and the empty path (the mount point with its slash) mean {@code a/index.html} and
 *       {@code index.html}; there are no folder listings;</li>
 *   <li>a segment that starts with a dot (hidden files, {@code .}, {@code ..}), an empty segment, a backslash
 *       or a NUL make a path missing: it can neither leave the root nor reveal {@code .git} or {@code .env};</li>
 *   <li>when precompressed siblings lie beside {@code x} ({@code x.br}, {@code x.zst}, {@code x.gz}), the one
 *       whose coding the client's {@code Accept-Encoding} weights highest (br, then zstd, then gzip on a
 *       tie) is served as {@code x} with its {@code Content-Encoding}; no sibling acceptable, {@code x}
 *       itself.</li>
 * </ul>
 * Looking up may block (disk, jar), so it is done on the blocking executor. Implementations are thread-safe.
 */
public abstract sealed class StaticFiles permits DirectoryFiles, ClasspathResources {
    /** Browsers revalidate every time, which costs a {@code 304} when nothing changed. */
    public static final String DEFAULT_CACHE_CONTROL = "no-cache";
    static final String INDEX = "index.html";
    /** The codings whose siblings are looked for, in the order preferred on a tie: the smallest first. */
    static final List<ContentCoding> SIBLINGS = List.of(ContentCoding.BROTLI, ContentCoding.ZSTD, ContentCoding.GZIP);

    static {
        FileServing.install(new FileServing.Access() {
            @Override
            public HttpHandler mount(String prefix, StaticFiles files, Executor blocking, HttpHandler next,
                                     PathFilters filters) {
                return new StaticFilesHandler(prefix, files, blocking, next, filters);
            }

            @Override
            public Function<Request, Response> fixed(byte[] body, String contentType, String cacheControl) {
                return StaticContent.of(body, contentType, cacheControl)::respond;
            }
        });
    }

    /** What a path names. */
    enum Kind { FILE, FOLDER, MISSING }

    /** The outcome of {@link #lookup}. */
    sealed interface Lookup {
        record Found(Representation representation) implements Lookup {
        }

        /** A folder holding an index, asked for without the trailing slash its relative links need. */
        record AddSlash() implements Lookup {
        }

        record Missing() implements Lookup {
        }
    }

    final String cacheControl;

    StaticFiles(String cacheControl) {
        this.cacheControl = Objects.requireNonNull(cacheControl, "cacheControl");
    }

    /**
     * The files under {@code root} (which must be a folder; it is resolved once, here, so a symbolic link as
     * the root itself is fine), sent with zero-copy {@code transferTo}, with
     * {@code Cache-Control: no-cache}.
     *
     * @throws IllegalArgumentException when {@code root} is not a readable folder
     */
    public static StaticFiles directory(Path root) {
        return directory(root, DEFAULT_CACHE_CONTROL);
    }

    /**
     * @param cacheControl the {@code Cache-Control} of every file, e.g.
     *                     {@code public, max-age=31536000, immutable} for file names that carry a version
     */
    public static StaticFiles directory(Path root, String cacheControl) {
        return new DirectoryFiles(root, cacheControl);
    }

    /**
     * The resources under {@code folder} of the class path that loaded Gyre, read once and kept in memory,
     * with {@code Cache-Control: no-cache}.
     */
    public static StaticFiles classpath(String folder) {
        return new ClasspathResources(StaticFiles.class.getClassLoader(), folder, DEFAULT_CACHE_CONTROL);
    }

    /**
     * Looks up a request path below the mount point: percent-decoded, {@code ""} for the mount point itself,
     * else starting with {@code /}; one ending with {@code /} names a folder's index. Blocking.
     *
     * @param acceptEncoding the request's {@code Accept-Encoding}, or {@code null}
     */
    final Lookup lookup(String path, String acceptEncoding) throws IOException {
        if (path.isEmpty()) {
            return kind(INDEX) == Kind.FILE ? new Lookup.AddSlash() : new Lookup.Missing();
        }
        String relative = path.substring(1);
        if (path.charAt(0) != '/' || !isSafe(relative)) {
            return new Lookup.Missing();
        }
        if (relative.isEmpty() || relative.endsWith("/")) {
            return found(open(relative + INDEX, acceptEncoding));
        }
        return switch (kind(relative)) {
            case FILE -> found(open(relative, acceptEncoding));
            case FOLDER -> kind(relative + "/" + INDEX) == Kind.FILE ? new Lookup.AddSlash() : new Lookup.Missing();
            case MISSING -> new Lookup.Missing();
        };
    }

    private static Lookup found(Representation representation) {
        return representation == null ? new Lookup.Missing() : new Lookup.Found(representation);
    }

    /** What {@code path} (safe, no trailing slash) names. */
    abstract Kind kind(String path) throws IOException;

    /**
     * The regular file at {@code path} (safe, no trailing slash), or the sibling of it that
     * {@code acceptEncoding} chooses among those there are; {@code null} when it is not a regular file.
     */
    abstract Representation open(String path, String acceptEncoding) throws IOException;

    /**
     * Whether a decoded relative path stays below the root and out of hidden files: no segment is empty
     * (except the last, which marks a folder), starts with a dot, or holds a backslash or a NUL.
     */
    static boolean isSafe(String path) {
        if (path.indexOf('\\') >= 0 || path.indexOf('\0') >= 0) {
            return false;
        }
        int start = 0;
        while (start < path.length()) {
            int slash = path.indexOf('/', start);
            int end = slash < 0 ? path.length() : slash;
            if (end == start || path.charAt(start) == '.') {
                return false;
            }
            start = end + 1;
        }
        return true;
    }
}
