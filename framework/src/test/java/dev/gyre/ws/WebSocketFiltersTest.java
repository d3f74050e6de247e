package dev.gyre.ws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gyre.handler.Get;
import dev.gyre.handler.NonBlocking;
import dev.gyre.handler.Post;
import dev.gyre.http.ErrorResponse;
import dev.gyre.middleware.Filter;
import dev.gyre.server.Gyre;
import dev.gyre.server.GyreServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * WebSocket handshakes pass through the filters of their path (an authentication filter can refuse an
 * upgrade), and an endpoint shares its path with HTTP routes: a request without {@code Upgrade: websocket}
 * reaches the route.
 */
class WebSocketFiltersTest {
    private static final String UPGRADE = "Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: "
            + RawWebSocket.KEY + "\r\nSec-WebSocket-Version: 13\r\n";

    @WebSocket("/admin/socket")
    public static final class AdminSocket {
        @OnText
        @NonBlocking
        public String text(String message) {
            return "admin:" + message;
        }
    }

    /** HTTP routes on the paths of the endpoints. */
    public static final class Pages {
        @Get("/echo")
        public String echoPage() {
            return "the echo page";
        }

        @Post("/echo")
        public String echoPost() {
            return "posted";
        }
    }

    private static final AtomicInteger adminFilterRuns = new AtomicInteger();
    private static GyreServer server;

    @BeforeAll
    static void start() {
        server = Gyre.builder().port(0).loops(1)
                .handlers(new AdminSocket(), new TestEndpoints.Echo(), new TestEndpoints.Listener(), new Pages())
                .filter(Filter.after((request, response) -> response.header("X-Seen", "yes")))
                .filter("/admin", Filter.before(r -> {
                    adminFilterRuns.incrementAndGet();
                    return "let-me-in".equals(r.header("X-Key")) ? null : ErrorResponse.of(401, "key needed");
                }))
                .start();
    }

    @AfterAll
    static void stop() {
        server.stop(Duration.ofSeconds(1));
    }

    @Test
    void aFilterRefusesAnUpgradeWithoutTheKey() throws Exception {
        int runs = adminFilterRuns.get();
        try (RawWebSocket ws = RawWebSocket.request(server.port(),
                "GET /admin/socket HTTP/1.1\r\nHost: x\r\n" + UPGRADE + "\r\n")) {
            assertEquals(401, ws.status, "the filter answered instead of the handshake");
            assertEquals("yes", ws.headers.get("x-seen"));
        }
        assertEquals(runs + 1, adminFilterRuns.get());
    }

    @Test
    void anUpgradeTheFiltersLetThroughWorks() throws Exception {
        try (RawWebSocket ws = RawWebSocket.open(server.port(), "/admin/socket", "X-Key: let-me-in\r\n")) {
            assertEquals("yes", ws.headers.get("x-seen"), "the 101 passed through the filters");
            ws.send(Wire.text("hi"));
            Wire.Frame f = ws.read();
            assertEquals(1, f.opcode());
            assertEquals("admin:hi", new String(f.payload(), StandardCharsets.UTF_8));
        }
    }

    @Test
    void aRouteAndAnEndpointOnOnePathBothWork() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<String> page = http.send(HttpRequest.newBuilder(URI.create(server.url() + "/echo")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, page.statusCode());
        assertEquals("the echo page", page.body(), "a GET without Upgrade reaches the HTTP route");
        HttpResponse<String> post = http.send(HttpRequest.newBuilder(URI.create(server.url() + "/echo"))
                .POST(HttpRequest.BodyPublishers.ofString("x")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals("posted", post.body(), "so does any other method");
        try (RawWebSocket ws = RawWebSocket.open(server.port(), "/echo")) {
            ws.send(Wire.text("over the socket"));
            assertEquals("over the socket", new String(ws.read().payload(), StandardCharsets.UTF_8));
        }
    }

    @Test
    void aPlainRequestForAPathOnlyAnEndpointServesStillGets426() throws Exception {
        try (RawWebSocket ws = RawWebSocket.request(server.port(), "GET /listener HTTP/1.1\r\nHost: x\r\n\r\n")) {
            assertEquals(426, ws.status);
            assertEquals("websocket", ws.headers.get("upgrade"));
            assertEquals("yes", ws.headers.get("x-seen"), "the refusal passed through the filters too");
        }
    }
}
