package dev.gyre.transport.internal;

import dev.gyre.transport.TlsInfo;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.SocketChannel;

/**
 * The bytes of one connection below its protocol: plain TCP, or TLS over an {@code SSLEngine}. HTTP/1.1 and
 * WebSocket read and write application bytes through it and never touch the socket themselves, so one
 * protocol runs the same over either.
 *
 * <p>Public only because an upgrade hands it to a protocol in another package ({@code dev.gyre.http.Upgrade});
 * applications do not implement it. Every method is called on the connection's loop thread and never
 * blocks.
 *
 * <p>Writing: {@link #write} takes what it can of the given bytes and returns how many it took. A plain
 * transport puts them on the socket; TLS encrypts them, and whatever ciphertext the socket would not take
 * stays in the transport ({@link #hasPendingOutput()}) and leaves, before any later bytes, on the next
 * {@link #write} or {@link #flush()}. So a caller's bytes are all sent when it has nothing left and
 * {@link #flush()} returns true, and it asks for {@code OP_WRITE} while either is not the case.
 */
public interface Transport {

    /** A cleartext transport over {@code channel}. */
    static Transport plain(SocketChannel channel) {
        return new PlainTransport(channel);
    }

    /** The socket, for registration with a selector; reading and writing go through this transport. */
    SocketChannel channel();

    /**
     * The peer: the socket's, or, on a listener with the PROXY protocol, the client its header named (see
     * {@code dev.gyre.proxy.ProxyProtocol}).
     */
    default InetSocketAddress remoteAddress() throws IOException {
        return (InetSocketAddress) channel().getRemoteAddress();
    }

    /**
     * How long what came before the protocol's first byte took to arrive, from its first byte to its last: on a
     * listener with the PROXY protocol its header's, else 0. The first request head's deadline is that much
     * shorter, since those bytes were part of getting the first request in.
     */
    default long preambleNanos() {
        return 0;
    }

    /**
     * Reads application bytes into {@code dst}: the count, 0 when none is available now, or -1 at the end of
     * the input (FIN; for TLS also the peer's {@code close_notify}). TLS reads no more ciphertext than
     * {@code dst} has room for, so every whole record it reads is returned; with less room than a record
     * (16 KiB) it returns 0 until there is more. Both protocols read into 64 KiB.
     */
    int read(ByteBuffer dst) throws IOException;

    /** Takes what it can of {@code src}; see the class comment. */
    long write(ByteBuffer src) throws IOException;

    /** Takes what it can of {@code srcs[offset .. offset + length)} in order (a gathering write). */
    long write(ByteBuffer[] srcs, int offset, int length) throws IOException;

    /**
     * Sends up to {@code count} bytes of {@code file} from {@code position}; returns how many were taken. Plain
     * TCP uses {@code FileChannel.transferTo} (sendfile: the bytes never enter the heap); TLS reads the file
     * through a bounded per-thread buffer and encrypts it, so a file costs a copy there.
     */
    long transferFrom(FileChannel file, long position, long count) throws IOException;

    /** Writes what the transport itself still holds; returns whether nothing is left. */
    boolean flush() throws IOException;

    /** Whether the transport holds bytes the socket has not taken yet. */
    boolean hasPendingOutput();

    /**
     * Ends the output: TLS sends {@code close_notify} first (when the socket has room, as it has after the
     * flush that precedes a close), then FIN. Nothing can be written after.
     */
    void shutdownOutput() throws IOException;

    /** Closes the socket; TLS tries to send {@code close_notify} first. Harmless when already closed. */
    void close();

    /** What was negotiated, or {@code null} on cleartext. */
    TlsInfo tls();

    /**
     * Whether input was read from the socket but not yet returned by {@link #read}: the selector will not
     * report it, so a protocol that takes the transport over reads at once when this is true.
     */
    boolean hasBufferedInput();
}
