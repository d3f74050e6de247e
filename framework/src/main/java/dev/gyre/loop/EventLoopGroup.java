package dev.gyre.loop;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/** A fixed set of event loops, one thread each; connections are spread over them. */
public final class EventLoopGroup {
    private final List<EventLoop> loops;
    private final AtomicInteger nextIndex = new AtomicInteger();

    public EventLoopGroup(int size, String threadNamePrefix) {
        if (size < 1) {
            throw new IllegalArgumentException("at least one loop is needed: " + size);
        }
        EventLoop[] created = new EventLoop[size];
        try {
            for (int i = 0; i < size; i++) {
                created[i] = new EventLoop(i, threadNamePrefix);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open a selector", e);
        }
        this.loops = List.of(created);
    }

    public void start() {
        loops.forEach(EventLoop::start);
    }

    public List<EventLoop> loops() {
        return loops;
    }

    public int size() {
        return loops.size();
    }

    /**
     * The next loop in round-robin order that has not died (or the next one when all have), for a connection
     * accepted without SO_REUSEPORT.
     */
    public EventLoop next() {
        EventLoop loop = null;
        for (int tries = 0; tries < loops.size(); tries++) {
            loop = loops.get(Math.floorMod(nextIndex.getAndIncrement(), loops.size()));
            if (!loop.hasDied()) {
                return loop;
            }
        }
        return loop;
    }

    /** Runs {@code action} on every loop and completes when all of them have run it. */
    public CompletableFuture<Void> onEach(Consumer<EventLoop> action) {
        return CompletableFuture.allOf(loops.stream()
                .map(loop -> loop.submit(() -> action.accept(loop)))
                .toArray(CompletableFuture[]::new));
    }

    /**
     * Stops every loop: each closes the channels it still owns and its thread ends. Waits up to
     * {@code millis} in all; returns whether every thread ended in time.
     */
    public boolean shutdown(long millis) throws InterruptedException {
        loops.forEach(EventLoop::shutdown);
        long deadline = System.currentTimeMillis() + millis;
        boolean all = true;
        for (EventLoop loop : loops) {
            long left = Math.max(0, deadline - System.currentTimeMillis());
            if (loop.inLoop()) {
                continue;
            }
            all &= loop.awaitTermination(left);
        }
        return all;
    }
}
