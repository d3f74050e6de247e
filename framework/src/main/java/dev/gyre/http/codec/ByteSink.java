package dev.gyre.http.codec;

import java.util.Arrays;

/**
 * A growable byte array that a connection reuses for the bytes it is about to write.
 *
 * <p>It grows by doubling and never shrinks, so a connection that keeps writing responses of similar size
 * stops allocating after the first one; {@link #clear()} only forgets the contents. A sink made with
 * {@link #ByteSink()} allocates nothing until the first append, so a connection that has never written
 * (or an idle one's queue) costs no buffer. The valid bytes are
 * {@code array()[0, size())}; the array may be replaced by any append, so fetch it after appending.
 *
 * <p>Not thread-safe: owned by one connection on its loop thread.
 */
public final class ByteSink {
    private static final int FIRST_CAPACITY = 256;
    private static final byte[] EMPTY = new byte[0];

    private byte[] buf;
    private int size;

    /** An empty sink whose first append allocates {@value #FIRST_CAPACITY} bytes (or what it needs). */
    public ByteSink() {
        buf = EMPTY;
    }

    public ByteSink(int initialCapacity) {
        buf = new byte[Math.max(initialCapacity, 16)];
    }

    public ByteSink append(byte b) {
        ensure(1);
        buf[size++] = b;
        return this;
    }

    public ByteSink append(byte[] bytes) {
        return append(bytes, 0, bytes.length);
    }

    public ByteSink append(byte[] bytes, int off, int len) {
        ensure(len);
        System.arraycopy(bytes, off, buf, size, len);
        size += len;
        return this;
    }

    /** Appends each character as one byte; every character must be US-ASCII. */
    public ByteSink appendAscii(String s) {
        return appendChars(s, 0x7F);
    }

    /** Appends each character as one ISO-8859-1 byte, the charset of HTTP field values; none may exceed 0xFF. */
    public ByteSink appendLatin1(String s) {
        return appendChars(s, 0xFF);
    }

    private ByteSink appendChars(String s, int max) {
        int len = s.length();
        ensure(len);
        for (int i = 0; i < len; i++) {
            char c = s.charAt(i);
            if (c > max) {
                throw new IllegalArgumentException("character out of range at index " + i);
            }
            buf[size + i] = (byte) c;
        }
        size += len;
        return this;
    }

    /** Appends the decimal digits of {@code v} (with a leading {@code -} when negative), without allocating. */
    public ByteSink appendDecimal(long v) {
        if (v == Long.MIN_VALUE) {
            return appendAscii("-9223372036854775808");
        }
        if (v < 0) {
            append((byte) '-');
            v = -v;
        }
        int digits = 1;
        for (long bound = 10; digits < 19 && v >= bound; bound *= 10) {
            digits++;
        }
        ensure(digits);
        int i = size + digits;
        if (v <= Integer.MAX_VALUE) {
            // int division is cheaper, and response lengths nearly always fit
            int w = (int) v;
            while (w >= 10) {
                int q = w / 10;
                buf[--i] = (byte) ('0' + (w - q * 10));
                w = q;
            }
            buf[--i] = (byte) ('0' + w);
        } else {
            while (v >= 10) {
                long q = v / 10;
                buf[--i] = (byte) ('0' + (v - q * 10));
                v = q;
            }
            buf[--i] = (byte) ('0' + v);
        }
        size += digits;
        return this;
    }

    public int size() {
        return size;
    }

    /** The backing array; bytes beyond {@link #size()} are garbage. */
    public byte[] array() {
        return buf;
    }

    public void clear() {
        size = 0;
    }

    /**
     * Drops the array of an empty sink when it is larger than {@code most} bytes, so an owner that wrote
     * something large once and then went idle keeps no more than that; the next append allocates again.
     * A sink that holds bytes is left as it is.
     */
    public void shrink(int most) {
        if (size == 0 && buf.length > most) {
            buf = EMPTY;
        }
    }

    /**
     * Drops the first {@code n} bytes, moving the rest to the front, so a writer that sends from the front
     * while appending at the back holds only what is unsent.
     */
    public void discardFirst(int n) {
        if (n < 0 || n > size) {
            throw new IndexOutOfBoundsException("discard " + n + " of " + size);
        }
        System.arraycopy(buf, n, buf, 0, size - n);
        size -= n;
    }

    private void ensure(int extra) {
        int needed = size + extra;
        if (needed > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(needed, Math.max(FIRST_CAPACITY, buf.length * 2)));
        }
    }
}
