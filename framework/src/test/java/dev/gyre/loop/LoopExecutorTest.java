package dev.gyre.loop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gyre.http.LoopExecutor;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The scheduling a handler gets of a real, running loop (the {@link LoopExecutor} an {@link EventLoop} hands
 * out), and the clock the loop reads once per callback ({@link EventLoop#eventNanos}, {@link EventLoop#eventMillis}).
 */
class LoopExecutorTest {
    private EventLoopGroup group;
    private LoopExecutor loop;

    @BeforeEach
    void start() {
        group = new EventLoopGroup(1, "loop-executor-test-");
        group.start();
        loop = group.loops().getFirst().executor();
    }

    @AfterEach
    void stop() throws InterruptedException {
        group.shutdown(5_000);
    }

    @Test
    void aScheduledTaskRunsOnTheLoopAfterItsDelay() throws Exception {
        var ranOn = new CompletableFuture<Thread>();
        long start = System.nanoTime();
        loop.schedule(() -> ranOn.complete(Thread.currentThread()), Duration.ofMillis(200));
        Thread thread = ranOn.get(10, TimeUnit.SECONDS);
        long waitedMillis = (System.nanoTime() - start) / 1_000_000;
        assertSame(group.loops().getFirst().thread(), thread);
        assertTrue(waitedMillis >= 200, "ran after " + waitedMillis + " ms");
    }

    @Test
    void aCancelledTaskNeverRuns() throws Exception {
        var ran = new AtomicBoolean();
        loop.schedule(() -> ran.set(true), Duration.ofMillis(200)).cancel();
        assertStillNotRunAfter(Duration.ofMillis(600), ran);
    }

    @Test
    void aCancelOnTheLoopWinsOverAnArmingStillQueued() throws Exception {
        var release = new CountDownLatch(1);
        var handle = new CompletableFuture<LoopExecutor.Scheduled>();
        var ran = new AtomicBoolean();
        loop.execute(() -> {
            try {
                release.await();
                handle.join().cancel();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        // queued behind the blocked task: the arming runs only after the cancel above
        handle.complete(loop.schedule(() -> ran.set(true), Duration.ZERO));
        release.countDown();
        assertStillNotRunAfter(Duration.ofMillis(500), ran);
    }

    /** Waits for a later task on the same loop (timers fire in deadline order), then checks the flag. */
    private void assertStillNotRunAfter(Duration delay, AtomicBoolean ran) throws InterruptedException {
        var later = new CountDownLatch(1);
        loop.schedule(later::countDown, delay);
        assertTrue(later.await(10, TimeUnit.SECONDS));
        assertFalse(ran.get());
    }

    @Test
    void inLoopIsTrueOnlyOnTheLoopThread() throws Exception {
        assertFalse(loop.inLoop());
        var onLoop = new CompletableFuture<Boolean>();
        loop.execute(() -> onLoop.complete(loop.inLoop()));
        assertEquals(true, onLoop.get(10, TimeUnit.SECONDS));
    }

    @Test
    void onlyGyreLoopsTurnBackIntoEventLoops() {
        assertSame(group.loops().getFirst(), EventLoop.of(loop));
        assertSame(loop, group.loops().getFirst().executor(), "one executor per loop, made once");
        LoopExecutor foreign = new LoopExecutor() {
            @Override
            public void execute(Runnable task) {
                task.run();
            }

            @Override
            public Scheduled schedule(Runnable task, Duration delay) {
                return () -> { };
            }

            @Override
            public boolean inLoop() {
                return true;
            }
        };
        assertThrows(IllegalArgumentException.class, () -> EventLoop.of(foreign));
    }

    @Test
    void oneCallbackReadsTheClockOnceAndTheNextReadsItAfresh() throws Exception {
        EventLoop clock = group.loops().getFirst();
        var first = new CompletableFuture<long[]>();
        clock.execute(() -> {
            long nanos = clock.eventNanos();
            long millis = clock.eventMillis();
            sleepMillis(30);
            first.complete(new long[] {nanos, clock.eventNanos(), millis, clock.eventMillis()});
        });
        long[] a = first.get(10, TimeUnit.SECONDS);
        assertEquals(a[0], a[1], "the same reading all through one callback");
        assertEquals(a[2], a[3], "the same wall-clock reading all through one callback");

        var second = new CompletableFuture<long[]>();
        clock.execute(() -> second.complete(new long[] {clock.eventNanos(), clock.eventMillis()}));
        long[] b = second.get(10, TimeUnit.SECONDS);
        assertTrue(b[0] - a[0] >= 30_000_000L, "the next callback reads the clock again: " + (b[0] - a[0]) + " ns");
        assertTrue(b[1] - a[2] >= 30, "and the wall clock: " + (b[1] - a[2]) + " ms");
    }

    @Test
    void theReadingIsTheClockOfWhenTheCallbackFirstAsked() throws Exception {
        EventLoop clock = group.loops().getFirst();
        long before = System.nanoTime();
        long beforeMillis = System.currentTimeMillis();
        var read = new CompletableFuture<long[]>();
        clock.execute(() -> read.complete(new long[] {clock.eventNanos(), clock.eventMillis()}));
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
