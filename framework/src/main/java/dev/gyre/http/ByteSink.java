package dev.gyre.http;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** STUB: replaced by the parser branch. */
public final class ByteSink {
    private byte[] buf = new byte[512];
    private int size;

    public void append(byte b) { ensure(1); buf[size++] = b; }
    public void append(byte[] b) { append(b, 0, b.length); }
    public void append(byte[] b, int off, int len) { ensure(len); System.arraycopy(b, off, buf, size, len); size += len; }
    public void appendAscii(String s) { append(s.getBytes(StandardCharsets.ISO_8859_1)); }
    public void appendDecimal(long v) { appendAscii(Long.toString(v)); }
    public int size() { return size; }
    public byte[] array() { return buf; }
    public void clear() { size = 0; }
    private void ensure(int n) { if (size + n > buf.length) buf = Arrays.copyOf(buf, Math.max(buf.length * 2, size + n)); }
}
