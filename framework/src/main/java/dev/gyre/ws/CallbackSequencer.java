package dev.gyre.ws;

import dev.gyre.http.LoopExecutor;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one session's callbacks one at a time, in submission order, each on the thread its endpoint asked
 * for: the session's loop ({@code @NonBlocking}) or the blocking executor. Without it, a blocking
 * {@code onText} could still be running when the next message's callback starts, or overtake
 * {@code onOpen}.
 *
 * <pre>
 *   submit ─▶ queue ─▶ [pending 0 → 1: this caller starts the run]
 *   run: task on its thread ─▶ next task on the same thread if it wants that thread,
 *                              else hand the run over (loop.execute / executor.execute)
 *   pending 1 → 0: the run ends; the next submit starts a new one
 * </pre>
 *
 * A run is a baton held by exactly one thread at a time; {@code pending} counts queued and running tasks,
 * and a task is queued before it is counted, so whoever holds the baton always finds the next one. When the
 * endpoint's callbacks all run on the loop and the session is idle, a callback runs inline in the read
 * that produced it, with no hand-off.
 *
 * <p>{@link #backlog()} lets the connection stop reading while callbacks pile up (a slow blocking listener);
 * {@code onDrained} is called, on whatever thread finishes a task, when the backlog falls to
 * {@link #RESUME_AT}.
 */
final class CallbackSequencer {
    private static final Logger log = LoggerFactory.getLogger(CallbackSequencer.class);
    /** The connection stops reading at this many unfinished callbacks. */
    static final int PAUSE_AT = 32;
    /** ... and reads again when they are down to this many. */
    static final int RESUME_AT = 8;

    private record Task(Runnable body, boolean onLoop) {
    }

    private final LoopExecutor loop;
    private final Executor blocking;
    private final Runnable onDrained;
    private final Queue<Task> queue = new ConcurrentLinkedQueue<>();
    private final AtomicInteger pending = new AtomicInteger();

    CallbackSequencer(LoopExecutor loop, Executor blocking, Runnable onDrained) {
        this.loop = loop;
        this.blocking = blocking;
        this.onDrained = onDrained;
    }

    /** Queues {@code body}; it runs after every task submitted before it. Any thread. */
    void submit(Runnable body, boolean onLoop) {
        queue.add(new Task(body, onLoop));
        if (pending.getAndIncrement() == 0) {
            continueWith(queue.poll());
        }
    }

    /** Tasks submitted and not yet finished. */
    int backlog() {
        return pending.get();
    }

    /** Runs {@code task} and its successors while they want the current thread; hands the run over after. */
    private void continueWith(Task task) {
        Task next = task;
        while (next.onLoop() == loop.inLoop()) {
            next.body().run();
            int left = pending.decrementAndGet();
            if (left == RESUME_AT) {
                onDrained.run();
            }
            if (left == 0) {
                return;
            }
            next = queue.poll();
        }
        Task handOver = next;
        try {
            (handOver.onLoop() ? loop : blocking).execute(() -> continueWith(handOver));
        } catch (RejectedExecutionException e) {
            log.debug("callbacks dropped: the blocking executor has stopped", e);
        }
    }
}
