package dev.gyre.metrics;

import dev.gyre.loop.EventLoop;
import java.util.List;

/**
 * Samples each loop once a {@link #PERIOD_MILLIS period}, from a thread of its own, so that the loops pay
 * nothing but the one task it sends them:
 *
 * <ul>
 *   <li><b>lag</b>: how long that task waited in the loop's queue before it ran. While a task is still
 *       waiting the lag reads as its age so far, so a stuck loop shows a lag that grows, not the last
 *       good figure.</li>
 *   <li><b>busy ratio</b>: the share of the last period the loop spent working rather than waiting in
 *       {@code select()}, from {@link EventLoop#busyNanos()}.</li>
 * </ul>
 */
final class LoopSampler implements AutoCloseable {
    static final long PERIOD_MILLIS = 1_000;

    private final List<EventLoop> loops;
    private final Sample[] samples;
    private final Thread thread;

    /** One loop's latest figures; written by the sampler and the loop, read by the registry. */
    static final class Sample {
        private volatile long sentAt;
        private volatile boolean pending;
        private volatile long lagNanos;
        private volatile double busyRatio;
        private long lastBusy;
        private long lastAt;

        double lagSeconds() {
            long lag = pending ? Math.max(lagNanos, System.nanoTime() - sentAt) : lagNanos;
            return lag / 1e9;
        }

        double busyRatio() {
            return busyRatio;
        }
    }

    LoopSampler(List<EventLoop> loops) {
        this.loops = loops;
        this.samples = new Sample[loops.size()];
        long now = System.nanoTime();
        for (int i = 0; i < samples.length; i++) {
            samples[i] = new Sample();
            samples[i].lastAt = now;
            samples[i].lastBusy = loops.get(i).busyNanos();
        }
        this.thread = Thread.ofPlatform().name("gyre-loop-sampler").daemon(true).start(this::run);
    }

    Sample sample(int loop) {
        return samples[loop];
    }

    private void run() {
        try {
            while (!Thread.currentThread().isInterrupted()) {
                Thread.sleep(PERIOD_MILLIS);
                for (int i = 0; i < samples.length; i++) {
                    sampleOnce(loops.get(i), samples[i]);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void sampleOnce(EventLoop loop, Sample s) {
        long now = System.nanoTime();
        long busy = loop.busyNanos();
        s.busyRatio = Math.min(1.0, (double) (busy - s.lastBusy) / Math.max(1, now - s.lastAt));
        s.lastBusy = busy;
        s.lastAt = now;
        if (s.pending) {
            return;
        }
        s.sentAt = now;
        s.pending = true;
        loop.execute(() -> {
            s.lagNanos = System.nanoTime() - s.sentAt;
            s.pending = false;
        });
    }

    @Override
    public void close() {
        thread.interrupt();
    }
}
