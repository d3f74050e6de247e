package dev.gyre.files;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gyre.http.ErrorResponse;
import dev.gyre.middleware.Filter;
import dev.gyre.server.Gyre;
import dev.gyre.server.GyreServer;
import dev.gyre.support.OpenFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A static mount answers through the filters of its path, like a route: a filter may refuse a file (and the
 * file opened for it is closed unsent) or change its answer; a miss below the mount meets the filters once,
 * through the routes.
 */
class StaticFilesFiltersTest {
    @TempDir
    Path root;

    private GyreServer start() throws IOException {
        Files.writeString(root.resolve("secret.txt"), "top secret");
        Files.createDirectories(root.resolve("folder"));
        return Gyre.builder().port(0).loops(1)
                .staticFiles("/private", StaticFiles.directory(root))
                .filter(Filter.after((request, response) -> response.header("X-Seen", "yes")))
                .filter("/private", Filter.before(r -> "let-me-in".equals(r.header("X-Key")) ? null
                        : ErrorResponse.of(401, "key needed")))
                .start();
    }

    @Test
    void aFilterGuardsTheFilesOfItsPrefix() throws Exception {
        GyreServer server = start();
        try {
            RawHttp.Reply refused = RawHttp.exchange(server.port(), "GET", "/private/secret.txt");
            assertEquals(401, refused.status());
            assertEquals("yes", refused.header("X-Seen"), "the outer filter sees the refusal");
            assertTrue(!refused.bodyText().contains("top secret"), refused.bodyText());

            RawHttp.Reply served = RawHttp.exchange(server.port(), "GET", "/private/secret.txt", "X-Key: let-me-in");
            assertEquals(200, served.status());
            assertEquals("top secret", served.bodyText());
            assertEquals("yes", served.header("X-Seen"), "a file's answer passes through the filters");

            RawHttp.Reply slash = RawHttp.exchange(server.port(), "GET", "/private/folder");
            assertEquals(401, slash.status(), "the folder redirect is guarded too");

            RawHttp.Reply missing = RawHttp.exchange(server.port(), "GET", "/private/none.txt", "X-Key: let-me-in");
            assertEquals(404, missing.status());
            assertEquals("yes", missing.header("X-Seen"), "a miss meets the filters once, through the routes");
        } finally {
            server.stop(Duration.ofSeconds(1));
        }
    }

    @Test
    void aRefusedFileIsClosed() throws Exception {
        GyreServer server = start();
        try {
            long before = OpenFiles.count();
            for (int i = 0; i < 200; i++) {
                assertEquals(401, RawHttp.exchange(server.port(), "GET", "/private/secret.txt").status());
            }
            long after = OpenFiles.count();
            assertTrue(after - before < 20, "open files grew from " + before + " to " + after);
        } finally {
            server.stop(Duration.ofSeconds(1));
        }
    }

}
