package dev.gyre.files;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gyre.handler.Get;
import dev.gyre.handler.PathParam;
import dev.gyre.http.Request;
import dev.gyre.http.Response;
import dev.gyre.server.Gyre;
import dev.gyre.server.GyreServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** A class path folder served over real sockets: types, validators, HEAD, and every way out of the folder. */
class ClasspathResourcesTest {
    private static GyreServer server;
    private static final HttpClient client = HttpClient.newHttpClient();

    /** Serves {@code files-fixture/} one and two segments deep; {@code files-secret.txt} lies beside it. */
    public static final class FilesHandler {
        private final ClasspathResources files = new ClasspathResources(FilesHandler.class.getClassLoader(),
                "/files-fixture/", "public, max-age=60");

        @Get("/static/{file}")
        public Response one(Request request, @PathParam String file) {
            return files.serve(request, file);
        }

        @Get("/static/{dir}/{file}")
        public Response two(Request request, @PathParam String dir, @PathParam String file) {
            return files.serve(request, dir + "/" + file);
        }
    }

    @BeforeAll
    static void start() {
        server = Gyre.builder().port(0).loops(1).handlers(new FilesHandler()).start();
    }

    @AfterAll
    static void stop() {
        server.stop();
    }

    private static HttpResponse<String> get(String path, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server.url() + path));
        if (headers.length > 0) {
            request.headers(headers);
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void servesFilesWithTheirTypeAndValidators() throws Exception {
        HttpResponse<String> text = get("/static/hello.txt");
        assertEquals(200, text.statusCode());
        assertEquals("Hello, files!\n", text.body());
        assertEquals("text/plain; charset=utf-8", text.headers().firstValue("Content-Type").orElseThrow());
        assertEquals("public, max-age=60", text.headers().firstValue("Cache-Control").orElseThrow());
        assertEquals("nosniff", text.headers().firstValue("X-Content-Type-Options").orElseThrow());
        assertTrue(text.headers().firstValue("ETag").orElseThrow().matches("\"[A-Za-z0-9_-]{22}\""));

        assertEquals("text/css; charset=utf-8", get("/static/style.css").headers().firstValue("Content-Type").orElseThrow());
        HttpResponse<String> nested = get("/static/nested/deep.js");
        assertEquals("export const deep = true;\n", nested.body());
        assertEquals("text/javascript; charset=utf-8", nested.headers().firstValue("Content-Type").orElseThrow());
    }

    @Test
    void aCurrentCopyIsRevalidatedWithNotModified() throws Exception {
        String etag = get("/static/hello.txt").headers().firstValue("ETag").orElseThrow();
        HttpResponse<String> again = get("/static/hello.txt", "If-None-Match", "\"other\", W/" + etag);
        assertEquals(304, again.statusCode());
        assertEquals("", again.body());
        assertEquals(etag, again.headers().firstValue("ETag").orElseThrow());
        assertEquals("public, max-age=60", again.headers().firstValue("Cache-Control").orElseThrow());

        assertEquals(200, get("/static/hello.txt", "If-None-Match", "\"other\"").statusCode());
        assertFalse(etag.equals(get("/static/style.css").headers().firstValue("ETag").orElseThrow()));
    }

    @Test
    void headGetsTheHeadersWithoutTheBody() throws Exception {
        String reply = raw("HEAD /static/hello.txt HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
        assertTrue(reply.startsWith("HTTP/1.1 200"), reply);
        assertTrue(reply.contains("Content-Length: 14\r\n"), reply);
        assertTrue(reply.endsWith("\r\n\r\n"), "no body after the head: " + reply);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "/static/missing.txt",
            "/static/nested",
            "/static/nested/",
            "/static/..%2Ffiles-secret.txt",
            "/static/..%2ffiles-secret.txt",
            "/static/nested%2Fdeep.js",
            "/static/..%5Cfiles-secret.txt",
            "/static/../files-secret.txt",
            "/static/nested/..",
            "/static/./hello.txt",
            "/static/%2E%2E/files-secret.txt"})
    void nothingOutsideTheFolderNorAnyFolderIsServed(String path) throws IOException {
        String reply = raw("GET " + path + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
        assertTrue(reply.startsWith("HTTP/1.1 404"), path + " -> " + reply);
        assertFalse(reply.contains("outside the root"), reply);
    }

    @Test
    void matchesFollowsWeakComparison() {
        assertTrue(Preconditions.anyMatches("*", "\"a\"", false));
        assertTrue(Preconditions.anyMatches("W/\"a\"", "\"a\"", false));
        assertTrue(Preconditions.anyMatches("\"b\" , \"a\"", "\"a\"", false));
        assertFalse(Preconditions.anyMatches("\"ab\"", "\"a\"", false));
    }

    @Test
    void mediaTypesGoByExtension() {
        assertEquals("image/png", FileMediaTypes.forFileName("a/b/LOGO.PNG"));
        assertEquals(FileMediaTypes.DEFAULT, FileMediaTypes.forFileName("v1.2/README"));
        assertEquals(FileMediaTypes.DEFAULT, FileMediaTypes.forFileName("archive.unknown"));
        assertEquals("font/woff2", FileMediaTypes.forFileName("f.woff2"));
    }

    /** Sends the bytes as they are, since a client library might normalise {@code ..} away. */
    private static String raw(String request) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", server.port())) {
            socket.setSoTimeout(5_000);
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
