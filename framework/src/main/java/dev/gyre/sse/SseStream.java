package dev.gyre.sse;

import dev.gyre.http.LoopExecutor;
import dev.gyre.http.ResponseStream;
import dev.gyre.loop.Containment;
import dev.gyre.loop.EventLoop;
import dev.gyre.loop.TimerWheel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * An open {@code text/event-stream} to one client.
 *
 * <p>Sending is safe from any thread and never blocks (see {@link ResponseStream} for backpressure:
 * a producer should respect {@link #isWritable()}). While no event is sent for the keep-alive period,
 * a comment line goes out, so that proxies do not close an idle stream and a vanished client is
 * noticed. {@link #onClose} runs on the loop as soon as the client has gone; periodic tasks made with
 * {@link #every} stop then by themselves.
 */
public final class SseStream {
    private static final String KEEP_ALIVE_COMMENT = ": keep-alive\n\n";

    private final ResponseStream stream;
    private final String lastEventId;
    private final long keepAliveMillis;
    private final List<TimerWheel.Timer> timers = new ArrayList<>(2);
    private volatile long lastSendNanos = System.nanoTime();

    SseStream(ResponseStream stream, String lastEventId, Duration keepAlive) {
        this.stream = stream;
        this.lastEventId = lastEventId;
        this.keepAliveMillis = keepAlive.toMillis();
        stream.onClose(this::cancelTimers);
        if (keepAliveMillis > 0) {
            every(keepAlive, this::keepAlive);
        }
    }

    /** The {@code Last-Event-ID} the client sent when it reconnected, or {@code null}. */
    public String lastEventId() {
        return lastEventId;
    }

    /** Sends an event; returns whether the stream is still writable (see {@link ResponseStream}). */
    public boolean send(SseEvent event) {
        lastSendNanos = System.nanoTime();
        return stream.write(event.encode());
    }

    /** Sends an unnamed event with this data. */
    public boolean send(String data) {
        return send(SseEvent.of(data));
    }

    /** Sends a comment line, which clients ignore; useful as a heartbeat of one's own. */
    public boolean comment(String text) {
        if (text.indexOf('\n') >= 0 || text.indexOf('\r') >= 0) {
            throw new IllegalArgumentException("a comment must be one line");
        }
        lastSendNanos = System.nanoTime();
        return stream.write(": " + text + "\n\n");
    }

    public boolean isWritable() {
        return stream.isWritable();
    }

    public void onWritable(Runnable task) {
        stream.onWritable(task);
    }

    public boolean isOpen() {
        return stream.isOpen();
    }

    /** Runs {@code task} on the loop when the client goes away or the stream is closed. */
    public void onClose(Runnable task) {
        stream.onClose(task);
    }

    /** Ends the stream; the client's {@code EventSource} will reconnect unless told otherwise. */
    public void close() {
        stream.close();
    }

    /** The loop that owns the connection; {@link #every} tasks run on it and must not block. */
    public LoopExecutor loop() {
        return stream.loop();
    }

    /**
     * Runs {@code task} on the connection's loop every {@code period} until the stream closes: a
     * clock, a poll of some state. Uses the loop's timer wheel, so a thousand streams cost no thread.
     * A task that throws is logged and ends the stream (its response has begun, so it cannot become a 500).
     */
    public void every(Duration period, Runnable task) {
        long millis = Math.max(1, period.toMillis());
        EventLoop loop = EventLoop.of(stream.loop());
        Runnable arm = () -> {
            if (!stream.isOpen()) {
                return;
            }
            TimerWheel.Timer[] self = new TimerWheel.Timer[1];
            self[0] = loop.timers().newTimer(() -> {
                if (!stream.isOpen()) {
                    return;
                }
                if (Containment.run(task, "an every task", stream)) {
                    loop.timers().schedule(self[0], millis, System.nanoTime());
                } else {
                    stream.close();
                }
            });
            timers.add(self[0]);
            loop.timers().schedule(self[0], millis, System.nanoTime());
        };
        loop.runInLoop(arm);
    }

    private void keepAlive() {
        if ((System.nanoTime() - lastSendNanos) / 1_000_000 >= keepAliveMillis - 1) {
            lastSendNanos = System.nanoTime();
            stream.write(KEEP_ALIVE_COMMENT);
        }
    }

    /** Loop: the stream ended; stop every periodic task. */
    private void cancelTimers() {
        TimerWheel wheel = EventLoop.of(stream.loop()).timers();
        timers.forEach(wheel::cancel);
        timers.clear();
    }
}
