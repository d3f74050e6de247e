package dev.gyre.loop;

/**
 * A hashed timer wheel (Varghese and Lauck): every connection deadline of one loop lives here, so
 * arming, re-arming and cancelling a timer is O(1) and allocates nothing after the timer's creation.
 *
 * <p>Deadlines are rounded up to the next tick ({@value #TICK_MILLIS} ms). HTTP deadlines are seconds
 * long, so that precision is plenty, and the loop needs to wake at most once per tick, and only while
 * some timer is armed. Confined to its loop's thread. A task that throws is logged and the others due
 * still fire ({@link Containment}).
 *
 * <pre>
 *   slot: 0    1    2    …   511        a timer sits in slot (deadlineTick % 512)
 *         │    │                         with rounds = ticks to go / 512;
 *         T ⇄ T                          each tick walks one slot, fires the timers
 *                                        whose rounds reached 0, and counts the others down
 * </pre>
 */
public final class TimerWheel {
    static final long TICK_MILLIS = 100;
    private static final long TICK_NANOS = TICK_MILLIS * 1_000_000L;
    private static final int SLOTS = 512;
    private static final int MASK = SLOTS - 1;
    /** Slot marker of a timer taken out of the wheel to fire in this tick, until it runs or is cancelled. */
    private static final int FIRING = -2;

    /** A reusable timer: arm it with {@link #schedule}, disarm it with {@link #cancel}. */
    public static final class Timer {
        private final Runnable task;
        private Timer prev;
        private Timer next;
        private int slot = -1;
        private long rounds;

        private Timer(Runnable task) {
            this.task = task;
        }

        public boolean isArmed() {
            return slot >= 0;
        }
    }

    private final Timer[] heads = new Timer[SLOTS];
    private Timer[] due = new Timer[16];
    private final long origin;
    private long processedTick;
    private int armed;

    TimerWheel(long nowNanos) {
        this.origin = nowNanos;
    }

    /** A timer that runs {@code task} on this loop when it fires. */
    public Timer newTimer(Runnable task) {
        return new Timer(task);
    }

    /** Arms the timer to fire after {@code delayMillis}, replacing any earlier deadline it had. */
    public void schedule(Timer timer, long delayMillis, long nowNanos) {
        cancel(timer);
        long deadlineTick = Math.max((nowNanos - origin + delayMillis * 1_000_000L + TICK_NANOS - 1) / TICK_NANOS,
                processedTick + 1);
        long ticksToGo = deadlineTick - processedTick - 1;
        int slot = (int) (deadlineTick & MASK);
        timer.rounds = ticksToGo / SLOTS;
        timer.slot = slot;
        timer.prev = null;
        timer.next = heads[slot];
        if (heads[slot] != null) {
            heads[slot].prev = timer;
        }
        heads[slot] = timer;
        armed++;
    }

    /** Disarms the timer; harmless when it is not armed. */
    public void cancel(Timer timer) {
        if (timer.slot == FIRING) {
            timer.slot = -1;
            return;
        }
        if (timer.slot < 0) {
            return;
        }
        if (timer.prev != null) {
            timer.prev.next = timer.next;
        } else {
            heads[timer.slot] = timer.next;
        }
        if (timer.next != null) {
            timer.next.prev = timer.prev;
        }
        timer.prev = null;
        timer.next = null;
        timer.slot = -1;
        armed--;
    }

    /** How many timers are armed. */
    public int size() {
        return armed;
    }

    /**
     * How long {@code select()} may wait: 0 for "no timer, wait for I/O only", else the milliseconds
     * to the next tick boundary (at least 1), or -1 when a tick is already due.
     */
    long millisUntilNext(long nowNanos) {
        if (armed == 0) {
            return 0;
        }
        long nextTickAt = origin + (processedTick + 1) * TICK_NANOS;
        long waitNanos = nextTickAt - nowNanos;
        if (waitNanos <= 0) {
            return -1;
        }
        return Math.max(1, (waitNanos + 999_999) / 1_000_000);
    }

    /** Fires every timer whose tick has passed. */
    void expire(long nowNanos) {
        long currentTick = (nowNanos - origin) / TICK_NANOS;
        if (armed == 0) {
            processedTick = Math.max(processedTick, currentTick);
            return;
        }
        while (processedTick < currentTick) {
            processedTick++;
            fireSlot((int) (processedTick & MASK));
        }
    }

    /**
     * Detaches the due timers first and runs them afterwards: a task may arm or cancel any timer,
     * including others in this slot, without disturbing the walk.
     */
    private void fireSlot(int slot) {
        int dueCount = 0;
        Timer t = heads[slot];
        while (t != null) {
            Timer next = t.next;
            if (t.rounds <= 0) {
                cancel(t);
                t.slot = FIRING;
                if (dueCount == due.length) {
                    due = java.util.Arrays.copyOf(due, dueCount * 2);
                }
                due[dueCount++] = t;
            } else {
                t.rounds--;
            }
            t = next;
        }
        for (int i = 0; i < dueCount; i++) {
            Timer fired = due[i];
            due[i] = null;
            if (fired.slot == FIRING) {
                fired.slot = -1;
                Containment.run(fired.task, "a timer task", Thread.currentThread());
            }
        }
    }
}
