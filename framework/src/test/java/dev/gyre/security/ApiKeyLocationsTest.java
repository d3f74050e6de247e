package dev.gyre.security;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.gyre.handler.Get;
import dev.gyre.testing.GyreTestServer;
import dev.gyre.testing.TestClient;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/** API keys in the query and in a cookie, the two places besides a header. */
class ApiKeyLocationsTest {

    public static final class Api {
        @Get("/key")
        public String key(ApiKeyValue key) {
            return key.key();
        }
    }

    private static GyreTestServer serverWith(ApiKey scheme) {
        return GyreTestServer.start(b -> b.handlers(new Api()).provide(ApiKeyValue.class, scheme));
    }

    @Test
    void keyInTheQuery() {
        try (GyreTestServer server = serverWith(ApiKey.query("api_key"))) {
            assertEquals("k 1", server.client().get("/key?api_key=k%201").body());
            HttpResponse<String> missing = server.client().get("/key?other=1");
            assertEquals(401, missing.statusCode());
            assertEquals("APIKey", missing.headers().firstValue("WWW-Authenticate").orElse(null));
        }
    }

    @Test
    void keyInACookie() {
        try (GyreTestServer server = serverWith(ApiKey.cookie("session"))) {
            TestClient client = server.client();
            assertEquals("abc", client.send(client.request("/key").header("Cookie", "theme=dark; session=abc").GET()).body());
            HttpResponse<String> missing = client.send(client.request("/key").header("Cookie", "theme=dark").GET());
            assertEquals(401, missing.statusCode());
            assertEquals("{\"detail\":\"Not authenticated\"}", missing.body());
        }
    }
}
