package dev.gyre.middleware;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gyre.handler.Get;
import dev.gyre.handler.Post;
import dev.gyre.testing.GyreExtension;
import dev.gyre.testing.GyreTestServer;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** CORS preflights answered by the filter, and actual requests annotated on the way out. */
class CorsTest {
    private static final String APP = "https://app.example";

    public static final class Api {
        @Get("/items")
        public String list() {
            return "[]";
        }

        @Post("/items")
        public String create() {
            return "{}";
        }
    }

    @RegisterExtension
    static final GyreExtension gyre = GyreExtension.with(b -> b.handlers(new Api())
            .filter(Cors.builder().allowOrigins(APP).allowHeaders("Content-Type", "X-Token")
                    .exposeHeaders("X-Total").maxAge(Duration.ofMinutes(5)).build()));

    private static HttpResponse<String> preflight(String origin, String method, String headers) {
        HttpRequest.Builder r = gyre.client().request("/items").method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", origin).header("Access-Control-Request-Method", method);
        if (headers != null) {
            r.header("Access-Control-Request-Headers", headers);
        }
        return gyre.client().send(r);
    }

    @Test
    void preflightIsAnsweredForAllowedOriginMethodAndHeaders() {
        HttpResponse<String> r = preflight(APP, "POST", "content-type, x-token");
        assertEquals(204, r.statusCode());
        assertEquals(APP, r.headers().firstValue("Access-Control-Allow-Origin").orElseThrow());
        assertEquals("DELETE, GET, HEAD, PATCH, POST, PUT",
                r.headers().firstValue("Access-Control-Allow-Methods").orElseThrow());
        assertEquals("content-type, x-token", r.headers().firstValue("Access-Control-Allow-Headers").orElseThrow());
        assertEquals("300", r.headers().firstValue("Access-Control-Max-Age").orElseThrow());
        assertEquals("Origin", r.headers().firstValue("Vary").orElseThrow());
    }

    @Test
    void preflightRefusesWhatIsNotAllowed() {
        HttpResponse<String> origin = preflight("https://evil.example", "POST", null);
        assertEquals(400, origin.statusCode());
        assertEquals("{\"detail\":\"Disallowed CORS origin\"}", origin.body());
        assertEquals("{\"detail\":\"Disallowed CORS method headers\"}", preflight(APP, "TRACE", "X-Other").body());
    }

    @Test
    void actualRequestsGetTheAllowHeadersOnlyForAllowedOrigins() {
        HttpResponse<String> allowed = gyre.client().send(gyre.client().request("/items").header("Origin", APP));
        assertEquals(200, allowed.statusCode());
        assertEquals(APP, allowed.headers().firstValue("Access-Control-Allow-Origin").orElseThrow());
        assertEquals("X-Total", allowed.headers().firstValue("Access-Control-Expose-Headers").orElseThrow());
        HttpResponse<String> other = gyre.client().send(gyre.client().request("/items")
                .header("Origin", "https://evil.example"));
        assertFalse(other.headers().firstValue("Access-Control-Allow-Origin").isPresent());
        assertFalse(gyre.client().get("/items").headers().firstValue("Access-Control-Allow-Origin").isPresent());
    }

    @Test
    void wildcardWithCredentialsEchoesTheOrigin() {
        try (GyreTestServer server = GyreTestServer.start(b -> b.handlers(new Api())
                .filter(Cors.builder().allowOrigins("*").allowCredentials(true).build()))) {
            HttpResponse<String> r = server.client().send(server.client().request("/items")
                    .header("Origin", "https://any.example"));
            assertEquals("https://any.example", r.headers().firstValue("Access-Control-Allow-Origin").orElseThrow());
            assertEquals("true", r.headers().firstValue("Access-Control-Allow-Credentials").orElseThrow());
        }
        try (GyreTestServer server = GyreTestServer.start(b -> b.handlers(new Api())
                .filter(Cors.builder().allowOrigins("*").build()))) {
            HttpResponse<String> r = server.client().send(server.client().request("/items")
                    .header("Origin", "https://any.example"));
            assertEquals("*", r.headers().firstValue("Access-Control-Allow-Origin").orElseThrow());
            assertTrue(r.headers().firstValue("Vary").isEmpty());
        }
    }
}
