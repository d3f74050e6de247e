package dev.gyre.ws;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Client-to-server masking (RFC 6455 §5.3): every payload byte of a client frame is XORed with one byte of
 * the frame's 4-byte key, key byte {@code i & 3} for payload byte {@code i}. It runs over every byte a client
 * sends, so it works eight bytes at a time.
 *
 * <p>Because eight is a multiple of four, every aligned step of eight payload bytes meets the key in the same
 * rotation: the key is laid out once as a {@code long} of two copies, starting at the key byte the first
 * payload byte needs, and each word of the payload is XORed with it. Words are read and written through a
 * standard {@link VarHandle} view in little-endian order, so the word's lowest byte is the first in the array.
 * The tail of fewer than eight bytes goes one byte at a time.
 */
final class Masking {
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class,
            ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle INTS = MethodHandles.byteArrayViewVarHandle(int[].class,
            ByteOrder.LITTLE_ENDIAN);

    private Masking() {
    }

    /**
     * XORs {@code length} bytes from {@code offset} with the 4-byte {@code key}, the first byte with key byte
     * {@code keyIndex & 3}; applying it twice gives the bytes back, so it both masks and unmasks.
     */
    static void apply(byte[] bytes, int offset, int length, byte[] key, int keyIndex) {
        int shift = (keyIndex & 3) * Byte.SIZE;
        long half = Integer.toUnsignedLong(Integer.rotateRight((int) INTS.get(key, 0), shift));
        long word = half | (half << Integer.SIZE);
        int end = offset + length;
        int i = offset;
        for (; i + Long.BYTES <= end; i += Long.BYTES) {
            LONGS.set(bytes, i, (long) LONGS.get(bytes, i) ^ word);
        }
        for (int k = 0; i < end; i++, k++) {
            bytes[i] ^= (byte) (word >>> (k * Byte.SIZE));
        }
    }
}
