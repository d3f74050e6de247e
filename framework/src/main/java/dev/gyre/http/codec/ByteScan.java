package dev.gyre.http.codec;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * The two scans the parser runs over every byte of a head, eight bytes at a time: finding the end of a
 * line, and checking that a field value holds no control character.
 *
 * <p>Both use the classic word-at-a-time tests (SWAR): {@code (w - 0x01…01) & ~w & 0x80…80} is non-zero
 * exactly when some byte of {@code w} is zero, and its lowest set bit marks the first such byte; with
 * {@code 0x20…20} instead of {@code 0x01…01} it flags bytes below {@code 0x20}. A word is read from the
 * array through a standard {@link VarHandle} view, in little-endian order so that the lowest bit is the
 * first byte. The tail of fewer than eight bytes, and any word the fast test flags in the value check,
 * go through the per-byte tables of {@link HttpChars}, which stay the single statement of the rules.
 */
final class ByteScan {
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class,
            ByteOrder.LITTLE_ENDIAN);
    private static final long ONES = 0x0101010101010101L;
    private static final long HIGH_BITS = 0x8080808080808080L;
    private static final long CRS = ONES * HttpChars.CR;
    private static final long LFS = ONES * HttpChars.LF;
    private static final long SPACES = ONES * ' ';
    private static final long DELS = ONES * 0x7F;

    private ByteScan() {
    }

    /** The first index in {@code [from, to)} holding CR or LF, or {@code to}. */
    static int crOrLf(byte[] a, int from, int to) {
        int i = from;
        for (; i + Long.BYTES <= to; i += Long.BYTES) {
            long w = (long) LONGS.get(a, i);
            long found = zeroBytes(w ^ CRS) | zeroBytes(w ^ LFS);
            if (found != 0) {
                return i + (Long.numberOfTrailingZeros(found) >>> 3);
            }
        }
        for (; i < to; i++) {
            if (a[i] == HttpChars.CR || a[i] == HttpChars.LF) {
                return i;
            }
        }
        return to;
    }

    /** Whether every byte of {@code a[from, to)} may appear in a field value ({@link HttpChars#isFieldValueChar}). */
    static boolean isFieldValue(byte[] a, int from, int to) {
        int i = from;
        for (; i + Long.BYTES <= to; i += Long.BYTES) {
            long w = (long) LONGS.get(a, i);
            long suspect = ((w - SPACES) & ~w & HIGH_BITS) | zeroBytes(w ^ DELS);
            if (suspect != 0 && !eachIsFieldValue(a, i, i + Long.BYTES)) {
                return false;
            }
        }
        return eachIsFieldValue(a, i, to);
    }

    private static boolean eachIsFieldValue(byte[] a, int from, int to) {
        for (int i = from; i < to; i++) {
            if (!HttpChars.isFieldValueChar(a[i])) {
                return false;
            }
        }
        return true;
    }

    /** High bit set in each byte of {@code w} that is zero (exact for the lowest; above it, maybe spurious). */
    private static long zeroBytes(long w) {
        return (w - ONES) & ~w & HIGH_BITS;
    }
}
