package dev.gyre.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gyre.handler.Delete;
import dev.gyre.handler.Get;
import dev.gyre.handler.Header;
import dev.gyre.handler.Path;
import dev.gyre.handler.PathParam;
import dev.gyre.handler.Post;
import dev.gyre.handler.Query;
import dev.gyre.http.Request;
import dev.gyre.server.RawConnection.RawResponse;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Routing answers over the wire: parameters, precedence, 404, 405 with Allow, start-up clashes. */
class RoutingTest {
    private static GyreServer server;

    @Path("/api")
    public static final class Api {
        @Get("/items/{id}")
        public String item(@PathParam long id) {
            return "item " + id;
        }

        @Get("/items/new")
        public String fresh() {
            return "new form";
        }

        @Delete("/items/{id}")
        public void remove(@PathParam long id) {
        }

        @Get("/files/{name}/meta")
        public String meta(@PathParam String name, Request request) {
            return name + " " + request.path();
        }

        @Get("/search")
        public String search(@Query String q, @Query Optional<Integer> limit, @Query(defaultValue = "false") boolean exact,
                             @Header("User-Agent") Optional<String> agent) {
            return q + "|" + limit.map(String::valueOf).orElse("-") + "|" + exact + "|" + agent.isPresent();
        }

        @Post("/items")
        public String create() {
            return "created";
        }
    }

    @BeforeAll
    static void start() {
        server = Gyre.builder().port(0).loops(1).handlers(new Api()).start();
    }

    @AfterAll
    static void stop() {
        server.stop();
    }

    private static RawResponse exchange(String requestLine) throws Exception {
        try (RawConnection c = new RawConnection(server.port())) {
            return c.send(requestLine + " HTTP/1.1\r\nHost: x\r\nUser-Agent: t\r\n\r\n").read();
        }
    }

    @Test
    void pathParametersAreConvertedAndDecoded() throws Exception {
        assertEquals("item 42", exchange("GET /api/items/42").bodyText());
        assertEquals("a b /api/files/a%20b/meta", exchange("GET /api/files/a%20b/meta").bodyText());
    }

    @Test
    void literalSegmentsWinOverParameters() throws Exception {
        assertEquals("new form", exchange("GET /api/items/new").bodyText());
    }

    @Test
    void queryAndHeaderBinding() throws Exception {
        assertEquals("x y|5|true|true", exchange("GET /api/search?q=x+y&limit=5&exact=yes").bodyText());
        assertEquals("z|-|false|true", exchange("GET /api/search?q=z").bodyText());
    }

    @Test
    void badInputIs422ListingEveryProblem() throws Exception {
        RawResponse r = exchange("GET /api/search?limit=many");
        assertEquals(422, r.status());
        assertEquals("{\"detail\":[{\"loc\":[\"query\",\"q\"],\"msg\":\"Field required\",\"type\":\"missing\"},"
                + "{\"loc\":[\"query\",\"limit\"],\"msg\":\"Input should be a valid integer\",\"type\":\"int_parsing\"}]}",
                r.bodyText());
        assertEquals(422, exchange("GET /api/items/abc").status());
    }

    @Test
    void unknownPathIs404Json() throws Exception {
        RawResponse r = exchange("GET /api/nothing");
        assertEquals(404, r.status());
        assertEquals("application/json", r.header("Content-Type"));
        assertEquals("{\"detail\":\"Not Found\"}", r.bodyText());
    }

    @Test
    void wrongMethodIs405WithAllow() throws Exception {
        RawResponse r = exchange("PUT /api/items/7");
        assertEquals(405, r.status());
        assertEquals("DELETE, GET, HEAD, OPTIONS", r.header("Allow"));
        assertEquals("GET, HEAD, OPTIONS", exchange("POST /api/search").header("Allow"));
    }

    @Test
    void optionsListsTheAllowedMethods() throws Exception {
        RawResponse r = exchange("OPTIONS /api/items/7");
        assertEquals(204, r.status());
        assertEquals("DELETE, GET, HEAD, OPTIONS", r.header("Allow"));
        assertTrue(exchange("OPTIONS *").header("Allow").contains("POST"));
    }

    @Test
    void voidIs204() throws Exception {
        assertEquals(204, exchange("DELETE /api/items/7").status());
    }

    public static final class Clash {
        @Get("/a/{x}")
        public String one(@PathParam String x) {
            return x;
        }

        @Get("/a/{y}")
        public String two(@PathParam String y) {
            return y;
        }
    }

    public static final class Unbindable {
        @Get("/u")
        public String u(Thread notBindable) {
            return "";
        }
    }

    @Test
    void clashingRoutesFailStartupNamingBoth() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> Gyre.builder().port(0).handlers(new Clash()).start());
        assertTrue(e.getMessage().contains("Clash#one") && e.getMessage().contains("Clash#two"), e.getMessage());
    }

    @Test
    void unbindableParameterFailsStartupNamingTheMethod() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> Gyre.builder().port(0).handlers(new Unbindable()).start());
        assertTrue(e.getMessage().contains("Unbindable#u"), e.getMessage());
    }
}
