package dev.gyre.ws;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Incremental UTF-8 validation (RFC 3629 §4) for text messages that arrive in pieces.
 *
 * <p>RFC 6455 §8.1 makes an endpoint fail the connection as soon as a text message is not valid UTF-8, and a
 * code point may be split across frames, TCP segments or inflater outputs. So validation keeps only the
 * position inside the current code point between calls: one small int, no buffering.
 *
 * <p>Most text is mostly ASCII, and an ASCII byte between code points leaves the state where it is. So when
 * the automaton stands between code points, {@link #update(byte[], int, int)} skips a run of ASCII eight
 * bytes at a time (a word whose bytes all have their high bit clear; read little-endian, the lowest set high
 * bit marks the first byte that is not ASCII) and hands the automaton that byte.
 *
 * <p>The automaton rejects everything RFC 3629 forbids: stray continuation bytes, {@code C0}/{@code C1}
 * and other overlong forms, the UTF-16 surrogates {@code U+D800..U+DFFF}, values above {@code U+10FFFF}
 * ({@code F4 90..} and {@code F5..FF}), and truncated sequences at the end of a message. It is ours,
 * in the spirit of Björn Höhrmann's DFA: each byte maps to a class, each (state, class) pair to a state.
 *
 * <pre>
 *              ASCII                  lead byte             continuation(s) in range
 *   ACCEPT ─────────────▶ ACCEPT ─────────────────▶ NEED_n ───────────────────────▶ … ▶ ACCEPT
 *      │                                                │  anything else
 *      └──── C0 C1 F5..FF, stray 80..BF ────────────────┴──────────────────────────▶ REJECT (terminal)
 * </pre>
 *
 * <p>Not thread-safe; one instance per decoder, reused with {@link #reset()}.
 */
final class Utf8Validator {
    // States, pre-multiplied by the number of classes so a transition is one array read.
    private static final int CLASSES = 13;
    private static final int ACCEPT = 0;
    private static final int REJECT = 1 * CLASSES;
    private static final int NEED_1 = 2 * CLASSES;   // one continuation 80..BF left
    private static final int NEED_2 = 3 * CLASSES;   // two continuations 80..BF left
    private static final int NEED_3 = 4 * CLASSES;   // three continuations 80..BF left
    private static final int AFTER_E0 = 5 * CLASSES; // A0..BF, else overlong
    private static final int AFTER_ED = 6 * CLASSES; // 80..9F, else a surrogate
    private static final int AFTER_F0 = 7 * CLASSES; // 90..BF, else overlong
    private static final int AFTER_F4 = 8 * CLASSES; // 80..8F, else above U+10FFFF
    private static final int STATES = 9;

    // Byte classes.
    private static final int ASCII = 0;       // 00..7F
    private static final int CONT_80_8F = 1;
    private static final int CONT_90_9F = 2;
    private static final int CONT_A0_BF = 3;
    private static final int INVALID = 4;     // C0 C1 F5..FF
    private static final int LEAD_2 = 5;      // C2..DF
    private static final int LEAD_E0 = 6;
    private static final int LEAD_3 = 7;      // E1..EC EE EF
    private static final int LEAD_ED = 8;
    private static final int LEAD_F0 = 9;
    private static final int LEAD_4 = 10;     // F1..F3
    private static final int LEAD_F4 = 11;

    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class,
            ByteOrder.LITTLE_ENDIAN);
    private static final long HIGH_BITS = 0x8080808080808080L;

    private static final byte[] CLASS = new byte[256];
    private static final byte[] NEXT = new byte[STATES * CLASSES];

    static {
        for (int b = 0; b < 256; b++) {
            CLASS[b] = (byte) classOf(b);
        }
        java.util.Arrays.fill(NEXT, (byte) REJECT);
        NEXT[ACCEPT + ASCII] = ACCEPT;
        NEXT[ACCEPT + LEAD_2] = NEED_1;
        NEXT[ACCEPT + LEAD_E0] = AFTER_E0;
        NEXT[ACCEPT + LEAD_3] = NEED_2;
        NEXT[ACCEPT + LEAD_ED] = AFTER_ED;
        NEXT[ACCEPT + LEAD_F0] = AFTER_F0;
        NEXT[ACCEPT + LEAD_4] = NEED_3;
        NEXT[ACCEPT + LEAD_F4] = AFTER_F4;
        for (int cont : new int[] {CONT_80_8F, CONT_90_9F, CONT_A0_BF}) {
            NEXT[NEED_1 + cont] = ACCEPT;
            NEXT[NEED_2 + cont] = NEED_1;
            NEXT[NEED_3 + cont] = NEED_2;
        }
        NEXT[AFTER_E0 + CONT_A0_BF] = NEED_1;
        NEXT[AFTER_ED + CONT_80_8F] = NEED_1;
        NEXT[AFTER_ED + CONT_90_9F] = NEED_1;
        NEXT[AFTER_F0 + CONT_90_9F] = NEED_2;
        NEXT[AFTER_F0 + CONT_A0_BF] = NEED_2;
        NEXT[AFTER_F4 + CONT_80_8F] = NEED_2;
    }

    private static int classOf(int b) {
        if (b < 0x80) {
            return ASCII;
        } else if (b < 0x90) {
            return CONT_80_8F;
        } else if (b < 0xA0) {
            return CONT_90_9F;
        } else if (b < 0xC0) {
            return CONT_A0_BF;
        } else if (b < 0xC2) {
            return INVALID;
        } else if (b < 0xE0) {
            return LEAD_2;
        } else if (b == 0xE0) {
            return LEAD_E0;
        } else if (b == 0xED) {
            return LEAD_ED;
        } else if (b < 0xF0) {
            return LEAD_3;
        } else if (b == 0xF0) {
            return LEAD_F0;
        } else if (b < 0xF4) {
            return LEAD_4;
        } else if (b == 0xF4) {
            return LEAD_F4;
        }
        return INVALID;
    }

    private int state = ACCEPT;

    /**
     * Feeds more bytes of the same text; returns {@code false} once the text can no longer be valid,
     * however it continues. After a rejection every further call returns {@code false} until {@link #reset()}.
     */
    public boolean update(byte[] bytes, int offset, int length) {
        int s = state;
        int i = offset;
        int end = offset + length;
        while (s != REJECT) {
            if (s == ACCEPT) {
                i = endOfAscii(bytes, i, end);
            }
            if (i == end) {
                break;
            }
            s = NEXT[s + CLASS[bytes[i++] & 0xFF]];
        }
        state = s;
        return s != REJECT;
    }

    /** Feeds the remaining bytes of {@code buffer} without moving its position. */
    public boolean update(ByteBuffer buffer) {
        int s = state;
        for (int i = buffer.position(), end = buffer.limit(); i < end && s != REJECT; i++) {
            s = NEXT[s + CLASS[buffer.get(i) & 0xFF]];
        }
        state = s;
        return s != REJECT;
    }

    /** The index of the first byte in {@code [from, to)} that is not ASCII, or {@code to}. */
    private static int endOfAscii(byte[] a, int from, int to) {
        int i = from;
        for (; i + Long.BYTES <= to; i += Long.BYTES) {
            long high = (long) LONGS.get(a, i) & HIGH_BITS;
            if (high != 0) {
                return i + (Long.numberOfTrailingZeros(high) >>> 3);
            }
        }
        while (i < to && a[i] >= 0) {
            i++;
        }
        return i;
    }

    /** Whether everything fed so far is valid and ends on a code point boundary: call at the end of a text. */
    public boolean isComplete() {
        return state == ACCEPT;
    }

    /** Whether the bytes fed so far can no longer be valid UTF-8. */
    public boolean isRejected() {
        return state == REJECT;
    }

    /** Starts a new text. */
    public void reset() {
        state = ACCEPT;
    }

    /** Validates one whole text. */
    public static boolean isValid(byte[] bytes, int offset, int length) {
        Utf8Validator v = new Utf8Validator();
        return v.update(bytes, offset, length) && v.isComplete();
    }
}
