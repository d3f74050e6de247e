package dev.gyre.handler.internal;

import dev.gyre.handler.BlockingLimits;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.UnaryOperator;

/**
 * Bounds blocking work: at most {@code maxConcurrent} tasks run on the executor, at most
 * {@code maxQueued} more wait, and past that {@link #tryExecute} refuses so the server can answer
 * {@code 503} at once. Starlette queues without end behind its 40 threads: a slow database then turns
 * into ever-growing latency and memory instead of a clear signal.
 *
 * <pre>
 *   tryExecute ──permit free?──▶ run on executor ──done──▶ release ──▶ start the oldest waiter
 *        │ no
 *        └──queue not full?──▶ wait in FIFO ──(permit released)──▶ run
 *                 │ no
 *                 └──▶ false (caller answers 503 + Retry-After)
 * </pre>
 *
 * <p>A task is passed through {@code capture} when it is offered, on the offering thread, so that what
 * belongs to that thread (a trace context) goes with it even when another thread starts it later.
 *
 * <p>Lock-free. A submitter publishes its task, then tries for a permit; a finishing task releases its
 * permit, then looks for waiters. Each side checks after publishing, so a waiter cannot be stranded.
 */
final class BlockingLimiter implements BlockingLoad {
    private final Executor executor;
    private final int maxConcurrent;
    private final int maxQueued;
    private final AtomicInteger running = new AtomicInteger();
    private final AtomicInteger queued = new AtomicInteger();
    private final Queue<Runnable> waiting = new ConcurrentLinkedQueue<>();
    private final AtomicLong rejected = new AtomicLong();
    private final UnaryOperator<Runnable> capture;

    BlockingLimiter(Executor executor, BlockingLimits limits, UnaryOperator<Runnable> capture) {
        this.executor = executor;
        this.capture = capture;
        this.maxConcurrent = limits.maxConcurrent();
        this.maxQueued = limits.maxQueued();
    }

    /** Runs {@code task} now or later; false when both the permits and the queue are used up. */
    boolean tryExecute(Runnable offered) {
        Runnable task = capture.apply(offered);
        if (tryAcquire()) {
            return counted(start(task));
        }
        if (queued.incrementAndGet() > maxQueued) {
            queued.decrementAndGet();
            return counted(false);
        }
        waiting.add(task);
        drain();
        return true;
    }

    private boolean counted(boolean accepted) {
        if (!accepted) {
            rejected.incrementAndGet();
        }
        return accepted;
    }

    @Override
    public int running() {
        return running.get();
    }

    @Override
    public int queued() {
        return queued.get();
    }

    @Override
    public long rejected() {
        return rejected.get();
    }

    private boolean start(Runnable task) {
        try {
            executor.execute(() -> {
                try {
                    task.run();
                } finally {
                    running.decrementAndGet();
                    drain();
                }
            });
            return true;
        } catch (RejectedExecutionException e) {
            running.decrementAndGet();
            return false;
        }
    }

    /**
     * Starts waiters while permits are free. A waiter the executor refuses is dropped: that happens only
     * once the server stops, and stopping closes its connection.
     */
    private void drain() {
        while (!waiting.isEmpty() && tryAcquire()) {
            Runnable next = waiting.poll();
            if (next == null) {
                running.decrementAndGet();
                continue;
            }
            queued.decrementAndGet();
            start(next);
        }
    }

    private boolean tryAcquire() {
        int n;
        do {
            n = running.get();
            if (n >= maxConcurrent) {
                return false;
            }
        } while (!running.compareAndSet(n, n + 1));
        return true;
    }
}
