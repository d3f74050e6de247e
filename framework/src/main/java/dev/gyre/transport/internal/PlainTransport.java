package dev.gyre.transport.internal;

import dev.gyre.transport.TlsInfo;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.SocketChannel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Cleartext TCP: every call goes straight to the socket; nothing is ever held back.
 *
 * <p>Reads and writes of heap buffers pass through the loop thread's own direct buffer ({@link #STAGING_BYTES}),
 * found once per connection, on its first read or write: the JDK would copy them through a temporary direct
 * buffer too, but it looks that buffer up in its thread-local cache twice per call (taken and given back),
 * twice per request on a connection that reads one request and writes one answer per event. A write of more
 * than the staging buffer holds goes to the socket as it is, in one call, as before; so does a direct buffer. Loop thread only, as every {@link Transport}: a connection never changes thread, so the buffer it
 * found stays its thread's.
 */
final class PlainTransport implements Transport {
    private static final Logger log = LoggerFactory.getLogger(PlainTransport.class);
    /** As much as a loop reads at once (its read buffer) and more than a batch of small answers. */
    static final int STAGING_BYTES = 64 * 1024;
    private static final ThreadLocal<ByteBuffer> STAGING =
            ThreadLocal.withInitial(() -> ByteBuffer.allocateDirect(STAGING_BYTES));

    private final SocketChannel channel;
    /** The loop thread's staging buffer, once this connection has done I/O; empty between calls. */
    private ByteBuffer staging;

    PlainTransport(SocketChannel channel) {
        this.channel = channel;
    }

    @Override
    public SocketChannel channel() {
        return channel;
    }

    @Override
    public int read(ByteBuffer dst) throws IOException {
        if (dst.isDirect()) {
            return channel.read(dst);
        }
        ByteBuffer through = staging();
        through.limit(Math.min(dst.remaining(), through.capacity()));
        int n = channel.read(through);
        if (n > 0) {
            dst.put(through.flip());
        }
        return n;
    }

    @Override
    public long write(ByteBuffer src) throws IOException {
        if (src.isDirect() || src.remaining() > STAGING_BYTES) {
            return channel.write(src);
        }
        ByteBuffer through = staging();
        int start = src.position();
        through.put(src).flip();
        int n = channel.write(through);
        src.position(start + n);
        return n;
    }

    private ByteBuffer staging() {
        if (staging == null) {
            staging = STAGING.get();
        }
        return staging.clear();
    }

    @Override
    public long write(ByteBuffer[] srcs, int offset, int length) throws IOException {
        return channel.write(srcs, offset, length);
    }

    @Override
    public long transferFrom(FileChannel file, long position, long count) throws IOException {
        return file.transferTo(position, count, channel);
    }

    @Override
    public boolean flush() {
        return true;
    }

    @Override
    public boolean hasPendingOutput() {
        return false;
    }

    @Override
    public void shutdownOutput() throws IOException {
        channel.shutdownOutput();
    }

    @Override
    public void close() {
        try {
            channel.close();
        } catch (IOException e) {
            log.trace("close", e);
        }
    }

    @Override
    public TlsInfo tls() {
        return null;
    }

    @Override
    public boolean hasBufferedInput() {
        return false;
    }
}
