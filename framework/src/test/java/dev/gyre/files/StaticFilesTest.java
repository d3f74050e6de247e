package dev.gyre.files;

import static dev.gyre.files.FilesFixture.HELLO;
import static dev.gyre.files.FilesFixture.HELLO_LAST_MODIFIED;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.gyre.files.RawHttp.Reply;
import dev.gyre.server.GyreServer;
import dev.gyre.support.Curl;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Arrays;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Files from disk over real sockets: exact heads and bytes for validators, conditionals, ranges, gzip. */
class StaticFilesTest {
    @TempDir
    static Path tmp;
    private static Path root;
    private static GyreServer server;
    private static String helloTag;

    @BeforeAll
    static void start() throws Exception {
        root = FilesFixture.create(tmp);
        server = FilesFixture.start(root);
        helloTag = FilesFixture.etagOf(root.resolve("hello.txt"), "");
    }

    @AfterAll
    static void stop() {
        server.stop();
    }

    private static Reply get(String target, String... headers) throws IOException {
        return RawHttp.exchange(server.port(), "GET", target, headers);
    }

    @Test
    void aFileComesWithItsTypeAndValidators() throws Exception {
        Reply reply = get("/static/hello.txt");
        assertEquals("""
                HTTP/1.1 200 OK
                Content-Type: text/plain; charset=utf-8
                Accept-Ranges: bytes
                Last-Modified: %s
                ETag: %s
                Cache-Control: no-cache
                X-Content-Type-Options: nosniff
                Server: gyre
                Content-Length: 26
                Connection: close
                """.formatted(HELLO_LAST_MODIFIED, helloTag), reply.headWithoutDate());
        assertEquals(HELLO, reply.bodyText());
        assertEquals("\"1a-17a668b7375cff15\"", helloTag, "size 26 and mtime 1704164645123456789 ns, in hex");
    }

    @ParameterizedTest
    @CsvSource({"/static/app.js, text/javascript; charset=utf-8", "/static/big.bin, application/octet-stream",
            "/static/site/, text/html; charset=utf-8", "/static/app.js.gz, application/gzip"})
    void theContentTypeGoesByExtension(String target, String type) throws Exception {
        assertEquals(type, get(target).header("Content-Type"));
    }

    @Test
    void headSendsTheHeadOfGetAndNoBody() throws Exception {
        Reply head = RawHttp.exchange(server.port(), "HEAD", "/static/hello.txt");
        assertEquals(get("/static/hello.txt").headWithoutDate(), head.headWithoutDate());
        assertEquals(0, head.body().length);
        Reply ranged = RawHttp.exchange(server.port(), "HEAD", "/static/hello.txt", "Range: bytes=0-0");
        assertEquals(200, ranged.status(), "Range is defined for GET only (RFC 9110 §14.2)");
        assertEquals("26", ranged.header("Content-Length"));
        assertEquals(0, ranged.body().length);
    }

    @Test
    void aMatchingEntityTagAnswersNotModified() throws Exception {
        Reply reply = get("/static/hello.txt", "If-None-Match: \"other\", " + helloTag);
        assertEquals("""
                HTTP/1.1 304 Not Modified
                ETag: %s
                Cache-Control: no-cache
                Server: gyre
                Connection: close
                """.formatted(helloTag), reply.headWithoutDate());
        assertEquals(0, reply.body().length);
        assertEquals(304, get("/static/hello.txt", "If-None-Match: W/" + helloTag).status(), "weak comparison");
        assertEquals(304, get("/static/hello.txt", "If-None-Match: *").status());
        assertEquals(200, get("/static/hello.txt", "If-None-Match: \"other\"").status());
        assertEquals(304, RawHttp.exchange(server.port(), "HEAD", "/static/hello.txt",
                "If-None-Match: " + helloTag).status());
    }

    @Test
    void ifModifiedSinceAnswersNotModifiedUnlessTheFileIsNewer() throws Exception {
        assertEquals(304, get("/static/hello.txt", "If-Modified-Since: " + HELLO_LAST_MODIFIED).status());
        assertEquals(304, get("/static/hello.txt", "If-Modified-Since: Wed, 03 Jan 2024 00:00:00 GMT").status());
        assertEquals(200, get("/static/hello.txt", "If-Modified-Since: Tue, 02 Jan 2024 03:04:04 GMT").status());
        assertEquals(200, get("/static/hello.txt", "If-Modified-Since: yesterday").status(), "invalid: ignored");
        assertEquals(200, get("/static/hello.txt", "If-None-Match: \"other\"",
                "If-Modified-Since: " + HELLO_LAST_MODIFIED).status(), "If-None-Match decides when present");
    }

    @Test
    void failedPreconditionsAnswer412() throws Exception {
        assertEquals(412, get("/static/hello.txt", "If-Match: \"other\"").status());
        assertEquals(412, get("/static/hello.txt", "If-Match: W/" + helloTag).status(), "If-Match is strong");
        assertEquals(200, get("/static/hello.txt", "If-Match: " + helloTag).status());
        assertEquals(412, get("/static/hello.txt", "If-Unmodified-Since: Mon, 01 Jan 2024 00:00:00 GMT").status());
        assertEquals(200, get("/static/hello.txt", "If-Unmodified-Since: " + HELLO_LAST_MODIFIED).status());
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "bytes=0-0      | 0-0/26   | a",
            "bytes=-5       | 21-25/26 | vwxyz",
            "bytes=5-       | 5-25/26  | fghijklmnopqrstuvwxyz",
            "bytes=3-7      | 3-7/26   | defgh",
            "bytes=20-1000  | 20-25/26 | uvwxyz",
            "bytes=-1000    | 0-25/26  | abcdefghijklmnopqrstuvwxyz",
            "BYTES=25-25    | 25-25/26 | z",
            "bytes=2-2,     | 2-2/26   | c",
            "bytes=99999999999999999999999-0 | | ",
    })
    void aSingleRangeIsPartialContent(String range, String contentRange, String body) throws Exception {
        Reply reply = get("/static/hello.txt", "Range: " + range);
        if (contentRange == null) {
            assertEquals(200, reply.status(), "last before first: invalid, ignored");
            return;
        }
        assertEquals(206, reply.status());
        assertEquals("bytes " + contentRange, reply.header("Content-Range"));
        assertEquals(body, reply.bodyText());
        assertEquals(String.valueOf(body.length()), reply.header("Content-Length"));
        assertEquals(helloTag, reply.header("ETag"));
        assertNull(reply.header("Accept-Ranges"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"bytes=26-", "bytes=30-40", "bytes=-0", "bytes=99999999999999999999999-"})
    void aRangePastTheEndIsNotSatisfiable(String range) throws Exception {
        Reply reply = get("/static/hello.txt", "Range: " + range);
        assertEquals(416, reply.status());
        assertEquals("bytes */26", reply.header("Content-Range"));
        assertEquals("{\"detail\":\"Range Not Satisfiable\"}", reply.bodyText());
        assertEquals("bytes */0", get("/static/empty.txt", "Range: bytes=0-").header("Content-Range"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"bytes=5-3", "bytes=abc", "items=0-5", "bytes=0-1,3-4", "bytes=", "bytes=--5",
            "bytes 0-5", "bytes=1-2-3", "bytes=0x10-"})
    void anInvalidOrMultipleRangeIsIgnored(String range) throws Exception {
        Reply reply = get("/static/hello.txt", "Range: " + range);
        assertEquals(200, reply.status());
        assertEquals(HELLO, reply.bodyText());
        assertNull(reply.header("Content-Range"));
    }

    @Test
    void ifRangeKeepsTheRangeOnlyForTheSameFile() throws Exception {
        assertEquals(206, get("/static/hello.txt", "Range: bytes=0-0", "If-Range: " + helloTag).status());
        assertEquals(206, get("/static/hello.txt", "Range: bytes=0-0", "If-Range: " + HELLO_LAST_MODIFIED).status());
        Reply changed = get("/static/hello.txt", "Range: bytes=0-0", "If-Range: \"other\"");
        assertEquals(200, changed.status());
        assertEquals(HELLO, changed.bodyText());
        assertEquals(200, get("/static/hello.txt", "Range: bytes=0-0", "If-Range: W/" + helloTag).status(),
                "a weak tag never matches strongly");
        assertEquals(200, get("/static/hello.txt", "Range: bytes=0-0",
                "If-Range: Tue, 02 Jan 2024 03:04:06 GMT").status());
    }

    @Test
    void theGzipSiblingIsSentToClientsThatAcceptGzip() throws Exception {
        byte[] gz = Files.readAllBytes(root.resolve("app.js.gz"));
        String gzTag = FilesFixture.etagOf(root.resolve("app.js.gz"), "-gz");
        Reply zipped = get("/static/app.js", "Accept-Encoding: br, gzip;q=0.8");
        assertEquals("""
                HTTP/1.1 200 OK
                Content-Type: text/javascript; charset=utf-8
                Accept-Ranges: bytes
                Content-Encoding: gzip
                Last-Modified: %s
                ETag: %s
                Cache-Control: no-cache
                Vary: Accept-Encoding
                X-Content-Type-Options: nosniff
                Server: gyre
                Content-Length: %d
                Connection: close
                """.formatted(zipped.header("Last-Modified"), gzTag, gz.length), zipped.headWithoutDate());
        assertArrayEquals(gz, zipped.body());

        for (String accept : new String[] {null, "br", "gzip;q=0", "*;q=0", "identity"}) {
            Reply plain = accept == null ? get("/static/app.js") : get("/static/app.js", "Accept-Encoding: " + accept);
            assertEquals(FilesFixture.APP_JS, plain.bodyText(), "Accept-Encoding: " + accept);
            assertNull(plain.header("Content-Encoding"));
            assertEquals("Accept-Encoding", plain.header("Vary"), "the answer varies with Accept-Encoding");
            assertEquals(FilesFixture.etagOf(root.resolve("app.js"), ""), plain.header("ETag"));
        }
        assertArrayEquals(gz, get("/static/app.js", "Accept-Encoding: *").body());
        Reply current = get("/static/app.js", "Accept-Encoding: gzip", "If-None-Match: " + gzTag);
        assertEquals(304, current.status());
        assertEquals("Accept-Encoding", current.header("Vary"));
        assertArrayEquals(Arrays.copyOfRange(gz, 0, 10),
                get("/static/app.js", "Accept-Encoding: gzip", "Range: bytes=0-9").body(), "ranges of the gzip bytes");

        Reply noSibling = get("/static/hello.txt", "Accept-Encoding: gzip");
        assertEquals(HELLO, noSibling.bodyText());
        assertNull(noSibling.header("Content-Encoding"));
        assertNull(noSibling.header("Vary"), "nothing to vary between");
    }

    /** The open channel goes either to the connection or is closed: answers without a body leak nothing. */
    @Test
    void noFileStaysOpenAfterAnswersWithoutABody() throws Exception {
        Path fds = Path.of("/proc/self/fd");
        assumeTrue(Files.isDirectory(fds), "needs /proc");
        get("/static/hello.txt");
        long before;
        try (var list = Files.list(fds)) {
            before = list.count();
        }
        for (int i = 0; i < 50; i++) {
            assertEquals(304, get("/static/hello.txt", "If-None-Match: " + helloTag).status());
            assertEquals(412, get("/static/hello.txt", "If-Match: \"other\"").status());
            assertEquals(416, get("/static/hello.txt", "Range: bytes=99-").status());
            assertEquals(200, RawHttp.exchange(server.port(), "HEAD", "/static/hello.txt").status());
        }
        try (var list = Files.list(fds)) {
            long after = list.count();
            assertTrue(after < before + 20, "open descriptors grew from " + before + " to " + after);
        }
    }

    @Test
    void aLargeFileArrivesIntact() throws Exception {
        HttpClient client = HttpClient.newHttpClient();
        HttpResponse<byte[]> whole = client.send(HttpRequest.newBuilder(URI.create(server.url() + "/static/big.bin"))
                .build(), HttpResponse.BodyHandlers.ofByteArray());
        byte[] expected = FilesFixture.big();
        assertEquals(200, whole.statusCode());
        assertArrayEquals(sha256(expected), sha256(whole.body()));

        HttpResponse<byte[]> part = client.send(HttpRequest.newBuilder(URI.create(server.url() + "/static/big.bin"))
                .header("Range", "bytes=10000000-18388607").build(), HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(206, part.statusCode());
        assertArrayEquals(sha256(Arrays.copyOfRange(expected, 10_000_000, 18_388_608)), sha256(part.body()));
        assertEquals(200, client.send(HttpRequest.newBuilder(URI.create(server.url() + "/static/hello.txt")).build(),
                HttpResponse.BodyHandlers.ofString()).statusCode(), "the connection goes on after a file");
    }

    @Test
    void curlDecodesTheGzipSiblingToTheFileAndResumesWithARange() throws Exception {
        assertEquals(FilesFixture.APP_JS, new String(Curl.run("--compressed", server.url() + "/static/app.js"),
                StandardCharsets.UTF_8), "the sibling is the gzip of the file");
        Path partial = Files.writeString(tmp.resolve("partial.txt"), HELLO.substring(0, 10));
        Curl.run("-C", "-", "-o", partial.toString(), server.url() + "/static/hello.txt");
        assertEquals(HELLO, Files.readString(partial));
    }

    private static byte[] sha256(byte[] bytes) throws Exception {
        return MessageDigest.getInstance("SHA-256").digest(bytes);
    }
}
