package dev.gyre.handler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import dev.gyre.http.Response;
import dev.gyre.json.JacksonJsonCodec;
import dev.gyre.middleware.Filter;
import dev.gyre.server.Gyre;
import dev.gyre.testing.GyreExtension;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A value-returning handler's status, headers and cookies through {@link ResponseHead}; {@code Response.json}. */
class ResponseHeadTest {
    public record Item(long itemId, String itemName) {
    }

    public static final class Api {
        @Post("/items") @Status(201)
        public Item create(ResponseHead head) {
            head.header("Location", "/items/7").cookie(SetCookie.of("seen", "1").withHttpOnly());
            return new Item(7, "pen");
        }

        @Post("/accepted") @Status(201)
        public Item accepted(ResponseHead head) {
            head.status(202);
            return new Item(8, "ink");
        }

        @Get("/built")
        public Response built(ResponseHead head) {
            head.status(299).header("X-Extra", "yes");
            return Response.text("built").status(203);
        }

        @Get("/later") @NonBlocking
        public CompletionStage<String> later(ResponseHead head) {
            head.header("X-Later", "1");
            return CompletableFuture.supplyAsync(() -> "later");
        }

        @Get("/refused")
        public String refused(ResponseHead head) {
            head.header("X-Lost", "1");
            throw new HttpException(409, "taken");
        }

        @Get("/json")
        public Response json() {
            return Response.json(new Item(9, "cap")).status(201);
        }
    }

    static final ObjectMapper SNAKE = JacksonJsonCodec.defaultMapper()
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE);

    @RegisterExtension
    static final GyreExtension gyre = GyreExtension.with(b -> b.handlers(new Api())
            .json(new JacksonJsonCodec(SNAKE))
            .filter("/from-filter", Filter.before(r -> Response.json(List.of(new Item(1, "a"))))));

    @Test
    void headersCookiesAndStatusGoOnTheValuesResponse() {
        HttpResponse<String> r = gyre.client().postJson("/items", "");
        assertEquals(201, r.statusCode());
        assertEquals("/items/7", r.headers().firstValue("Location").orElseThrow());
        assertEquals("seen=1; Path=/; HttpOnly", r.headers().firstValue("Set-Cookie").orElseThrow());
        assertEquals("{\"item_id\":7,\"item_name\":\"pen\"}", r.body());
        assertEquals(202, gyre.client().postJson("/accepted", "").statusCode());
    }

    @Test
    void aBuiltResponseKeepsItsStatusAndGetsTheHeaders() {
        HttpResponse<String> r = gyre.client().get("/built");
        assertEquals(203, r.statusCode());
        assertEquals("yes", r.headers().firstValue("X-Extra").orElseThrow());
        assertEquals("1", gyre.client().get("/later").headers().firstValue("X-Later").orElseThrow());
    }

    @Test
    void errorAnswersGetNoneOfIt() {
        HttpResponse<String> r = gyre.client().get("/refused");
        assertEquals(409, r.statusCode());
        assertNull(r.headers().firstValue("X-Lost").orElse(null));
    }

    @Test
    void responseJsonIsWrittenByTheRoutesCodecOrTheDefaultOutsideRoutes() {
        HttpResponse<String> r = gyre.client().get("/json");
        assertEquals(201, r.statusCode());
        assertEquals("application/json", r.headers().firstValue("Content-Type").orElseThrow());
        assertEquals("{\"item_id\":9,\"item_name\":\"cap\"}", r.body());
        assertEquals("[{\"itemId\":1,\"itemName\":\"a\"}]", gyre.client().get("/from-filter").body());
    }

    public static final class Hidden {
        @Get("/fine")
        public String fine() {
            return "";
        }

        @Get("/hidden")
        String hidden() {
            return "";
        }

        @Post("/secret")
        private String secret() {
            return "";
        }
    }

    @Test
    void annotatedMethodsThatAreNotPublicFailStartUpNamed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Gyre.builder().port(0).handlers(new Hidden()).start());
        assertEquals(Hidden.class.getName() + ": only public methods can be routes, and these are annotated but not "
                + "public: Hidden#hidden, Hidden#secret (make them public)", e.getMessage());
    }
}
