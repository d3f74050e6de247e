package dev.gyre.loop;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReferenceArray;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Notices an event loop that has not come back to {@code select()} within a threshold and logs, once
 * per route, the loop thread's stack and the route that was running: the Java form of FastAPI's classic
 * mistake, {@code time.sleep} inside {@code async def}, which there goes unnoticed while every other
 * request waits.
 *
 * <p>The dispatcher marks the route it runs inline with {@link #enter} and {@link #exit} (one release
 * store each, no lock). A daemon thread samples every loop's {@link EventLoop#busySince()} a few times
 * per threshold; for a stall it takes the loop thread's stack, checks that the same stall is still
 * going on (so the stack belongs to it), and warns. Each stall is looked at once, and each route warned
 * about once per server, so a hot, slow route cannot flood the log.
 *
 * <p>Sampling costs the loops nothing but the two stores; {@code getStackTrace()} briefly pauses only
 * the loop being reported.
 */
public final class BlockedLoopWatchdog {
    private static final Logger log = LoggerFactory.getLogger(BlockedLoopWatchdog.class);
    public static final Duration DEFAULT_THRESHOLD = Duration.ofMillis(100);
    static final String UNKNOWN = "no route (a filter, a CompletionStage callback or a task on the loop)";
    private static final int MAX_FRAMES = 40;

    private final long thresholdNanos;
    private final AtomicReferenceArray<String> running;
    private final Set<String> reported = ConcurrentHashMap.newKeySet();
    private volatile boolean stopped;
    private Thread thread;

    /** @param loops how many loops the server has; their indexes key the running routes */
    public BlockedLoopWatchdog(Duration threshold, int loops) {
        if (threshold.isNegative() || threshold.isZero()) {
            throw new IllegalArgumentException("the watchdog threshold must be positive: " + threshold);
        }
        this.thresholdNanos = threshold.toNanos();
        this.running = new AtomicReferenceArray<>(loops);
    }

    /** Marks {@code what} (a route's description) as running on {@code loop}. Call on that loop. */
    public void enter(EventLoop loop, String what) {
        running.setRelease(loop.index(), what);
    }

    /** Clears the mark of {@link #enter}. Call on the same loop. */
    public void exit(EventLoop loop) {
        running.setRelease(loop.index(), null);
    }

    /** Starts sampling {@code loops} on a daemon thread. */
    public synchronized void start(List<EventLoop> loops) {
        if (thread != null) {
            throw new IllegalStateException("already started");
        }
        long periodNanos = Math.max(thresholdNanos / 4, 1_000_000L);
        thread = Thread.ofPlatform().name("gyre-watchdog").daemon(true).start(() -> watch(loops, periodNanos));
    }

    public synchronized void stop() {
        stopped = true;
        if (thread != null) {
            thread.interrupt();
        }
    }

    private void watch(List<EventLoop> loops, long periodNanos) {
        long[] seen = new long[loops.size()];
        while (!stopped) {
            try {
                Thread.sleep(Duration.ofNanos(periodNanos));
            } catch (InterruptedException e) {
                return;
            }
            for (EventLoop loop : loops) {
                check(loop, seen);
            }
        }
    }

    private void check(EventLoop loop, long[] seen) {
        int i = loop.index();
        long since = loop.busySince();
        if (since == 0 || since == seen[i] || System.nanoTime() - since < thresholdNanos) {
            return;
        }
        StackTraceElement[] stack = loop.thread().getStackTrace();
        String what = running.getAcquire(i);
        if (loop.busySince() != since) {
            return;
        }
        seen[i] = since;
        String key = what == null ? UNKNOWN : what;
        if (reported.add(key)) {
            log.warn("event loop {} has not returned to select() for {} ms while running {}: code on the loop "
                            + "must not block (sleep, I/O, locks). Make the handler a plain method (it then runs "
                            + "on a virtual thread), or return a CompletionStage that waits without blocking. "
                            + "Reported once per route. "
                            + "Loop stack:{}", loop.thread().getName(), (System.nanoTime() - since) / 1_000_000,
                    key, format(stack));
        }
    }

    private static String format(StackTraceElement[] stack) {
        StringBuilder sb = new StringBuilder();
        int n = Math.min(stack.length, MAX_FRAMES);
        for (int i = 0; i < n; i++) {
            sb.append("\n\tat ").append(stack[i]);
        }
        if (stack.length > n) {
            sb.append("\n\t… ").append(stack.length - n).append(" more");
        }
        return sb.toString();
    }
}
