package dev.gyre.files;

import dev.gyre.handler.Get;
import dev.gyre.server.Gyre;
import dev.gyre.server.GyreServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPOutputStream;

/**
 * A folder tree with every case the static-files rules name, and a server that mounts it at {@code /static}
 * (and the class path folder {@code files-fixture} at {@code /bundled}) in front of a route below the prefix.
 *
 * <pre>
 *   tmp/outside/secret.txt              what no path may reach
 *   tmp/root/hello.txt                  a..z, mtime {@link #HELLO_MTIME}
 *            app.js, app.js.gz          a file and its gzip sibling
 *            empty.txt, big.bin         0 bytes; {@link #BIG} bytes of noise
 *            index.html, site/index.html, noindex/a.txt
 *            .env, .hidden/inside.txt   hidden
 *            link-in → hello.txt, link-out → ../outside/secret.txt, link-dir-out → ../outside,
 *            link-hidden → .hidden, fifo (a named pipe: opening it would block)
 * </pre>
 */
final class FilesFixture {
    static final String HELLO = "abcdefghijklmnopqrstuvwxyz";
    static final Instant HELLO_MTIME = Instant.parse("2024-01-02T03:04:05.123456789Z");
    static final String HELLO_LAST_MODIFIED = "Tue, 02 Jan 2024 03:04:05 GMT";
    static final String APP_JS = "console.log('served as it is, or from app.js.gz');\n".repeat(20);
    static final int BIG = 20 * 1024 * 1024;

    /** A route below the static prefix, to show that misses reach the routes. */
    public static final class Routes {
        @Get("/static/api/ping")
        public String ping() {
            return "pong";
        }
    }

    private FilesFixture() {
    }

    /** Writes the tree under {@code tmp} and returns the root to serve. */
    static Path create(Path tmp) throws IOException, InterruptedException {
        Path outside = Files.createDirectories(tmp.resolve("outside"));
        Files.writeString(outside.resolve("secret.txt"), "SECRET outside the root");
        Path root = Files.createDirectories(tmp.resolve("root"));
        Files.setLastModifiedTime(Files.writeString(root.resolve("hello.txt"), HELLO), FileTime.from(HELLO_MTIME));
        Files.writeString(root.resolve("app.js"), APP_JS);
        Files.write(root.resolve("app.js.gz"), gzip(APP_JS.getBytes(StandardCharsets.UTF_8)));
        Files.write(root.resolve("empty.txt"), new byte[0]);
        Files.write(root.resolve("big.bin"), big());
        Files.writeString(root.resolve("index.html"), "<h1>root</h1>");
        Files.writeString(Files.createDirectories(root.resolve("site")).resolve("index.html"), "<h1>site</h1>");
        Files.writeString(Files.createDirectories(root.resolve("noindex")).resolve("a.txt"), "a");
        Files.writeString(root.resolve(".env"), "SECRET=hidden");
        Files.writeString(Files.createDirectories(root.resolve(".hidden")).resolve("inside.txt"), "SECRET hidden");
        Files.createSymbolicLink(root.resolve("link-in"), Path.of("hello.txt"));
        Files.createSymbolicLink(root.resolve("link-out"), Path.of("../outside/secret.txt"));
        Files.createSymbolicLink(root.resolve("link-dir-out"), Path.of("../outside"));
        Files.createSymbolicLink(root.resolve("link-hidden"), Path.of(".hidden"));
        Process mkfifo = new ProcessBuilder("mkfifo", root.resolve("fifo").toString()).inheritIO().start();
        if (mkfifo.waitFor() != 0) {
            throw new IOException("mkfifo failed");
        }
        return root;
    }

    static GyreServer start(Path root) {
        return Gyre.builder().port(0).loops(1)
                .staticFiles("/static", StaticFiles.directory(root))
                .staticFiles("/bundled", StaticFiles.classpath("files-fixture"))
                .handlers(new Routes())
                .start();
    }

    /** The strong tag the rules promise for a file on disk: size and modification time in hex. */
    static String etagOf(Path file, String suffix) throws IOException {
        return "\"" + Long.toHexString(Files.size(file)) + "-"
                + Long.toHexString(Files.getLastModifiedTime(file).to(TimeUnit.NANOSECONDS)) + suffix + "\"";
    }

    static byte[] big() {
        byte[] bytes = new byte[BIG];
        new Random(5).nextBytes(bytes);
        return bytes;
    }

    static byte[] gzip(byte[] bytes) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(bytes);
        }
        return out.toByteArray();
    }
}
