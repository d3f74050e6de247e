package dev.gyre.loop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The clock a running loop reads once per callback ({@link EventLoop#eventNanos}, {@link EventLoop#eventMillis}). */
class EventClockTest {
    private EventLoopGroup group;
    private EventLoop loop;

    @BeforeEach
    void start() {
        group = new EventLoopGroup(1, "event-clock-test-");
        group.start();
        loop = group.loops().getFirst();
    }

    @AfterEach
    void stop() throws InterruptedException {
        group.shutdown(5_000);
    }

    @Test
    void oneCallbackReadsTheClockOnceAndTheNextReadsItAfresh() throws Exception {
        var first = new CompletableFuture<long[]>();
        loop.execute(() -> {
            long nanos = loop.eventNanos();
            long millis = loop.eventMillis();
            sleepMillis(30);
            first.complete(new long[] {nanos, loop.eventNanos(), millis, loop.eventMillis()});
        });
        long[] a = first.get(10, TimeUnit.SECONDS);
        assertEquals(a[0], a[1], "the same reading all through one callback");
        assertEquals(a[2], a[3], "the same wall-clock reading all through one callback");

        var second = new CompletableFuture<long[]>();
        loop.execute(() -> second.complete(new long[] {loop.eventNanos(), loop.eventMillis()}));
        long[] b = second.get(10, TimeUnit.SECONDS);
        assertTrue(b[0] - a[0] >= 30_000_000L, "the next callback reads the clock again: " + (b[0] - a[0]) + " ns");
        assertTrue(b[1] - a[2] >= 30, "and the wall clock: " + (b[1] - a[2]) + " ms");
    }

    @Test
    void theReadingIsTheClockOfWhenTheCallbackFirstAsked() throws Exception {
        long before = System.nanoTime();
        long beforeMillis = System.currentTimeMillis();
        var read = new CompletableFuture<long[]>();
        loop.execute(() -> read.complete(new long[] {loop.eventNanos(), loop.eventMillis()}));
        long[] r = read.get(10, TimeUnit.SECONDS);
        long after = System.nanoTime();
        assertTrue(r[0] >= before && r[0] <= after, "System.nanoTime() of the callback");
        assertTrue(r[1] >= beforeMillis && r[1] <= System.currentTimeMillis(), "System.currentTimeMillis() of the callback");
    }

    private static void sleepMillis(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
