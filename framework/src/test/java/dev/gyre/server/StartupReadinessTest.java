package dev.gyre.server;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.gyre.health.internal.HealthHandler;
import dev.gyre.health.HealthOptions;
import dev.gyre.health.internal.ServerState;
import dev.gyre.http.Response;
import dev.gyre.inject.internal.Providers;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;

/**
 * A server that listens before its start-up is over (the builder marks it started as its very last
 * step) is not ready yet: here the step is held back, so the window can be probed over a socket.
 */
class StartupReadinessTest {

    @Test
    void readinessIs503UntilStartUpCompletes() throws Exception {
        ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
        ServerConfig defaults = ServerConfig.defaults();
        ServerConfig config = new ServerConfig("127.0.0.1", 0, 1, defaults.backlog(), defaults.limits(),
                defaults.timeouts(), defaults.writeHighWatermark());
        ServerState state = new ServerState();
        HealthHandler handler = new HealthHandler(exchange -> exchange.respond(Response.text("routes")),
                HealthOptions.defaults(), Map.of(), state);
        HttpClient client = HttpClient.newHttpClient();
        try (GyreServer server = HttpServer.start(config, List.of(new ServerListeners.Spec(0, null)), handler,
                executor, executor, List.of(), null,
                Providers.none(), new Lifespan.Builder().build(), new GyreServer.Draining(state, Duration.ZERO))) {
            HttpRequest ready = HttpRequest.newBuilder(URI.create(server.url() + "/health/ready"))
                    .timeout(Duration.ofSeconds(10)).build();
            HttpResponse<String> starting = client.send(ready, HttpResponse.BodyHandlers.ofString());
            assertEquals(503, starting.statusCode());
            assertEquals("{\"status\":\"DOWN\",\"reason\":\"starting\"}", starting.body());
            assertEquals(200, client.send(HttpRequest.newBuilder(URI.create(server.url() + "/health/live")).build(),
                    HttpResponse.BodyHandlers.ofString()).statusCode(), "alive while starting");
            state.started();
            assertEquals(200, client.send(ready, HttpResponse.BodyHandlers.ofString()).statusCode());
        }
    }
}
