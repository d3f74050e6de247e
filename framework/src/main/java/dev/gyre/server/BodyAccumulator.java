package dev.gyre.server;

import dev.gyre.loop.BufferBudget;
import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * Collects a request body into one array that grows as bytes arrive, never ahead of them: a declared
 * {@code Content-Length} only caps the growth (so a body that arrives whole ends in an array of exactly
 * its size, handed over without a copy), it is never allocated up front. A client that announces 10 MiB
 * and sends nothing costs nothing; one that has sent {@code n} bytes costs at most {@code 2n} (doubling).
 *
 * <p>A body held in one array cannot pass {@link #MAX_SIZE}; the reader refuses larger ones with 413
 * before reading them ({@link #fits}). Every growth is first reserved from the server's
 * {@link BufferBudget}. A body handed to its handler by {@link #take()} keeps its reservation until its
 * exchange has ended, {@link #releaseTaken()} (its response fully written; an echoed body lives on in the
 * outbound queue until then), or until {@link #release()} drops everything when the connection closes.
 * Loop thread only.
 */
final class BodyAccumulator {
    /** The largest array the JVM reliably allocates. */
    static final int MAX_SIZE = Integer.MAX_VALUE - 8;
    private static final byte[] EMPTY = new byte[0];
    private static final int FIRST_CAPACITY = 8 * 1024;

    /** What became of a piece offered to {@link #append}. */
    enum Appended { OK, TOO_LARGE, OVER_BUDGET }

    private final BufferBudget budget;
    private byte[] bytes = EMPTY;
    private int size;
    private long declared;
    /** Budget still held by bodies handed over whose exchanges have not ended yet. */
    private long taken;

    BodyAccumulator(BufferBudget budget) {
        this.budget = budget;
    }

    /** Whether a body of {@code length} bytes can be held in one array. */
    static boolean fits(long length) {
        return length <= MAX_SIZE;
    }

    /** Starts a body of the declared length, or of unknown length when {@code declared < 0}. */
    void start(long declared) {
        dropCurrent();
        this.declared = declared;
    }

    /** Appends a piece that has arrived, unless the body would pass {@link #MAX_SIZE} or the budget. */
    Appended append(ByteBuffer piece) {
        int n = piece.remaining();
        if (n > MAX_SIZE - size) {
            return Appended.TOO_LARGE;
        }
        if (size + n > bytes.length) {
            long doubled = Math.max(FIRST_CAPACITY, (long) bytes.length * 2);
            long cap = declared >= 0 ? declared : MAX_SIZE;
            int grown = (int) Math.max(size + n, Math.min(doubled, cap));
            if (!budget.reserve(grown - bytes.length)) {
                return Appended.OVER_BUDGET;
            }
            bytes = Arrays.copyOf(bytes, grown);
        }
        piece.get(bytes, size, n);
        size += n;
        return Appended.OK;
    }

    /**
     * The body collected so far, trimmed; the accumulator is empty afterwards, and the body's reservation is
     * held until {@link #releaseTaken()}.
     */
    byte[] take() {
        byte[] result = size == bytes.length ? bytes : Arrays.copyOf(bytes, size);
        taken += bytes.length;
        bytes = EMPTY;
        size = 0;
        return result;
    }

    /** The exchanges of the bodies taken have ended: their room goes back to the budget. */
    void releaseTaken() {
        budget.release(taken);
        taken = 0;
    }

    /** Drops the body being collected and those taken, giving all their room back to the budget. */
    void release() {
        dropCurrent();
        releaseTaken();
    }

    private void dropCurrent() {
        budget.release(bytes.length);
        bytes = EMPTY;
        size = 0;
    }
}
