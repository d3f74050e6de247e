package dev.gyre.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gyre.http.Exchange;
import dev.gyre.inject.internal.Providers;
import dev.gyre.http.HttpHandler;
import dev.gyre.http.Response;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Exchange.onComplete fires once the response's last byte is sent, or when the connection is lost; of answers
 * racing from many threads exactly one is sent, and every action registered meanwhile runs once.
 */
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

    @Test
    void ofRacingAnswersOneIsSentAndEveryActionRunsOnce() throws Exception {
        int threads = 8;
        int requests = 40;
        List<CompletableFuture<String>> outcomes = new ArrayList<>();
        HttpHandler handler = (Exchange exchange) -> {
            CompletableFuture<String> outcome = new CompletableFuture<>();
            outcomes.add(outcome);
            AtomicInteger ran = new AtomicInteger();
            CountDownLatch allRan = new CountDownLatch(threads);
            CountDownLatch go = new CountDownLatch(1);
            List<String> winners = Collections.synchronizedList(new ArrayList<>());
            List<Thread> racers = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                String body = "answer " + t;
                racers.add(Thread.ofPlatform().start(() -> {
                    try {
                        go.await();
                    } catch (InterruptedException e) {
                        return;
                    }
                    exchange.onComplete(() -> {
                        ran.incrementAndGet();
                        allRan.countDown();
                    });
                    if (exchange.respond(Response.text(body))) {
                        winners.add(body);
                    }
                }));
            }
            go.countDown();
            Thread.ofVirtual().start(() -> {
                try {
                    for (Thread racer : racers) {
                        racer.join();
                    }
                    boolean all = allRan.await(5, TimeUnit.SECONDS);
                    Thread.sleep(50); // an action run twice would show here
                    outcome.complete(winners + "/" + all + "/" + ran.get() + "/" + exchange.isDelivered());
                } catch (InterruptedException e) {
                    outcome.completeExceptionally(e);
                }
            });
        };
        try (GyreServer server = start(handler); RawConnection c = new RawConnection(server.port())) {
            for (int i = 0; i < requests; i++) {
                String body = c.send("GET / HTTP/1.1\r\nHost: x\r\n\r\n").read().bodyText();
                String outcome = outcomes.get(i).get(10, TimeUnit.SECONDS);
                assertEquals("[" + body + "]/true/" + threads + "/true", outcome,
                        "request " + i + ": one winner, its answer sent, each action run once");
            }
        }
    }

    @Test
    void anActionRegisteredAfterTheEndStillRuns() throws Exception {
        CompletableFuture<Exchange> answered = new CompletableFuture<>();
        HttpHandler handler = (Exchange exchange) -> {
            exchange.onComplete(() -> answered.complete(exchange));
            exchange.respond(Response.text("done"));
        };
        try (GyreServer server = start(handler); RawConnection c = new RawConnection(server.port())) {
            assertEquals("done", c.send("GET / HTTP/1.1\r\nHost: x\r\n\r\n").read().bodyText());
            Exchange over = answered.get(5, TimeUnit.SECONDS);
            CompletableFuture<Boolean> late = new CompletableFuture<>();
            over.onComplete(() -> late.complete(over.isDelivered()));
            assertTrue(late.get(5, TimeUnit.SECONDS));
            assertFalse(over.respond(Response.text("again")), "an exchange answers once");
        }
    }
}
