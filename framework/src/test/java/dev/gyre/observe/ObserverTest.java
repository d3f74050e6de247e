package dev.gyre.observe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gyre.handler.Get;
import dev.gyre.handler.NonBlocking;
import dev.gyre.handler.PathParam;
import dev.gyre.http.Request;
import dev.gyre.http.Response;
import dev.gyre.proxy.TrustedProxies;
import dev.gyre.server.Gyre;
import dev.gyre.server.GyreServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** An application's own observer: what it is told, on which thread, and that its failure harms no answer. */
class ObserverTest {

    public static final class Routes {
        @Get("/items/{id}")
        public String item(@PathParam String id) {
            return "item " + id;
        }

        @Get("/inline")
        @NonBlocking
        public String inline() {
            return "inline";
        }
    }

    @Test
    void anObserverSeesEveryRequestBeginOnTheLoopAndEndWithItsResponse() throws Exception {
        List<String> seen = new CopyOnWriteArrayList<>();
        ExchangeObserver recorder = request -> {
            seen.add("begin " + request.target() + " on " + Thread.currentThread().getName().replaceAll("\\d+$", "")
                    + " from " + request.clientAddress().getAddress().getHostAddress());
            return (Request req, Response response) -> seen.add("end " + req.route() + " " + response.status());
        };
        ExchangeObserver failing = request -> (req, response) -> {
            throw new IllegalStateException("an observer's bug");
        };
        ExchangeObserver failingAtOnce = request -> {
            throw new IllegalStateException("an observer's other bug");
        };
        GyreServer server = Gyre.builder().port(0).loops(1).handlers(new Routes())
                .trustedProxies(TrustedProxies.of("127.0.0.1")).observe(failing).observe(failingAtOnce).observe(recorder).start();
        try {
            HttpClient client = HttpClient.newHttpClient();
            HttpResponse<String> item = client.send(HttpRequest.newBuilder(URI.create(server.url() + "/items/7"))
                    .header("X-Forwarded-For", "198.51.100.4").timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals("item 7", item.body(), "an observer that throws changes no answer");
            HttpResponse<String> missing = client.send(HttpRequest.newBuilder(URI.create(server.url() + "/none"))
                    .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(404, missing.statusCode());
            assertEquals(List.of("begin /items/7 on gyre-loop- from 198.51.100.4", "end /items/{id} 200",
                    "begin /none on gyre-loop- from 127.0.0.1", "end null 404"), seen);
            assertTrue(server.ready());
        } finally {
            server.stop(Duration.ofSeconds(1));
        }
    }
}
