package dev.gyre.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gyre.handler.Form;
import dev.gyre.handler.Post;
import dev.gyre.http.HttpLimits;
import dev.gyre.multipart.UploadFile;
import java.io.IOException;
import org.junit.jupiter.api.Test;

/** A chunked body that passes maxBodySize while an upload route streams it: 413 and close, as a sized one gets. */
class ChunkedUploadLimitTest {
    private static final int LIMIT = 64 * 1024;

    public static final class Api {
        @Post("/files")
        public long upload(@Form UploadFile file) {
            return file.size();
        }

        @Post("/fields")
        public String fields(@Form String name) {
            return name;
        }
    }

    private static RawConnection.RawResponse postChunked(GyreServer server, String path, String contentType,
                                                         String first, byte filler) throws IOException {
        RawConnection c = new RawConnection(server.port());
        c.send("POST " + path + " HTTP/1.1\r\nHost: x\r\nContent-Type: " + contentType
                + "\r\nTransfer-Encoding: chunked\r\n\r\n" + Integer.toHexString(first.length()) + "\r\n" + first + "\r\n");
        byte[] chunk = new byte[8192];
        java.util.Arrays.fill(chunk, filler);
        try {
            for (int i = 0; i < 4 * LIMIT / chunk.length; i++) {
                c.send(Integer.toHexString(chunk.length) + "\r\n").send(chunk).send("\r\n");
            }
            c.send("0\r\n\r\n");
        } catch (IOException refusedMidWay) {
            // the server answered and closed before the whole body was sent; the answer is still readable
        }
        RawConnection.RawResponse r = c.read();
        assertTrue(c.closedByServer(), "the connection is closed after the 413");
        c.close();
        return r;
    }

    @Test
    void anOversizedChunkedUploadIs413AndCloses() throws Exception {
        try (GyreServer server = Gyre.builder().port(0).handlers(new Api())
                .limits(HttpLimits.defaults().withMaxBodySize(LIMIT)).start()) {
            RawConnection.RawResponse multipart = postChunked(server, "/files", "multipart/form-data; boundary=XyZ",
                    "--XyZ\r\nContent-Disposition: form-data; name=\"file\"; filename=\"t\"\r\n\r\n", (byte) 'a');
            assertEquals(413, multipart.status(), multipart.bodyText());
            assertEquals("close", multipart.header("Connection"));
            assertTrue(multipart.bodyText().contains("too large"), multipart.bodyText());

            RawConnection.RawResponse encoded = postChunked(server, "/fields", "application/x-www-form-urlencoded",
                    "name=", (byte) 'b');
            assertEquals(413, encoded.status(), encoded.bodyText());
            assertEquals("close", encoded.header("Connection"));
        }
    }
}
