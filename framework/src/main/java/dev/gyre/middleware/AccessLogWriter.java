package dev.gyre.middleware;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;

/**
 * Formats and writes access-log lines on a virtual thread of its own, so that neither a loop nor a
 * handler's thread waits for the formatting or for the log's output.
 *
 * <p>The queue holds {@link #CAPACITY} entries; when the log cannot keep up, further entries are dropped
 * rather than queued without end, and the writer says how many it dropped before its next line. The
 * thread is a daemon (virtual) thread that parks while there is nothing to write.
 */
final class AccessLogWriter {
    static final int CAPACITY = 8192;

    private final Logger log;
    private final AccessLogFormat format;
    private final BlockingQueue<AccessLogEntry> queue = new ArrayBlockingQueue<>(CAPACITY);
    private final AtomicLong dropped = new AtomicLong();

    AccessLogWriter(Logger log, AccessLogFormat format) {
        this.log = log;
        this.format = format;
        Thread.ofVirtual().name("gyre-access-log").start(this::run);
    }

    /** Any thread; never blocks. */
    void offer(AccessLogEntry entry) {
        if (!queue.offer(entry)) {
            dropped.incrementAndGet();
        }
    }

    private void run() {
        try {
            while (true) {
                AccessLogEntry entry = queue.take();
                long lost = dropped.getAndSet(0);
                if (lost > 0) {
                    log.warn("{} access-log lines dropped: the log did not keep up", lost);
                }
                write(entry);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void write(AccessLogEntry entry) {
        try {
            log.info(format.format(entry));
        } catch (RuntimeException e) {
            log.warn("an access-log line could not be written", e);
        }
    }
}
