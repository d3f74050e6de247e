package dev.gyre.files;

import dev.gyre.http.ErrorResponse;
import dev.gyre.http.Request;
import dev.gyre.http.Response;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLConnection;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Serves the files under one folder of the class path (a webjar's {@code META-INF/resources/...}, an
 * application's bundled assets) as {@link StaticContent}: content type by extension, {@code ETag} and
 * {@code 304}, {@code Cache-Control}, {@code HEAD}.
 *
 * <pre>{@code
 * ClasspathResources assets = new ClasspathResources(loader, "META-INF/resources/webjars/swagger-ui/5.29.3", "no-cache");
 * @Get("/docs/{file}")
 * public Response asset(Request request, @PathParam String file) { return assets.serve(request, file); }
 * }</pre>
 *
 * <h2>What is never served</h2>
 * A path that could leave the root answers {@code 404}, the same as a missing file, so that a prober learns
 * nothing: a segment that is empty, {@code .} or {@code ..}; a backslash or a NUL; and any request whose raw
 * path holds an encoded slash or backslash ({@code %2F}, {@code %5C}), which the router would otherwise decode
 * into a separator inside one segment. Folders are not served either.
 *
 * <h2>Caching and threads</h2>
 * A file is read on its first request and kept in memory from then on, so the class path is read at most once
 * per file and the cache can hold no more than the folder holds; misses are not remembered. The first read may
 * block on a jar, so {@link #serve} belongs in a blocking handler, not a {@code @NonBlocking} one. Thread-safe.
 */
public final class ClasspathResources {
    private final ClassLoader loader;
    private final String root;
    private final String cacheControl;
    private final ConcurrentHashMap<String, StaticContent> cache = new ConcurrentHashMap<>();

    /**
     * @param root         the folder on the class path, without leading or trailing slash
     * @param cacheControl the {@code Cache-Control} of every file, e.g. {@code no-cache}
     */
    public ClasspathResources(ClassLoader loader, String root, String cacheControl) {
        this.loader = Objects.requireNonNull(loader, "loader");
        this.root = strip(Objects.requireNonNull(root, "root"));
        this.cacheControl = Objects.requireNonNull(cacheControl, "cacheControl");
    }

    /**
     * The file at {@code path} (relative to the root, {@code /}-separated, already percent-decoded), or a
     * {@code 404} with the framework's error body.
     */
    public Response serve(Request request, String path) {
        if (hasEncodedSeparator(request.path())) {
            return notFound();
        }
        return find(path).map(content -> content.respond(request)).orElseGet(ClasspathResources::notFound);
    }

    /** The file at {@code path}, read and cached on the first call, or empty if it is missing or unsafe. */
    public Optional<StaticContent> find(String path) {
        if (!isSafe(path)) {
            return Optional.empty();
        }
        StaticContent cached = cache.get(path);
        if (cached != null) {
            return Optional.of(cached);
        }
        URL url = loader.getResource(root.isEmpty() ? path : root + "/" + path);
        if (url == null || isFolder(url)) {
            return Optional.empty();
        }
        StaticContent content = StaticContent.of(read(url), MediaTypes.forFileName(path), cacheControl);
        StaticContent raced = cache.putIfAbsent(path, content);
        return Optional.of(raced != null ? raced : content);
    }

    static boolean isSafe(String path) {
        if (path == null || path.isEmpty() || path.indexOf('\\') >= 0 || path.indexOf('\0') >= 0) {
            return false;
        }
        for (String segment : path.split("/", -1)) {
            if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
                return false;
            }
        }
        return true;
    }

    private static boolean hasEncodedSeparator(String rawPath) {
        String lower = rawPath.toLowerCase(Locale.ROOT);
        return lower.contains("%2f") || lower.contains("%5c");
    }

    private static boolean isFolder(URL url) {
        try {
            if (url.getProtocol().equals("file")) {
                return Files.isDirectory(Path.of(url.toURI()));
            }
            URLConnection connection = url.openConnection();
            return connection instanceof JarURLConnection jar && jar.getJarEntry() != null
                    && jar.getJarEntry().isDirectory();
        } catch (IOException | URISyntaxException e) {
            return true;
        }
    }

    private static byte[] read(URL url) {
        try {
            URLConnection connection = url.openConnection();
            connection.setUseCaches(false);
            try (InputStream in = connection.getInputStream()) {
                return in.readAllBytes();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + url, e);
        }
    }

    private static Response notFound() {
        return ErrorResponse.of(404, "Not Found");
    }

    private static String strip(String path) {
        int start = 0;
        int end = path.length();
        while (start < end && path.charAt(start) == '/') {
            start++;
        }
        while (end > start && path.charAt(end - 1) == '/') {
            end--;
        }
        return path.substring(start, end);
    }
}
