package dev.gyre.transport.internal;

import java.nio.ByteBuffer;

/**
 * The buffers TLS works in, one set per loop thread and shared by every connection of that loop: each call
 * of a {@link TlsTransport} or {@link TlsHandshake} uses them and leaves them empty, so an idle connection
 * owns no TLS buffer, and holds only the bytes a socket would not take or a record cut in half. Sized from
 * the session ({@code getPacketBufferSize}), grown when a session needs more.
 */
final class TlsScratch {
    /** Ciphertext read per call: a record and a half, so that a half record kept over always has room. */
    private static final int IN_RECORDS = 2;
    /** Ciphertext written per call: four full records (64 KiB of plaintext). */
    private static final int OUT_RECORDS = 4;
    /** The largest plaintext of one record (RFC 8446 §5.1). */
    static final int MAX_PLAINTEXT = 16 * 1024;

    private static final ThreadLocal<TlsScratch> PER_THREAD = ThreadLocal.withInitial(TlsScratch::new);

    private ByteBuffer netIn = ByteBuffer.allocate(0);
    private ByteBuffer netOut = ByteBuffer.allocate(0);
    private ByteBuffer plain = ByteBuffer.allocate(0);

    static TlsScratch get() {
        return PER_THREAD.get();
    }

    ByteBuffer netIn(int packetSize) {
        if (netIn.capacity() < IN_RECORDS * packetSize) {
            netIn = ByteBuffer.allocate(IN_RECORDS * packetSize);
        }
        return netIn.clear();
    }

    ByteBuffer netOut(int packetSize) {
        if (netOut.capacity() < OUT_RECORDS * packetSize) {
            netOut = ByteBuffer.allocate(OUT_RECORDS * packetSize);
        }
        return netOut.clear();
    }

    /** Plaintext: a file chunk about to be encrypted, or what a handshake unwrap produces. */
    ByteBuffer plain(int applicationSize) {
        if (plain.capacity() < Math.max(applicationSize, MAX_PLAINTEXT)) {
            plain = ByteBuffer.allocate(Math.max(applicationSize, MAX_PLAINTEXT));
        }
        return plain.clear();
    }
}
