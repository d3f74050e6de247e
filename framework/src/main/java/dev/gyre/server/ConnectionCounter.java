package dev.gyre.server;

import java.util.concurrent.atomic.AtomicInteger;

/** Counts open connections across loops, so that shutdown can wait for the last one. */
final class ConnectionCounter {
    private final AtomicInteger open = new AtomicInteger();
    private final Object lock = new Object();

    void opened() {
        open.incrementAndGet();
    }

    void closed() {
        if (open.decrementAndGet() == 0) {
            synchronized (lock) {
                lock.notifyAll();
            }
        }
    }

    int open() {
        return open.get();
    }

    /** Waits until no connection is open or the deadline passes; returns whether none is open. */
    boolean awaitZero(long deadlineNanos) throws InterruptedException {
        synchronized (lock) {
            while (open.get() > 0) {
                long left = deadlineNanos - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                lock.wait(Math.max(1, left / 1_000_000));
            }
            return true;
        }
    }
}
