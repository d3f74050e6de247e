package dev.gyre.files;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gyre.files.RawHttp.Reply;
import dev.gyre.handler.internal.PathFilters;
import dev.gyre.server.GyreServer;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What a mount does not serve, how folders answer, and that everything it does not answer reaches the
 * routes, over real sockets; also the class path mount.
 */
class StaticFilesSafetyTest {
    @TempDir
    static Path tmp;
    private static GyreServer server;

    @BeforeAll
    static void start() throws Exception {
        server = FilesFixture.start(FilesFixture.create(tmp));
    }

    @AfterAll
    static void stop() {
        server.stop();
    }

    private static Reply get(String target, String... headers) throws IOException {
        return RawHttp.exchange(server.port(), "GET", target, headers);
    }

    /** Each is the routes' ordinary 404: the mount let it through, and no route serves it. */
    @ParameterizedTest
    @ValueSource(strings = {
            "/static/../outside/secret.txt",
            "/static/%2e%2e/outside/secret.txt",
            "/static/%2E%2E/outside/secret.txt",
            "/static/..%2Foutside%2Fsecret.txt",
            "/static/%2e%2e%2foutside%2fsecret.txt",
            "/static/..%5Coutside%5Csecret.txt",
            "/static/site%2Findex.html",
            "/static/./hello.txt",
            "/static/link-out",
            "/static/link-dir-out/secret.txt",
            "/static/.env",
            "/static/%2eenv",
            "/static/.hidden/inside.txt",
            "/static/link-hidden/inside.txt",
            "/static/app.js.gz/",
            "/static/hello.txt/",
            "/static//hello.txt",
            "/static/hello.txt%00",
            "/static/hello%ff.txt",
            "/static/noindex/",
            "/static/noindex",
            "/static/fifo",
            "/static/missing.txt",
            "/staticx/hello.txt"})
    void nothingOutsideTheRootNorHiddenIsServed(String target) throws Exception {
        Reply reply = get(target);
        assertEquals(404, reply.status(), target);
        assertEquals("{\"detail\":\"Not Found\"}", reply.bodyText(), target);
        assertEquals("application/json", reply.header("Content-Type"));
    }

    @ParameterizedTest
    @CsvSource({"/static/link-in, abcdefghijklmnopqrstuvwxyz", "/static/h%65llo.txt, abcdefghijklmnopqrstuvwxyz",
            "/static/noindex/a.txt, a", "/static/hello.txt?v=3, abcdefghijklmnopqrstuvwxyz"})
    void linksInsideTheRootAndEscapedNamesAreServed(String target, String body) throws Exception {
        Reply reply = get(target);
        assertEquals(200, reply.status(), target);
        assertEquals(body, reply.bodyText());
    }

    @Test
    void aFolderWithAnIndexIsServedAtItsSlash() throws Exception {
        Reply site = get("/static/site/");
        assertEquals(200, site.status());
        assertEquals("<h1>site</h1>", site.bodyText());
        assertEquals("text/html; charset=utf-8", site.header("Content-Type"));
        assertEquals("<h1>root</h1>", get("/static/").bodyText());
    }

    @ParameterizedTest
    @CsvSource({"/static/site, /static/site/", "/static/site?lang=en, /static/site/?lang=en",
            "/static, /static/"})
    void aFolderWithoutItsSlashIsRedirected(String target, String location) throws Exception {
        Reply reply = get(target);
        assertEquals(301, reply.status());
        assertEquals(location, reply.header("Location"));
        assertEquals("0", reply.header("Content-Length"));
    }

    @Test
    void whatTheMountDoesNotAnswerReachesTheRoutes() throws Exception {
        assertEquals("pong", get("/static/api/ping").bodyText(), "a route below the prefix");
        Reply post = RawHttp.exchange(server.port(), "POST", "/static/api/ping", "Content-Length: 0");
        assertEquals(405, post.status(), "only GET and HEAD are the mount's");
        assertEquals("GET, HEAD, OPTIONS", post.header("Allow"));
        assertEquals(404, RawHttp.exchange(server.port(), "DELETE", "/static/hello.txt").status());
        assertEquals(400, get("/static/hello%2").status(), "a malformed escape: the router's answer");
    }

    @Test
    void theClassPathMountFollowsTheSameRules() throws Exception {
        Reply hello = get("/bundled/hello.txt");
        assertEquals(200, hello.status());
        assertEquals("Hello, files!\n", hello.bodyText());
        assertTrue(hello.header("ETag").matches("\"[A-Za-z0-9_-]{22}\""), "a digest of the bytes");
        assertEquals(null, hello.header("Last-Modified"));
        Reply part = get("/bundled/hello.txt", "Range: bytes=-7");
        assertEquals(206, part.status());
        assertEquals("bytes 7-13/14", part.header("Content-Range"));
        assertEquals("files!\n", part.bodyText());
        assertEquals(304, get("/bundled/hello.txt", "If-None-Match: " + hello.header("ETag")).status());
        assertEquals("export const deep = true;\n", get("/bundled/nested/deep.js").bodyText());
        assertEquals(404, get("/bundled/nested").status());
        assertEquals(404, get("/bundled/../files-secret.txt").status());
        assertFalse(get("/bundled/%2e%2e/files-secret.txt").bodyText().contains("secret"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"static", "/static/", "/a//b", "/a/../b", "/%41", "/a b", ""})
    void aPrefixMustBeAPlainPath(String prefix) {
        assertThrows(IllegalArgumentException.class,
                () -> new StaticFilesHandler(prefix, StaticFiles.classpath("x"), Runnable::run, exchange -> { },
                        PathFilters.none()));
    }
}
