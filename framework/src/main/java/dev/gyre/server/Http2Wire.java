package dev.gyre.server;

import dev.gyre.loop.EventLoop;
import dev.gyre.transport.TlsInfo;
import java.net.InetSocketAddress;

/**
 * What {@link Http2Protocol} may do with its connection: the part of the connection layer's {@code Wire} that
 * HTTP/2 needs (see {@code docs/http2.md}, "the seam"), so that moving onto that layer swaps this interface for
 * it and {@link Http2Socket} for the layer's connection. Loop thread only.
 */
interface Http2Wire {

    /** Appends {@code bytes[0, length)} (copied) to the one outbound queue; it is flushed after the current event. */
    void write(byte[] bytes, int length);

    /** Bytes queued and not yet taken by the socket. */
    long backlog();

    /** Flush, FIN, drain the input for the linger time, close. */
    void closeAfterFlush();

    /** Close now: {@link Http2Protocol#onClosed} follows. */
    void close();

    EventLoop loop();

    /** What TLS negotiated, or {@code null} on cleartext. */
    TlsInfo tls();

    InetSocketAddress remote();
}
