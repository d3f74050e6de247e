package dev.gyre.loop;

import dev.gyre.http.LoopExecutor;
import java.io.IOException;
import java.nio.channels.CancelledKeyException;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.SelectableChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One thread, one {@link Selector}: every channel registered here is read, written and closed by this
 * thread only, so connection state needs no locks.
 *
 * <pre>
 *   ┌──────────────────────────── run() ─────────────────────────────┐
 *   │  select(timeout of the next timer) ──▶ ready keys ──▶ IoHandler  │
 *   │        ▲                                                 │       │
 *   │        └── timers due ◀── tasks from execute(…) ◀────────┘       │
 *   └─────────────────────────────────────────────────────────────────┘
 * </pre>
 *
 * <p>Other threads reach the loop only through {@link #execute}: a lock-free queue plus one
 * {@code selector.wakeup()} per burst (the {@code wakeupPending} flag folds concurrent calls into one
 * syscall, and a call from the loop thread itself never wakes it). {@link #busySince()} tells a watchdog
 * how long the thread has been away from {@code select()}, or busy inside it running handlers. Handlers
 * run from inside {@code select()} ({@link #onSelected}); they may register channels and change interest
 * sets, but must not call {@link #closeNow}, which selects itself (tasks may).
 *
 * <p><b>Failure.</b> Nothing that a handler, a task or a timer throws ends the loop: each runs inside
 * {@link Containment}, and a failure that escapes an {@link IoHandler} is handed to its
 * {@link IoHandler#onFailure} (for a connection: its own close). The thread ends only when asked to, or
 * when the selector itself fails; then {@link #hasDied()} turns true, the failure is logged, the channels
 * left are closed, and {@link #submit} fails at once instead of waiting for a thread that is gone.
 *
 * <p><b>Out of memory.</b> Logging a failure allocates, so on a heap that is full the log call itself can
 * throw a second {@link OutOfMemoryError}; that must not be what ends the thread. So every log call in a
 * failure path is guarded (a failure to log is dropped), the loop keeps a {@linkplain #RESERVE_BYTES reserve}
 * array that it lets go of when it catches an {@code OutOfMemoryError}, so that the log line and the
 * failed handler's close have room, and takes it again on a later turn when memory allows. An
 * {@code OutOfMemoryError} out of the selector itself does not end the thread either. If the thread
 * still ends unasked, {@link #hasDied()} is set before anything allocates, and a line made at start-up is
 * written to {@code System.err}, so that the end is never silent even when the logger cannot run.
 */
public final class EventLoop {
    private static final Logger log = LoggerFactory.getLogger(EventLoop.class);
    /** Room given back to the heap when an {@code OutOfMemoryError} is caught (Tomcat's "parachute"). */
    static final int RESERVE_BYTES = 1024 * 1024;

    private final int index;
    private final Selector selector;
    private final Thread thread;
    private final Queue<Runnable> tasks = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean wakeupPending = new AtomicBoolean();
    private final TimerWheel timers;
    private final Consumer<SelectionKey> onSelected = this::onSelected;
    private final List<Runnable> afterDeath = new CopyOnWriteArrayList<>();
    private final LoopExecutor executor = new ExecutorView(this);
    private volatile boolean running = true;
    private volatile boolean terminated;
    private volatile boolean died;
    private volatile long busySince;
    private volatile long busyNanos;
    /** Never read: held only so that dropping it on an {@code OutOfMemoryError} frees room. Loop thread. */
    private byte[] reserve = new byte[RESERVE_BYTES];
    /** The line written to {@code System.err} if the thread dies, made before memory can be short. */
    private final byte[] deathNotice;
    /** The callback's clock readings ({@link #eventNanos}, {@link #eventMillis}); loop thread only. */
    private long eventNanos;
    private long eventMillis;
    private boolean nanosRead;
    private boolean millisRead;
    /** The wall clock and the monotonic one, read together once per turn: what {@link #eventMillis} counts from. */
    private long turnMillis;
    private long turnNanos;
    private boolean turnClocksRead;

    EventLoop(int index, String namePrefix) throws IOException {
        this.index = index;
        this.selector = Selector.open();
        this.timers = new TimerWheel(System.nanoTime());
        this.thread = new LoopThread(this, namePrefix + index);
        this.deathNotice = ("gyre: event loop " + index + " (" + thread.getName()
                + ") died; the server is unhealthy\n").getBytes(StandardCharsets.US_ASCII);
    }

    void start() {
        thread.start();
    }

    public int index() {
        return index;
    }

    /**
     * This loop as handlers get it ({@code Exchange.loop()}, {@code Wire.loop()}, …): an object of its own that
     * has {@link #execute}, {@link #schedule} and {@link #inLoop} and nothing else, made once per loop. Not the
     * loop itself, so that no cast reaches what is loop-thread only ({@link #register}, {@link #timers()}, …);
     * {@link #of} and {@link #current()} do, for the framework's own code (this package is not exported).
     */
    public LoopExecutor executor() {
        return executor;
    }

    /**
     * The loop behind a {@link LoopExecutor} the framework handed out: every one of them is an
     * {@linkplain #executor() executor} of an {@code EventLoop}, and the framework's own code needs what users are
     * not given (timers, the watchdog's index).
     *
     * @throws IllegalArgumentException for any other implementation
     */
    public static EventLoop of(LoopExecutor executor) {
        if (executor instanceof ExecutorView view) {
            return view.loop;
        }
        throw new IllegalArgumentException("not a Gyre event loop: " + executor);
    }

    /** Whether the calling thread is this loop's thread. */
    public boolean inLoop() {
        return Thread.currentThread() == thread;
    }

    /**
     * The loop whose thread is calling, or {@code null} on any other thread: for state a loop keeps for itself
     * and writes without a locked instruction (see {@code dev.gyre.metrics.LoopTallies}). A type check of the
     * current thread, not a {@code ThreadLocal} lookup: the request meters ask several times per request.
     */
    public static EventLoop current() {
        return Thread.currentThread() instanceof LoopThread t ? t.loop : null;
    }

    /** A loop's thread, which knows its loop. Non-daemon: a running server keeps the JVM alive. */
    private static final class LoopThread extends Thread {
        final EventLoop loop;

        LoopThread(EventLoop loop, String name) {
            super(loop::run, name);
            this.loop = loop;
            setDaemon(false);
        }
    }

    public Thread thread() {
        return thread;
    }

    /** This loop's timers; use them from the loop thread only. */
    public TimerWheel timers() {
        return timers;
    }

    /**
     * {@link System#nanoTime()} as first read during the callback this loop is running (one ready key's
     * handler, one task, or the pass over the timers due): what deadlines armed in it count from. The clock
     * is read at most once per callback however many deadlines it arms, so a pipelined batch of requests
     * reads it once, not once per request. The value is at most one callback old; a callback that runs long
     * and then arms a deadline has it fire that much earlier (deadlines are rounded up to the wheel's
     * 100-ms tick anyway). Loop thread only.
     */
    public long eventNanos() {
        if (!nanosRead) {
            eventNanos = System.nanoTime();
            nanosRead = true;
        }
        return eventNanos;
    }

    /**
     * The wall clock ({@link System#currentTimeMillis()}) at the callback's {@link #eventNanos()}: for the
     * {@code Date} of the responses a callback writes, one value for all of them. The wall clock itself is read
     * once per turn of the loop, together with a fresh reading of the monotonic clock (not the callback's
     * {@code eventNanos}, which may be seconds older if the callback blocked the loop), and each callback's value
     * is that pair moved by the monotonic time between them, so a later callback that answers one request reads
     * one clock, not two, and no value is ahead of the wall clock; a step of the wall clock (NTP) shows from the
     * next turn on. Loop thread only.
     */
    public long eventMillis() {
        if (!millisRead) {
            long nanos = eventNanos();
            if (!turnClocksRead) {
                turnMillis = System.currentTimeMillis();
                turnNanos = System.nanoTime();
                turnClocksRead = true;
            }
            eventMillis = turnMillis + (nanos - turnNanos) / 1_000_000;
            millisRead = true;
        }
        return eventMillis;
    }

    /** A callback begins: the next {@link #eventNanos} and {@link #eventMillis} read the clocks afresh. */
    private void newCallback() {
        nanosRead = false;
        millisRead = false;
    }

    /**
     * Nanotime at which the loop left {@code select()} to do work, or 0 while it waits in
     * {@code select()}. Read by the blocked-loop watchdog from another thread.
     */
    public long busySince() {
        return busySince;
    }

    /**
     * Nanoseconds this loop has spent working (handlers, tasks, timers) rather than waiting in
     * {@code select()}, since it started; added to once per turn of the loop, so a turn under way is not
     * in it yet. Read from any thread.
     */
    public long busyNanos() {
        return busyNanos;
    }

    /** Runs {@code task} on this loop's thread, after the work already queued. Safe from any thread. */
    public void execute(Runnable task) {
        tasks.add(task);
        if (!inLoop() && wakeupPending.compareAndSet(false, true)) {
            selector.wakeup();
        }
    }

    /**
     * Arms a one-shot timer on this loop's wheel; from another thread the arming itself is a task. The
     * flag makes a cancel that overtakes the arming (a cancel on the loop before the queued arming ran)
     * still win.
     */
    public LoopExecutor.Scheduled schedule(Runnable task, Duration delay) {
        AtomicBoolean cancelled = new AtomicBoolean();
        TimerWheel.Timer timer = timers.newTimer(() -> {
            if (!cancelled.get()) {
                task.run();
            }
        });
        long millis = Math.max(0, delay.toMillis());
        runInLoop(() -> timers.schedule(timer, millis, System.nanoTime()));
        return () -> {
            cancelled.set(true);
            runInLoop(() -> timers.cancel(timer));
        };
    }

    /**
     * Runs {@code task} at once when called on this loop's thread, else queues it as {@link #execute} does.
     * For work that must happen on the loop and may be asked for from anywhere; order with other queued
     * tasks is kept only for calls from other threads.
     */
    public void runInLoop(Runnable task) {
        if (inLoop()) {
            task.run();
        } else {
            execute(task);
        }
    }

    /**
     * Runs {@code task} on this loop; the future completes when it has run, or with its failure, or with a
     * {@link RejectedExecutionException} when the loop's thread has ended and nothing will run it.
     */
    public CompletableFuture<Void> submit(Runnable task) {
        var done = new CompletableFuture<Void>();
        execute(() -> {
            try {
                task.run();
                done.complete(null);
            } catch (Throwable t) {
                done.completeExceptionally(t);
            }
        });
        // run() drains the queue once more after raising the flag, so a task queued before it is still run
        if (terminated) {
            done.completeExceptionally(new RejectedExecutionException(thread.getName() + " has ended"));
        }
        return done;
    }

    /** Whether the loop's thread ended without being asked to stop (the selector failed); see the class comment. */
    public boolean hasDied() {
        return died;
    }

    /**
     * Runs {@code action} on this thread if it dies, after it has closed what its selector still reaches: for
     * what must not outlive the loop even when the selector that would close it is what failed (its
     * listener, which the kernel would go on handing connections that nobody accepts). Any thread.
     */
    public void afterDeath(Runnable action) {
        afterDeath.add(action);
    }

    /** Registers a channel with this loop's selector. Call on the loop thread. */
    public SelectionKey register(SelectableChannel channel, int ops, IoHandler handler) throws IOException {
        assert inLoop();
        channel.configureBlocking(false);
        return channel.register(selector, ops, handler);
    }

    /**
     * Closes a registered channel so that its file descriptor is released now rather than at the next
     * {@code select()}: the JDK defers the close of a registered channel until its key is deregistered,
     * and a listener that must free its port at once cannot wait for that. Call on the loop thread.
     */
    public void closeNow(SelectableChannel channel) {
        assert inLoop();
        try {
            channel.close();
            // Ready keys are dropped here, not lost: the selector is level-triggered and reports them again.
            selector.selectNow(key -> { });
            // selectNow() swallows a pending wakeup(). Its producer queued its task before raising the
            // flag, so the runTasks() in progress still sees that task; but a flag left raised would stop
            // every later execute() from waking the loop, and it would sleep in select() with tasks queued.
            wakeupPending.set(false);
        } catch (IOException e) {
            log.debug("closing {}", channel, e);
        }
    }

    /** Asks the loop to finish: it stops after the tasks already queued, closing every channel left. */
    void shutdown() {
        running = false;
        selector.wakeup();
    }

    /** Waits for the thread itself to end, so that nothing of the loop is alive when this returns true. */
    boolean awaitTermination(long millis) throws InterruptedException {
        thread.join(Math.max(1, millis));
        return !thread.isAlive();
    }

    private void run() {
        try {
            while (running) {
                try {
                    turn();
                } catch (OutOfMemoryError e) {
                    reserve = null;
                    Containment.logFailure("event loop {} ran out of memory outside any handler; it goes on", index, e);
                }
            }
        } catch (Throwable t) {
            if (running) {
                died = true;
                reserve = null;
                System.err.write(deathNotice, 0, deathNotice.length);
                System.err.flush();
                try {
                    log.error("event loop {} died; closing its connections (the server reports itself unhealthy)",
                            index, t);
                } catch (Throwable again) {
                    // the notice above was written without allocating; nothing more can be said
                }
            } else {
                log.debug("loop {} ended while stopping", index, t);
            }
        } finally {
            Containment.run(this::closeAll, "closing", this);
            if (died) {
                for (Runnable action : afterDeath) {
                    Containment.run(action, "after the loop died", this);
                }
            }
            terminated = true;
            drainTasks();
        }
    }

    /**
     * One turn: select and run the ready handlers, then the queued tasks and the timers due. An
     * {@code OutOfMemoryError} thrown by the selector itself (it boxes and allocates while it deregisters
     * keys) is not the selector failing: the loop lets go of its reserve and turns again.
     */
    private void turn() throws IOException {
        busySince = 0;
        turnClocksRead = false;
        long timeoutMillis = tasks.isEmpty() ? timers.millisUntilNext(System.nanoTime()) : -1;
        if (timeoutMillis < 0) {
            selector.selectNow(onSelected);
        } else {
            selector.select(onSelected, timeoutMillis);
        }
        if (busySince == 0) {
            busySince = System.nanoTime();
        }
        // a flag already down needs no fenced store: a producer that raises it later also wakes the selector
        if (wakeupPending.get()) {
            wakeupPending.set(false);
        }
        runTasks();
        newCallback();
        long now = eventNanos();
        timers.expire(now);
        busyNanos += now - busySince;
        retakeReserve();
    }

    /** Takes the out-of-memory reserve again once it was spent, if the heap now has room for it. */
    private void retakeReserve() {
        if (reserve == null) {
            try {
                reserve = new byte[RESERVE_BYTES];
            } catch (OutOfMemoryError stillFull) {
                // the next turn tries again
            }
        }
    }

    /**
     * Runs the handler of one ready key. The selector calls it from inside {@code select}, for each ready
     * key in turn ({@link Selector#select(Consumer, long)}), so no selected-key set is filled and emptied:
     * the set costs a hash-map node per ready key per wake-up, and its iterator, which with thousands of
     * busy connections is most of what a loop allocates.
     */
    private void onSelected(SelectionKey key) {
        newCallback();
        if (busySince == 0) {
            // the first callback of the turn: the reading that starts the busy time is its eventNanos too
            eventNanos = System.nanoTime();
            nanosRead = true;
            busySince = eventNanos;
        }
        IoHandler handler = (IoHandler) key.attachment();
        try {
            if (key.isValid()) {
                handler.onReady(key, key.readyOps());
            }
        } catch (CancelledKeyException e) {
            log.trace("key cancelled while handling", e);
        } catch (Throwable t) {
            if (t instanceof OutOfMemoryError) {
                reserve = null;
            }
            Containment.logFailure("I/O handler {} failed; closing it", handler, t);
            if (!Containment.run(() -> handler.onFailure(t), "onFailure", handler)) {
                closeQuietly(key);
            }
        }
    }

    private void runTasks() {
        Runnable task;
        int budget = 4096;
        while (budget-- > 0 && (task = tasks.poll()) != null) {
            newCallback();
            Containment.run(task, "a task", this);
        }
    }

    /** Runs what is queued; at the end of the thread, so that the futures of {@link #submit} complete. */
    private void drainTasks() {
        Runnable task;
        while ((task = tasks.poll()) != null) {
            newCallback();
            Containment.run(task, "a task", this);
        }
    }

    private void closeAll() {
        drainTasks();
        try {
            for (SelectionKey key : selector.keys()) {
                if (key.attachment() instanceof IoHandler h) {
                    Containment.run(h::onLoopClosing, "onLoopClosing", h);
                }
                closeQuietly(key);
            }
            selector.close();
        } catch (ClosedSelectorException | IOException e) {
            log.debug("closing selector", e);
        }
    }

    private static void closeQuietly(SelectionKey key) {
        key.cancel();
        try {
            key.channel().close();
        } catch (IOException e) {
            log.trace("close", e);
        }
    }

    @Override
    public String toString() {
        return thread.getName();
    }

    /** What {@link #executor()} hands out: the loop's three public methods, and no way back to the loop. */
    private static final class ExecutorView implements LoopExecutor {
        private final EventLoop loop;

        ExecutorView(EventLoop loop) {
            this.loop = loop;
        }

        @Override
        public void execute(Runnable task) {
            loop.execute(task);
        }

        @Override
        public Scheduled schedule(Runnable task, Duration delay) {
            return loop.schedule(task, delay);
        }

        @Override
        public boolean inLoop() {
            return loop.inLoop();
        }

        @Override
        public String toString() {
            return loop.toString();
        }
    }
}
