package dev.gyre.handler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gyre.server.Gyre;
import dev.gyre.testing.GyreTestServer;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The two scopes of a dependency: an app-wide value ({@code provide(type, value)}) is shared by every
 * request and closed only at stop, newest first; a provider ({@code provide(type, scope -> …)}) makes a
 * value per request and closes it after the response.
 */
class ProviderScopesTest {

    /** An app-wide resource that records its close. */
    static final class Pool implements AutoCloseable {
        final String name;
        final Queue<String> events;
        volatile boolean closed;

        Pool(String name, Queue<String> events) {
            this.name = name;
            this.events = events;
        }

        @Override
        public void close() {
            closed = true;
            events.add("close " + name);
        }
    }

    /** The second app-wide resource, registered after the pool. */
    static final class Cache implements AutoCloseable {
        final Pool pool;

        Cache(Pool pool) {
            this.pool = pool;
        }

        @Override
        public void close() {
            pool.events.add("close cache" + (pool.closed ? " after the pool" : ""));
        }
    }

    /** A request-scoped resource made from the pool. */
    static final class Lease implements AutoCloseable {
        final Pool pool;
        final CountDownLatch closed;

        Lease(Pool pool, CountDownLatch closed) {
            this.pool = pool;
            this.closed = closed;
        }

        @Override
        public void close() {
            closed.countDown();
        }
    }

    public static final class Api {
        @Get("/blocking")
        public String blocking(Pool pool, Lease lease) {
            return pool.name + " " + System.identityHashCode(pool) + " " + (lease.pool == pool) + " " + pool.closed;
        }

        @Get("/loop")
        @NonBlocking
        public String loop(Pool pool, Cache cache) {
            return pool.name + " " + System.identityHashCode(pool) + " " + (cache.pool == pool) + " " + pool.closed;
        }
    }

    @Test
    void anAppWideValueIsSharedAndNeverClosedByARequest() throws Exception {
        Queue<String> events = new ConcurrentLinkedQueue<>();
        Pool pool = new Pool("pool", events);
        CountDownLatch leasesClosed = new CountDownLatch(2);
        try (GyreTestServer s = GyreTestServer.start(b -> configure(b, pool, leasesClosed))) {
            HttpResponse<String> first = s.client().get("/blocking");
            HttpResponse<String> second = s.client().get("/blocking");
            assertTrue(leasesClosed.await(5, TimeUnit.SECONDS), "each request's lease is closed after it");
            HttpResponse<String> onLoop = s.client().get("/loop");
            String same = "pool " + System.identityHashCode(pool) + " true false";
            assertEquals(same, first.body());
            assertEquals(same, second.body(), "the pool outlives the first request");
            assertEquals(same, onLoop.body());
            assertFalse(pool.closed, "requests never close an app-wide value");
            assertTrue(events.isEmpty(), events.toString());
        }
        assertEquals(List.of("close cache", "close pool"), List.copyOf(events), "closed at stop, newest first");
    }

    @Test
    void stopClosesAppWideValuesOnce() {
        Queue<String> events = new ConcurrentLinkedQueue<>();
        GyreTestServer s = GyreTestServer.start(b -> configure(b, new Pool("pool", events), new CountDownLatch(0)));
        assertEquals(200, s.client().get("/loop").statusCode());
        s.server().stop();
        s.server().stop();
        s.close();
        assertEquals(List.of("close cache", "close pool"), List.copyOf(events));
    }

    @Test
    void aValueOfTheWrongTypeOrATypeRegisteredTwiceFailsAtOnce() {
        Pool pool = new Pool("pool", new ConcurrentLinkedQueue<>());
        IllegalArgumentException wrong = assertThrows(IllegalArgumentException.class,
                () -> Gyre.builder().provide(Pool.class, "not a pool"));
        assertTrue(wrong.getMessage().contains("Pool is a java.lang.String"), wrong.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Gyre.builder().provide(Pool.class, (Object) null));
        IllegalArgumentException twice = assertThrows(IllegalArgumentException.class,
                () -> Gyre.builder().provide(Pool.class, pool).provide(Pool.class, scope -> pool));
        assertTrue(twice.getMessage().contains("already registered"), twice.getMessage());
    }

    private static Gyre.Builder configure(Gyre.Builder b, Pool pool, CountDownLatch leasesClosed) {
        return b.handlers(new Api())
                .provide(Pool.class, pool)
                .provide(Cache.class, new Cache(pool))
                .provide(Lease.class, scope -> new Lease(scope.get(Pool.class), leasesClosed));
    }
}
