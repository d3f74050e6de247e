package dev.gyre.metrics;

import dev.gyre.loop.EventLoop;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.concurrent.atomic.LongAdder;

/**
 * A count that every request adds to, kept per loop so that the loop adds without a locked instruction: on
 * the loop's thread a plain read and an opaque write of its own slot (a {@code mov} on x86), elsewhere (a
 * blocking handler's thread answering) a shared {@link LongAdder}. A locked add costs tens of nanoseconds
 * in a loop that has just written a response, several times over per request; this costs nothing.
 *
 * <p>{@link #sum()} may be read from any thread (a scrape); it sees each slot's latest opaque write, so it
 * can lag a request or two behind, as any counter read during traffic does. Slots exist for the first
 * {@value #SLOTS} loop indexes; a loop past them uses the shared adder.
 */
final class LoopTallies {
    private static final int SLOTS = 256;
    private static final VarHandle VALUE;

    static {
        try {
            VALUE = MethodHandles.lookup().findVarHandle(Slot.class, "value", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** One loop's tally, alone in its object so that two loops do not write the same cache line often. */
    private static final class Slot {
        private long value;
        @SuppressWarnings("unused")
        private long p1, p2, p3, p4, p5, p6, p7;
    }

    private final AtomicReferenceArray<Slot> slots = new AtomicReferenceArray<>(SLOTS);
    private final LongAdder elsewhere = new LongAdder();

    /** Adds {@code n}; any thread. */
    void add(long n) {
        EventLoop loop = EventLoop.current();
        int i = loop == null ? SLOTS : loop.index();
        if (i >= SLOTS) {
            elsewhere.add(n);
            return;
        }
        Slot slot = slots.get(i);
        if (slot == null) {
            slots.compareAndSet(i, null, new Slot());
            slot = slots.get(i);
        }
        VALUE.setOpaque(slot, (long) VALUE.getOpaque(slot) + n);
    }

    /** The total so far; any thread. */
    long sum() {
        long total = elsewhere.sum();
        for (int i = 0; i < SLOTS; i++) {
            Slot slot = slots.get(i);
            if (slot != null) {
                total += (long) VALUE.getOpaque(slot);
            }
        }
        return total;
    }
}
