package dev.gyre.handler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gyre.http.Request;
import dev.gyre.support.LogCapture;
import dev.gyre.testing.GyreExtension;
import dev.gyre.testing.GyreTestServer;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Providers (FastAPI's Depends) and background tasks, with their timing relative to the response. */
class DependenciesAndBackgroundTasksTest {
    static final Queue<String> events = new ConcurrentLinkedQueue<>();
    static volatile CountDownLatch release = new CountDownLatch(0);
    static volatile CountDownLatch done = new CountDownLatch(0);

    /** A request-scoped resource; closing it waits for the test, to prove the client did not. */
    static final class Db implements AutoCloseable {
        final int serial;

        Db(int serial) {
            this.serial = serial;
        }

        @Override
        public void close() {
            try {
                release.await(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            events.add("close db " + serial);
            done.countDown();
        }
    }

    record Tenant(String name, Db db) {
    }

    record Loop(String unused) {
    }

    public static final class Api {
        @Get("/tenant")
        public String tenant(Tenant tenant, Db db) {
            events.add("handler");
            return tenant.name() + " " + (tenant.db() == db) + " " + db.serial;
        }

        @Get("/secret")
        public String secret(Tenant tenant) {
            return "secret of " + tenant.name();
        }

        @Get("/cycle")
        public String cycle(Loop loop) {
            return "unreachable";
        }

        @Post("/signup")
        public String signup(BackgroundTasks tasks, Db db) {
            tasks.add(() -> {
                release.await(5, TimeUnit.SECONDS);
                events.add("task 1 uses db " + db.serial);
            });
            tasks.add(() -> {
                throw new IllegalStateException("mail server down");
            });
            tasks.add(() -> {
                events.add("task 3");
                done.countDown();
            });
            return "welcome";
        }
    }

    private static int serials;

    @RegisterExtension
    static final GyreExtension gyre = GyreExtension.with(b -> b.handlers(new Api())
            .provide(Db.class, scope -> {
                events.add("open db");
                return new Db(++serials);
            })
            .provide(Tenant.class, scope -> {
                Request request = scope.request();
                String name = request.header("X-Tenant");
                if (name == null) {
                    throw new HttpException(401, "who are you?");
                }
                return new Tenant(name, scope.get(Db.class));
            })
            .provide(Loop.class, scope -> scope.get(Loop.class)));

    @BeforeEach
    void reset() {
        events.clear();
    }

    @Test
    void providersAreInjectedOncePerRequestAndClosedAfterTheResponse() throws Exception {
        release = new CountDownLatch(1);
        done = new CountDownLatch(1);
        HttpResponse<String> r = gyre.client().send(gyre.client().request("/tenant").header("X-Tenant", "acme")
                .timeout(Duration.ofSeconds(2)));
        assertTrue(r.body().startsWith("acme true "), r.body());
        assertEquals(List.of("open db", "handler"), List.copyOf(events), "the response came before the close");
        release.countDown();
        assertTrue(done.await(5, TimeUnit.SECONDS));
        assertEquals("close db " + r.body().split(" ")[2], List.copyOf(events).get(2));

        HttpResponse<String> next = gyre.client().send(gyre.client().request("/tenant").header("X-Tenant", "acme"));
        assertEquals(Integer.parseInt(r.body().split(" ")[2]) + 1, Integer.parseInt(next.body().split(" ")[2]),
                "each request gets its own value");
    }

    @Test
    void aProviderMayAnswerTheRequest() {
        HttpResponse<String> r = gyre.client().get("/secret");
        assertEquals(401, r.statusCode());
        assertEquals("{\"detail\":\"who are you?\"}", r.body());
    }

    @Test
    void providerCyclesFailTheRequestNotTheServer() {
        assertEquals(500, gyre.client().get("/cycle").statusCode());
        assertEquals(401, gyre.client().get("/secret").statusCode());
    }

    @Test
    void backgroundTasksRunAfterTheResponseInOrderAndSurviveFailures() throws Exception {
        release = new CountDownLatch(1);
        done = new CountDownLatch(2);
        try (LogCapture logs = LogCapture.start()) {
            HttpResponse<String> r = gyre.client().send(gyre.client().request("/signup")
                    .POST(java.net.http.HttpRequest.BodyPublishers.noBody()).timeout(Duration.ofSeconds(2)));
            assertEquals("welcome", r.body(), "answered while the first task still waits");
            assertEquals(List.of("open db"), List.copyOf(events));
            release.countDown();
            assertTrue(done.await(5, TimeUnit.SECONDS));
            assertEquals(List.of("open db", "task 1 uses db " + serials, "task 3", "close db " + serials),
                    List.copyOf(events), "tasks in order, then the dependencies close");
            String log = logs.await(t -> t.contains("mail server down"), Duration.ofSeconds(5));
            assertTrue(log.contains("background task of POST /signup"), log);
        }
    }

    @Test
    void aParameterWithoutProviderFailsAtStartUp() {
        final class Orphan {
        }
        final class NeedsOrphan {
            @Get("/orphan")
            public String orphan(Orphan orphan) {
                return "";
            }
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> GyreTestServer.start(new NeedsOrphan()).close());
        assertTrue(e.getMessage().startsWith("NeedsOrphan#orphan: parameter orphan of type"), e.getMessage());
        assertTrue(e.getMessage().contains("has no provider: register one with Gyre.builder().provide(Orphan.class"),
                e.getMessage());
    }
}
