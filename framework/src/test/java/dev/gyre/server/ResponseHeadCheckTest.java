package dev.gyre.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gyre.handler.Get;
import dev.gyre.handler.NonBlocking;
import dev.gyre.handler.SetCookie;
import dev.gyre.http.Response;
import dev.gyre.support.LogCapture;
import dev.gyre.testing.GyreExtension;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A handler that puts a field into the response head that could split it (CR/LF, a control, a character
 * beyond Latin-1, a name that is not a token, a cookie attribute holding {@code ;}) gets the exception on
 * its own thread: the client sees a 500 on a connection that goes on serving, never a hang.
 */
class ResponseHeadCheckTest {

    public static final class Api {
        @Get("/beyond-latin1")
        public Response beyondLatin1() {
            return Response.text("x").header("X-Title", "caf\u00e9 \u20ac");
        }

        @Get("/split")
        @NonBlocking
        public Response split() {
            return Response.text("x").header("X-Echo", "a\r\nSet-Cookie: evil=1");
        }

        @Get("/bad-name")
        public CompletionStage<Response> badName() {
            return CompletableFuture.supplyAsync(() -> Response.text("x").header("X Bad", "v"));
        }

        @Get("/cookie-path")
        public Response cookiePath() {
            return SetCookie.of("s", "1").withPath("/; Domain=evil.example").addTo(Response.text("x"));
        }

        @Get("/latin1")
        @NonBlocking
        public Response latin1() {
            return Response.text("ok").header("X-Title", "caf\u00e9");
        }
    }

    @RegisterExtension
    static final GyreExtension gyre = GyreExtension.of(new Api());

    private int port() {
        return gyre.server().server().port();
    }

    @Test
    void aBadFieldIsA500AndTheConnectionGoesOn() throws Exception {
        try (RawConnection c = new RawConnection(port())) {
            for (String path : new String[] {"/beyond-latin1", "/split", "/bad-name", "/cookie-path"}) {
                c.send("GET " + path + " HTTP/1.1\r\nHost: x\r\n\r\n");
                RawConnection.RawResponse r = c.read();
                assertEquals(500, r.status(), path);
                assertEquals(null, r.header("Set-Cookie"), path);
                assertFalse(r.bodyText().contains("evil"), path);
            }
            c.send("GET /latin1 HTTP/1.1\r\nHost: x\r\n\r\n");
            RawConnection.RawResponse ok = c.read();
            assertEquals(200, ok.status());
            assertEquals("caf\u00e9", ok.header("X-Title"), "Latin-1 is sent as one byte per character");
            assertEquals("ok", ok.bodyText());
        }
    }

    @Test
    void theLoggedCauseNamesTheField() throws Exception {
        try (LogCapture logs = LogCapture.start(); RawConnection c = new RawConnection(port())) {
            c.send("GET /split HTTP/1.1\r\nHost: x\r\n\r\n");
            assertEquals(500, c.read().status());
            String log = logs.await(t -> t.contains("X-Echo"), Duration.ofSeconds(5));
            assertTrue(log.contains("value of header X-Echo holds U+000D at index 1"), log);
        }
    }

    @Test
    void nothingOfTheRefusedFieldReachesTheWire() throws Exception {
        try (RawConnection c = new RawConnection(port())) {
            c.send("GET /split HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
            String all = new String(c.readAll(), StandardCharsets.ISO_8859_1);
            assertTrue(all.startsWith("HTTP/1.1 500 "), all);
            assertFalse(all.contains("X-Echo") || all.contains("evil"), all);
        }
    }
}
