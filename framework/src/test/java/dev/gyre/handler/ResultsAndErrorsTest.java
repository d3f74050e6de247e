package dev.gyre.handler;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gyre.http.ErrorResponse;
import dev.gyre.http.Response;
import dev.gyre.support.LogCapture;
import dev.gyre.testing.GyreExtension;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** What each return type becomes on the wire, and how each kind of failure is answered. */
class ResultsAndErrorsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    public record Item(long id, String name) {
    }

    static final class Conflict extends IllegalStateException {
        Conflict(String message) {
            super(message);
        }
    }

    public static final class Api {
        @Get("/record")
        public Item record() {
            return new Item(1, "pen");
        }

        @Post("/created")
        @Status(201)
        public Item created() {
            return new Item(2, "ink");
        }

        @Get("/text")
        public String text() {
            return "héllo";
        }

        @Get("/bytes")
        public byte[] bytes() {
            return new byte[] {0, 1, (byte) 255};
        }

        @Get("/response")
        public Response response() {
            return SetCookie.of("session", "abc").withHttpOnly().withMaxAge(Duration.ofHours(1))
                    .addTo(Response.of(202).header("X-Custom", "yes").body("accepted"));
        }

        @Get("/optional/{id}")
        public Optional<Item> optional(@PathParam long id) {
            return id == 1 ? Optional.of(new Item(1, "pen")) : Optional.empty();
        }

        @Delete("/void")
        public void nothing() {
        }

        @Post("/accepted")
        @Status(202)
        public void accepted() {
        }

        @Get("/async")
        public CompletionStage<List<Item>> async() {
            return CompletableFuture.supplyAsync(() -> List.of(new Item(3, "cup")));
        }

        @Get("/async-failure")
        public CompletionStage<Item> asyncFailure() {
            return CompletableFuture.failedFuture(new HttpException(409, "taken"));
        }

        @Get("/http-exception")
        public String httpException() {
            throw new HttpException(403, "not yours");
        }

        @Get("/conflict")
        public String conflict() {
            throw new Conflict("already there");
        }

        @Get("/illegal-argument")
        public String illegalArgument() {
            throw new IllegalArgumentException("odd");
        }

        @Get("/checked")
        public String checked() throws IOException {
            throw new IOException("disk on fire: secret path /var/db");
        }

        @Get("/bind/{n}")
        public String bind(@PathParam int n) {
            return "n=" + n;
        }
    }

    @RegisterExtension
    static final GyreExtension gyre = GyreExtension.with(b -> b.handlers(new Api())
            .exceptionHandler(IllegalStateException.class,
                    (e, request) -> ErrorResponse.of(409, "state: " + e.getMessage()))
            .exceptionHandler(Conflict.class, (e, request) -> ErrorResponse.of(409, "conflict: " + e.getMessage()))
            .exceptionHandler(RuntimeException.class, (e, request) -> ErrorResponse.of(418, e.getMessage())));

    @Test
    void recordsBecomeJson() throws Exception {
        HttpResponse<String> r = gyre.client().get("/record");
        assertEquals(200, r.statusCode());
        assertEquals("application/json", r.headers().firstValue("Content-Type").orElseThrow());
        assertEquals("{\"id\":1,\"name\":\"pen\"}", r.body());
        assertEquals(201, gyre.client().send(gyre.client().request("/created")
                .POST(java.net.http.HttpRequest.BodyPublishers.noBody())).statusCode());
    }

    @Test
    void textBytesAndResponses() throws Exception {
        HttpResponse<String> text = gyre.client().get("/text");
        assertEquals("text/plain; charset=utf-8", text.headers().firstValue("Content-Type").orElseThrow());
        assertEquals("héllo", text.body());

        HttpResponse<byte[]> bytes = gyre.client().http().send(gyre.client().request("/bytes").build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertArrayEquals(new byte[] {0, 1, (byte) 255}, bytes.body());
        assertEquals("application/octet-stream", bytes.headers().firstValue("Content-Type").orElseThrow());

        HttpResponse<String> custom = gyre.client().get("/response");
        assertEquals(202, custom.statusCode());
        assertEquals("yes", custom.headers().firstValue("X-Custom").orElseThrow());
        assertEquals("session=abc; Path=/; Max-Age=3600; HttpOnly",
                custom.headers().firstValue("Set-Cookie").orElseThrow());
        assertEquals("accepted", custom.body());
    }

    @Test
    void optionalVoidAndStatus() {
        assertEquals(200, gyre.client().get("/optional/1").statusCode());
        HttpResponse<String> absent = gyre.client().get("/optional/2");
        assertEquals(404, absent.statusCode());
        assertEquals("{\"detail\":\"Not Found\"}", absent.body());
        HttpResponse<String> none = gyre.client().delete("/void");
        assertEquals(204, none.statusCode());
        assertEquals("", none.body());
        assertEquals(202, gyre.client().send(gyre.client().request("/accepted")
                .POST(java.net.http.HttpRequest.BodyPublishers.noBody())).statusCode());
    }

    @Test
    void completionStagesAreUnwrapped() {
        HttpResponse<String> r = gyre.client().get("/async");
        assertEquals(200, r.statusCode());
        assertEquals("[{\"id\":3,\"name\":\"cup\"}]", r.body());
        HttpResponse<String> failed = gyre.client().get("/async-failure");
        assertEquals(409, failed.statusCode());
        assertEquals("{\"detail\":\"taken\"}", failed.body());
    }

    @Test
    void httpExceptionsAnswerWithTheirStatus() {
        HttpResponse<String> r = gyre.client().get("/http-exception");
        assertEquals(403, r.statusCode());
        assertEquals("{\"detail\":\"not yours\"}", r.body());
    }

    @Test
    void theMostSpecificExceptionHandlerWins() {
        assertEquals("{\"detail\":\"conflict: already there\"}", gyre.client().get("/conflict").body());
        HttpResponse<String> other = gyre.client().get("/illegal-argument");
        assertEquals(418, other.statusCode(), "IllegalArgumentException falls to the RuntimeException handler");
        assertEquals(422, gyre.client().get("/bind/x").statusCode(), "built-in BindingException stays more specific");
        assertEquals(403, gyre.client().get("/http-exception").statusCode());
    }

    @Test
    void unknownFailuresAreOpaque500sLoggedWithTheRequestId() throws Exception {
        try (LogCapture logs = LogCapture.start()) {
            HttpResponse<String> r = gyre.client().get("/checked");
            assertEquals(500, r.statusCode());
            JsonNode body = JSON.readTree(r.body());
            assertEquals("Internal Server Error", body.get("detail").asText());
            String id = body.get("request_id").asText();
            assertFalse(id.isBlank());
            assertFalse(r.body().contains("secret"), "the cause stays on the server");
            String log = logs.await(t -> t.contains("disk on fire"), Duration.ofSeconds(5));
            assertTrue(log.contains("request " + id + " failed in GET /checked -> Api#checked"), log);
            assertTrue(log.contains("java.io.IOException: disk on fire"), log);
        }
    }
}
