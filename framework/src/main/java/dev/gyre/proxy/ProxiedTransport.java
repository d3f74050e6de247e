package dev.gyre.proxy;

import dev.gyre.transport.TlsInfo;
import dev.gyre.transport.internal.Transport;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.SocketChannel;

/**
 * A transport behind a PROXY protocol header: its peer is the client the header named, its first input is
 * what was read past the header, before anything more from the socket, and its preamble is the header.
 * Everything else is the underlying transport's. Loop thread, like every {@link Transport}.
 */
final class ProxiedTransport implements Transport {
    private final Transport transport;
    private final InetSocketAddress client;
    private final ByteBuffer rest;
    private final long headerNanos;

    /**
     * {@code client} {@code null} keeps the socket's peer; {@code rest} may be empty; {@code headerNanos} is how
     * long the header took to arrive.
     */
    ProxiedTransport(Transport transport, InetSocketAddress client, ByteBuffer rest, long headerNanos) {
        this.transport = transport;
        this.client = client;
        this.rest = rest;
        this.headerNanos = headerNanos;
    }

    @Override
    public InetSocketAddress remoteAddress() throws IOException {
        return client != null ? client : transport.remoteAddress();
    }

    @Override
    public long preambleNanos() {
        return headerNanos;
    }

    @Override
    public int read(ByteBuffer dst) throws IOException {
        if (!rest.hasRemaining()) {
            return transport.read(dst);
        }
        int n = Math.min(rest.remaining(), dst.remaining());
        dst.put(rest.slice(rest.position(), n));
        rest.position(rest.position() + n);
        return n;
    }

    @Override
    public boolean hasBufferedInput() {
        return rest.hasRemaining() || transport.hasBufferedInput();
    }

    @Override
    public SocketChannel channel() {
        return transport.channel();
    }

    @Override
    public long write(ByteBuffer src) throws IOException {
        return transport.write(src);
    }

    @Override
    public long write(ByteBuffer[] srcs, int offset, int length) throws IOException {
        return transport.write(srcs, offset, length);
    }

    @Override
    public long transferFrom(FileChannel file, long position, long count) throws IOException {
        return transport.transferFrom(file, position, count);
    }

    @Override
    public boolean flush() throws IOException {
        return transport.flush();
    }

    @Override
    public boolean hasPendingOutput() {
        return transport.hasPendingOutput();
    }

    @Override
    public void shutdownOutput() throws IOException {
        transport.shutdownOutput();
    }

    @Override
    public void close() {
        transport.close();
    }

    @Override
    public TlsInfo tls() {
        return transport.tls();
    }
}
