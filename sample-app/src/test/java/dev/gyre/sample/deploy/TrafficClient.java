package dev.gyre.sample.deploy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One client that keeps talking to a server on its own virtual thread until closed: it runs
 * {@link #once()} again and again (a request, or a stream or socket until it ends), with a pause
 * between. Each run counts as {@linkplain #completed() completed} or adds a {@linkplain #problems()
 * problem}; whatever fails after {@link #close()} began is the test ending it, and is not counted.
 */
public abstract class TrafficClient implements AutoCloseable {
    private final Duration pause;
    private final AtomicInteger completed = new AtomicInteger();
    private final List<String> problems = Collections.synchronizedList(new ArrayList<>());
    private volatile boolean stopped;
    private volatile AutoCloseable held;
    private Thread thread;

    protected TrafficClient(Duration pause) {
        this.pause = pause;
    }

    public final void start() {
        thread = Thread.ofVirtual().name(getClass().getSimpleName()).start(this::loop);
    }

    /** One exchange: returns normally when it ended as it should, throws (or calls {@link #problem}) otherwise. */
    protected abstract void once() throws Exception;

    /**
     * Names what a {@link #once()} under way blocks on (its socket), so {@link #close()} can close it
     * to unblock the run; {@code null} when nothing is held.
     */
    protected final void holding(AutoCloseable connection) {
        held = connection;
    }

    protected final boolean stopped() {
        return stopped;
    }

    protected final void problem(String what) {
        if (!stopped) {
            problems.add(what);
        }
    }

    public final int completed() {
        return completed.get();
    }

    public final List<String> problems() {
        synchronized (problems) {
            return List.copyOf(problems);
        }
    }

    private void loop() {
        while (!stopped) {
            int before = problems.size();
            try {
                once();
                if (!stopped && problems.size() == before) {
                    completed.incrementAndGet();
                }
            } catch (Exception e) {
                problem(e.toString());
            }
            try {
                Thread.sleep(pause);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    @Override
    public final void close() throws InterruptedException {
        stopped = true;
        AutoCloseable connection = held;
        if (connection != null) {
            try {
                connection.close();
            } catch (Exception ignored) {
                // closed only to unblock the run, which is not counted any more
            }
        }
        thread.interrupt();
        thread.join(Duration.ofSeconds(10));
    }
}
