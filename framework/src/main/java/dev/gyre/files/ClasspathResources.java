package dev.gyre.files;

import dev.gyre.coding.AcceptEncoding;
import dev.gyre.middleware.ContentCoding;
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
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The files under one folder of the class path (a webjar's {@code META-INF/resources/...}, an application's
 * bundled pages), with everything {@link StaticFiles} promises: content type by extension, a strong
 * {@code ETag} with {@code 304}, {@code Range}, {@code HEAD}, {@code index.html}, {@code .br}, {@code .zst} and {@code .gz} siblings.
 *
 * <p>Mounted with {@code Gyre.builder().staticFiles(prefix, files)}, or called from a handler of one's own:
 * <pre>{@code
 * ClasspathResources assets = new ClasspathResources(loader, "META-INF/resources/webjars/swagger-ui/5.29.3", "no-cache");
 * @Get("/docs/{file}")
 * public Response asset(Request request, @PathParam String file) { return assets.serve(request, file); }
 * }</pre>
 *
 * <h2>Caching and threads</h2>
 * A file is read on its first request and kept in memory from then on, together with its precompressed
 * siblings, so the class path is read at most once per file and the cache can hold no more than the folder
 * holds; misses are not remembered. The {@code ETag} is a digest of the bytes, the same on every instance
 * serving the same build; there is no {@code Last-Modified}. Reading may block on a jar, so {@link #serve}
 * belongs in a blocking handler, not a {@code @NonBlocking} one. Thread-safe.
 */
public final class ClasspathResources extends StaticFiles {
    private final ClassLoader loader;
    private final String root;
    private final ConcurrentHashMap<String, Variants> cache = new ConcurrentHashMap<>();

    /**
     * A cached file and its precompressed siblings.
     *
     * @param codings the siblings' codings, in {@link StaticFiles#SIBLINGS}' order
     */
    private record Variants(StaticContent identity, Map<ContentCoding, StaticContent> siblings,
                            List<ContentCoding> codings) {
    }

    /**
     * @param root         the folder on the class path; leading and trailing slashes are ignored
     * @param cacheControl the {@code Cache-Control} of every file, e.g. {@code no-cache}
     */
    public ClasspathResources(ClassLoader loader, String root, String cacheControl) {
        super(cacheControl);
        this.loader = Objects.requireNonNull(loader, "loader");
        this.root = strip(Objects.requireNonNull(root, "root"));
    }

    /**
     * The answer for the file at {@code path} (relative to the root, {@code /}-separated, already
     * percent-decoded), or a {@code 404} with the framework's error body. A request whose raw path holds an
     * encoded slash or backslash ({@code %2F}, {@code %5C}) is refused too: the router would have decoded it
     * into a separator inside one segment.
     */
    public Response serve(Request request, String path) {
        if (RequestPaths.hasEncodedSeparator(request.path())) {
            return notFound();
        }
        try {
            return lookup("/" + path, request.header("Accept-Encoding")) instanceof Lookup.Found found
                    ? found.representation().respond(request)
                    : notFound();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    Kind kind(String path) {
        if (cache.containsKey(path)) {
            return Kind.FILE;
        }
        URL url = loader.getResource(resourceName(path));
        return url == null ? Kind.MISSING : isFolder(url) ? Kind.FOLDER : Kind.FILE;
    }

    @Override
    Representation open(String path, String acceptEncoding) {
        Variants variants = cache.get(path);
        if (variants == null) {
            variants = read(path);
            if (variants == null) {
                return null;
            }
            Variants raced = cache.putIfAbsent(path, variants);
            variants = raced != null ? raced : variants;
        }
        ContentCoding chosen = AcceptEncoding.choose(acceptEncoding, variants.codings);
        return chosen != null
                ? variants.siblings.get(chosen).representation(chosen, true)
                : variants.identity.representation(null, !variants.codings.isEmpty());
    }

    private Variants read(String path) {
        URL url = loader.getResource(resourceName(path));
        if (url == null || isFolder(url)) {
            return null;
        }
        String contentType = FileMediaTypes.forFileName(path);
        Map<ContentCoding, StaticContent> siblings = new EnumMap<>(ContentCoding.class);
        List<ContentCoding> codings = new ArrayList<>(SIBLINGS.size());
        for (ContentCoding coding : SIBLINGS) {
            URL sibling = loader.getResource(resourceName(path + coding.suffix()));
            if (sibling != null && !isFolder(sibling)) {
                siblings.put(coding, StaticContent.of(read(sibling), contentType, cacheControl));
                codings.add(coding);
            }
        }
        return new Variants(StaticContent.of(read(url), contentType, cacheControl), siblings, List.copyOf(codings));
    }

    private String resourceName(String path) {
        return root.isEmpty() ? path : root + "/" + path;
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
