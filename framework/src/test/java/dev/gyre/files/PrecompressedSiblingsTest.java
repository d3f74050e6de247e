package dev.gyre.files;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.aayushatharva.brotli4j.Brotli4jLoader;
import com.aayushatharva.brotli4j.encoder.Encoder;
import com.github.luben.zstd.Zstd;
import dev.gyre.files.RawHttp.Reply;
import dev.gyre.server.Gyre;
import dev.gyre.server.GyreServer;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code .br}, {@code .zst} and {@code .gz} siblings, from disk ({@code /disk}) and from the class path
 * ({@code /cp}), over real sockets: the one the client weights highest is sent, the smallest on a tie.
 */
class PrecompressedSiblingsTest {
    static final String CSS = "body { margin: 0; padding: 0; color: #333; }\n".repeat(50);
    private static Path root;
    private static GyreServer server;
    private static URLClassLoader loader;

    @BeforeAll
    static void start(@org.junit.jupiter.api.io.TempDir Path tmp) throws Exception {
        Brotli4jLoader.ensureAvailability();
        root = Files.createDirectories(tmp.resolve("site"));
        byte[] css = CSS.getBytes(StandardCharsets.UTF_8);
        Files.write(root.resolve("all.css"), css);
        Files.write(root.resolve("all.css.br"), Encoder.compress(css, new Encoder.Parameters().setQuality(11)));
        Files.write(root.resolve("all.css.zst"), Zstd.compress(css, 19));
        Files.write(root.resolve("all.css.gz"), FilesFixture.gzip(css));
        Files.write(root.resolve("gz-only.css"), css);
        Files.write(root.resolve("gz-only.css.gz"), FilesFixture.gzip(css));
        loader = new URLClassLoader(new URL[] {tmp.toUri().toURL()}, null);
        server = Gyre.builder().port(0)
                .staticFiles("/disk", StaticFiles.directory(root))
                .staticFiles("/cp", new ClasspathResources(loader, "site", "no-cache"))
                .start();
    }

    @AfterAll
    static void stop() throws Exception {
        server.stop();
        loader.close();
    }

    private static Reply get(String target, String acceptEncoding) throws Exception {
        return acceptEncoding.equals("-") ? RawHttp.exchange(server.port(), "GET", target)
                : RawHttp.exchange(server.port(), "GET", target, "Accept-Encoding: " + acceptEncoding);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "/disk | br;q=1, gzip;q=0.8 | br", "/cp | br;q=1, gzip;q=0.8 | br",
            "/disk | gzip, zstd | zstd", "/cp | gzip, zstd | zstd",
            "/disk | gzip, br, zstd | br", "/cp | gzip, br, zstd | br",
            "/disk | zstd;q=0.5, gzip | gzip", "/cp | zstd;q=0.5, gzip | gzip",
            "/disk | *, br;q=0 | zstd", "/cp | *, br;q=0 | zstd",
            "/disk | x-gzip | gzip", "/cp | x-gzip | gzip"})
    void theSiblingWeightedHighestIsSentAsTheFile(String mount, String acceptEncoding, String coding)
            throws Exception {
        Reply reply = get(mount + "/all.css", acceptEncoding);
        assertEquals(200, reply.status());
        assertEquals(coding, reply.header("Content-Encoding"), acceptEncoding);
        assertEquals("text/css; charset=utf-8", reply.header("Content-Type"));
        assertEquals("Accept-Encoding", reply.header("Vary"));
        String suffix = coding.equals("zstd") ? ".zst" : coding.equals("br") ? ".br" : ".gz";
        assertArrayEquals(Files.readAllBytes(root.resolve("all.css" + suffix)), reply.body());
        if (mount.equals("/disk")) {
            assertEquals(FilesFixture.etagOf(root.resolve("all.css" + suffix), "-" + suffix.substring(1)),
                    reply.header("ETag"), "each coding has its own strong tag");
        }
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"/disk | -", "/cp | -", "/disk | identity", "/cp | identity",
            "/disk | br;q=0, zstd;q=0, gzip;q=0", "/cp | br;q=0, zstd;q=0, gzip;q=0", "/disk | compress",
            "/cp | compress", "/disk | *;q=0", "/cp | *;q=0"})
    void withoutAnAcceptableSiblingTheFileItselfIsSent(String mount, String acceptEncoding) throws Exception {
        Reply reply = get(mount + "/all.css", acceptEncoding);
        assertNull(reply.header("Content-Encoding"));
        assertEquals("Accept-Encoding", reply.header("Vary"));
        assertEquals(CSS, reply.bodyText());
    }

    @ParameterizedTest
    @ValueSource(strings = {"/disk", "/cp"})
    void onlySiblingsThatExistAreOffered(String mount) throws Exception {
        Reply reply = get(mount + "/gz-only.css", "br, zstd");
        assertNull(reply.header("Content-Encoding"), "no .br or .zst beside it");
        assertEquals(CSS, reply.bodyText());
        assertEquals("gzip", get(mount + "/gz-only.css", "br, gzip;q=0.1").header("Content-Encoding"));
    }
}
