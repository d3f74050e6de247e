package dev.gyre.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gyre.http.Exchange;
import dev.gyre.http.HttpHandler;
import dev.gyre.http.Response;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code Exchange.onComplete} actions run on the connection's loop, even when registered from another
 * thread after the exchange is over, and one that throws ends neither the loop, nor the other actions,
 * nor the connection's close (its count goes back to zero).
 */
class OnCompleteContainmentTest {

    private static GyreServer start(HttpHandler handler) {
        return OnCompleteTest.start(handler);
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void aThrowingActionEndsNothingElse(boolean error) throws Exception {
        Runnable failing = error ? () -> {
            throw new AssertionError("injected fault");
        } : () -> {
            throw new IllegalStateException("injected fault");
        };
        CompletableFuture<String> late = new CompletableFuture<>();
        CompletableFuture<String> next = new CompletableFuture<>();
        HttpHandler handler = (Exchange exchange) -> {
            exchange.onComplete(failing);
            exchange.onComplete(() -> next.complete(Thread.currentThread().getName()));
            exchange.respond(Response.text("bye"));
            Thread.ofPlatform().start(() -> {
                try {
                    next.get(5, TimeUnit.SECONDS);
                    exchange.onComplete(() -> late.complete(Thread.currentThread().getName()));
                } catch (Exception e) {
                    late.completeExceptionally(e);
                }
            });
        };
        try (GyreServer server = start(handler)) {
            for (int i = 0; i < 2; i++) {
                try (RawConnection c = new RawConnection(server.port())) {
                    assertEquals("bye", c.send("GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n").read()
                            .bodyText());
                }
            }
            assertTrue(next.get(5, TimeUnit.SECONDS).startsWith("gyre-loop-"), "the action after the failing one ran");
            assertTrue(late.get(5, TimeUnit.SECONDS).startsWith("gyre-loop-"),
                    "an action registered late, from another thread, runs on the loop");
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (server.openConnections() != 0 && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertEquals(0, server.openConnections());
        }
    }
}
