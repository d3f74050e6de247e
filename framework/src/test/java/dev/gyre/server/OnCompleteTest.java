package dev.gyre.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gyre.http.Exchange;
import dev.gyre.inject.Providers;
import dev.gyre.http.HttpHandler;
import dev.gyre.http.Response;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Exchange.onComplete fires once the response's last byte is sent, or when the connection is lost. */
class OnCompleteTest {

    /** A one-loop server around a bare handler, as the loop tests of this package start it. */
    static GyreServer start(HttpHandler handler) {
        ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
        ServerConfig config = ServerConfig.defaults();
        config = new ServerConfig("127.0.0.1", 0, 1, config.backlog(), config.limits(), config.timeouts(),
                config.writeHighWatermark());
        return HttpServer.start(config, List.of(new ServerListeners.Spec(0, null)), handler, executor, executor,
                List.of(), null, Providers.none(), new Lifespan.Builder().build(), GyreServer.Draining.immediate());
    }

    @Test
    void firesDeliveredAfterTheLastByte() throws Exception {
        CompletableFuture<Boolean> done = new CompletableFuture<>();
        HttpHandler handler = (Exchange exchange) -> {
            exchange.onComplete(() -> done.complete(exchange.isDelivered()));
            exchange.respond(Response.text("bye"));
        };
        try (GyreServer server = start(handler); RawConnection c = new RawConnection(server.port())) {
            assertEquals("bye", c.send("GET / HTTP/1.1\r\nHost: x\r\n\r\n").read().bodyText());
            assertTrue(done.get(5, TimeUnit.SECONDS));
        }
    }

    @Test
    void firesUndeliveredWhenTheClientLeavesMidResponse() throws Exception {
        CompletableFuture<Boolean> done = new CompletableFuture<>();
        HttpHandler handler = (Exchange exchange) -> {
            exchange.onComplete(() -> done.complete(exchange.isDelivered()));
            exchange.respond(Response.bytes(new byte[64 * 1024 * 1024], "application/octet-stream"));
        };
        try (GyreServer server = start(handler)) {
            RawConnection c = new RawConnection(server.port());
            c.send("GET / HTTP/1.1\r\nHost: x\r\n\r\n");
            Thread.sleep(200);
            assertFalse(done.isDone(), "not complete while 64 MiB wait for a client that does not read");
            c.close();
            assertFalse(done.get(5, TimeUnit.SECONDS));
        }
    }
}
