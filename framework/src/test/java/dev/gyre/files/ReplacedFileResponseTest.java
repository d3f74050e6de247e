package dev.gyre.files;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gyre.middleware.Filter;
import dev.gyre.handler.Get;
import dev.gyre.http.Response;
import dev.gyre.server.Gyre;
import dev.gyre.server.GyreServer;
import dev.gyre.support.OpenFiles;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A route's file response that a filter replaces on its way out is never sent, so the dispatcher closes
 * its file: a refusing filter in front of a file route must not leak a descriptor per request.
 */
class ReplacedFileResponseTest {
    @TempDir
    static Path dir;

    public static final class FileApi {
        @Get("/report")
        public Response report() throws IOException {
            FileChannel channel = FileChannel.open(dir.resolve("report.txt"), StandardOpenOption.READ);
            return Response.file(new Response.FileRegion(channel, 0, channel.size()), "text/plain");
        }
    }

    @Test
    void aFileResponseReplacedByAFilterIsClosed() throws Exception {
        Files.writeString(dir.resolve("report.txt"), "quarterly figures");
        GyreServer server = Gyre.builder().port(0).loops(1).handlers(new FileApi())
                .filter(Filter.after((request, response) -> Response.of(403)))
                .start();
        try {
            assertEquals(403, RawHttp.exchange(server.port(), "GET", "/report").status());
            long before = OpenFiles.count();
            for (int i = 0; i < 200; i++) {
                assertEquals(403, RawHttp.exchange(server.port(), "GET", "/report").status());
            }
            long after = OpenFiles.count();
            assertTrue(after - before < 20, "open files grew from " + before + " to " + after);
        } finally {
            server.stop(Duration.ofSeconds(1));
        }
    }

}
