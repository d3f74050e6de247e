package dev.gyre.handler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gyre.server.Gyre;
import dev.gyre.testing.GyreTestServer;
import java.net.http.HttpResponse;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * {@code executor(name, pool)} and {@code @RunOn(name)}: a route runs on the pool named, others keep their
 * virtual threads, a pool that refuses answers {@code 503}, and a wrong name or place fails start-up.
 */
class NamedExecutorsTest {

    public static final class Api {
        final CountDownLatch release = new CountDownLatch(1);
        final CountDownLatch entered = new CountDownLatch(1);

        @Get("/cpu")
        @RunOn("cpu")
        public String cpu() {
            return Thread.currentThread().getName() + " virtual=" + Thread.currentThread().isVirtual();
        }

        @Get("/default")
        public String plain() {
            return Thread.currentThread().getName() + " virtual=" + Thread.currentThread().isVirtual();
        }

        @Get("/hold")
        @RunOn("cpu")
        public String hold() throws InterruptedException {
            entered.countDown();
            release.await(10, TimeUnit.SECONDS);
            return "held";
        }
    }

    public static final class Unknown {
        @Get("/gpu")
        @RunOn("gpu")
        public String gpu() {
            return "x";
        }
    }

    public static final class OnLoop {
        @Get("/loop")
        @RunOn("cpu")
        @NonBlocking
        public String loop() {
            return "x";
        }
    }

    private static ExecutorService pool(int threads) {
        return new ThreadPoolExecutor(threads, threads, 0, TimeUnit.SECONDS, new SynchronousQueue<>(),
                Thread.ofPlatform().name("cpu-", 0).factory());
    }

    @Test
    void aRouteRunsOnItsNamedPoolAndTheOthersOnVirtualThreads() {
        ExecutorService cpu = pool(2);
        try (GyreTestServer server = GyreTestServer.start(b -> b.handlers(new Api()).executor("cpu", cpu))) {
            String onPool = server.client().get("/cpu").body();
            assertTrue(onPool.startsWith("cpu-") && onPool.endsWith("virtual=false"), onPool);
            String plain = server.client().get("/default").body();
            assertTrue(plain.startsWith("gyre-handler-") && plain.endsWith("virtual=true"), plain);
        } finally {
            cpu.shutdownNow();
        }
    }

    @Test
    void aPoolThatRefusesIsA503WithRetryAfter() throws Exception {
        ExecutorService cpu = pool(1);
        Api api = new Api();
        try (GyreTestServer server = GyreTestServer.start(b -> b.handlers(api).executor("cpu", cpu))) {
            CompletableFuture<HttpResponse<String>> held = server.client().http().sendAsync(
                    server.client().request("/hold").GET().build(), HttpResponse.BodyHandlers.ofString());
            assertTrue(api.entered.await(10, TimeUnit.SECONDS));
            HttpResponse<String> refused = server.client().get("/cpu");
            assertEquals(503, refused.statusCode(), refused.body());
            assertEquals("1", refused.headers().firstValue("Retry-After").orElse(null));
            assertTrue(server.client().get("/default").body().endsWith("virtual=true"), "the default executor is free");
            api.release.countDown();
            assertEquals("held", held.get(10, TimeUnit.SECONDS).body());
            assertEquals(200, server.client().get("/cpu").statusCode());
        } finally {
            cpu.shutdownNow();
        }
    }

    @Test
    void aFilteredRouteRunsOnItsNamedPoolToo() {
        ExecutorService cpu = pool(1);
        try (GyreTestServer server = GyreTestServer.start(b -> b.handlers(new Api()).executor("cpu", cpu)
                .filter((request, next) -> next.proceed()))) {
            String onPool = server.client().get("/cpu").body();
            assertTrue(onPool.startsWith("cpu-"), onPool);
        } finally {
            cpu.shutdownNow();
        }
    }

    @Test
    void anUnknownNameFailsStartUpNamingTheMethodAndTheNamesKnown() {
        Gyre.Builder builder = Gyre.builder().port(0).handlers(new Unknown()).executor("cpu", Runnable::run);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, builder::start);
        assertEquals("Unknown#gpu: @RunOn(\"gpu\") names no executor; register it with "
                + "Gyre.builder().executor(\"gpu\", pool) (registered: [cpu])", e.getMessage());
    }

    @Test
    void aLoopRouteCannotRunOnAPool() {
        Gyre.Builder builder = Gyre.builder().port(0).handlers(new OnLoop()).executor("cpu", Runnable::run);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, builder::start);
        assertTrue(e.getMessage().startsWith("OnLoop#loop runs on the event loop"), e.getMessage());
    }

    @Test
    void aNameIsRegisteredOnce() {
        ExecutorService one = Executors.newSingleThreadExecutor();
        try {
            Gyre.Builder builder = Gyre.builder().executor("cpu", one);
            assertThrows(IllegalArgumentException.class, () -> builder.executor("cpu", one));
        } finally {
            one.shutdownNow();
        }
    }
}
