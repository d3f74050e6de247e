package dev.gyre.transport.internal;

import dev.gyre.transport.TlsInfo;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.SocketChannel;
import java.util.Arrays;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLEngineResult.HandshakeStatus;
import javax.net.ssl.SSLEngineResult.Status;
import javax.net.ssl.SSLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * TLS over an {@link SSLEngine} whose handshake {@link TlsHandshake} finished. Loop thread only.
 *
 * <p>Work happens in the loop's {@link TlsScratch}; the connection keeps only what is left over between
 * calls: ciphertext the socket would not take ({@code unsent}), a record cut in half by the read
 * ({@code unread}), and plaintext a handshake produced ({@code early}). All three are {@code null} on an
 * idle connection.
 *
 * <p>After the handshake the only handshake messages accepted are TLS 1.3's (a {@code KeyUpdate}, answered);
 * under TLS 1.2 any handshake message is a client-initiated renegotiation, refused by closing the connection
 * before the engine answers it. A {@code close_notify} from the client ends the input (-1), and nothing is
 * read after it; nothing is written after {@link #shutdownOutput()} or {@link #close()}.
 */
final class TlsTransport implements Transport {
    private static final Logger log = LoggerFactory.getLogger(TlsTransport.class);
    private static final ByteBuffer NOTHING = ByteBuffer.allocate(0).asReadOnlyBuffer();

    private final SocketChannel channel;
    private final SSLEngine engine;
    private final TlsInfo info;
    private final boolean tls12;
    private final int packetSize;
    private final ByteBuffer[] one = new ByteBuffer[1];
    private ByteBuffer unsent;
    private ByteBuffer unread;
    private ByteBuffer early;
    private boolean inputDone;
    /**
     * Whether {@link #read} has returned -1. A {@code close_notify} read together with application bytes ends the
     * input only at the next read, which no selector event announces: until then it counts as buffered input.
     */
    private boolean endReported;
    private boolean outputDone;
    private boolean closed;

    TlsTransport(SocketChannel channel, SSLEngine engine, TlsInfo info, ByteBuffer unread, ByteBuffer early) {
        this.channel = channel;
        this.engine = engine;
        this.info = info;
        this.tls12 = "TLSv1.2".equals(info.protocol());
        this.packetSize = engine.getSession().getPacketBufferSize();
        this.unread = unread;
        this.early = early;
    }

    @Override
    public SocketChannel channel() {
        return channel;
    }

    @Override
    public TlsInfo tls() {
        return info;
    }

    @Override
    public boolean hasBufferedInput() {
        return unread != null || early != null || (inputDone && !endReported);
    }

    @Override
    public int read(ByteBuffer dst) throws IOException {
        int start = dst.position();
        if (early != null) {
            int n = Math.min(early.remaining(), dst.remaining());
            dst.put(dst.position(), early, early.position(), n).position(start + n);
            early.position(early.position() + n);
            early = early.hasRemaining() ? early : null;
        }
        if (inputDone) {
            return dst.position() > start ? dst.position() - start : endOfInput();
        }
        ByteBuffer net = TlsScratch.get().netIn(packetSize);
        if (unread != null) {
            net.put(unread);
            unread = null;
        }
        // Plaintext is never longer than its ciphertext: reading at most dst's room keeps every record's
        // plaintext within dst, so no whole record is ever left behind where the selector cannot see it.
        int room = Math.min(net.remaining(), dst.remaining() - net.position());
        boolean eof = false;
        if (room > 0) {
            net.limit(net.position() + room);
            eof = channel.read(net) < 0;
        }
        net.flip();
        while (net.hasRemaining()) {
            SSLEngineResult r = engine.unwrap(net, dst);
            if (r.getStatus() == Status.CLOSED) {
                inputDone = true;
                answerHandshake(r.getHandshakeStatus());
                break;
            }
            if (r.getStatus() != Status.OK) {
                break;
            }
            checkHandshake(r.getHandshakeStatus());
            if (r.bytesConsumed() == 0) {
                break;
            }
        }
        if (net.hasRemaining() && !inputDone) {
            unread = ByteBuffer.allocate(net.remaining()).put(net).flip();
        }
        int produced = dst.position() - start;
        return produced > 0 ? produced : eof || inputDone ? endOfInput() : 0;
    }

    private int endOfInput() {
        endReported = true;
        return -1;
    }

    /** After the handshake: TLS 1.2 renegotiation is refused; TLS 1.3's post-handshake messages are answered. */
    private void checkHandshake(HandshakeStatus status) throws IOException {
        if (status == HandshakeStatus.NOT_HANDSHAKING || status == HandshakeStatus.FINISHED) {
            return;
        }
        if (tls12) {
            refuseRenegotiation();
        }
        answerHandshake(status);
    }

    /**
     * Refuses a TLS 1.2 renegotiation. The engine reads the ClientHello in a delegated task; run here (it is
     * cheap when it refuses), it fails with a fatal {@code handshake_failure} alert when
     * {@code jdk.tls.rejectClientInitiatedRenegotiation} is on ({@link TlsContext} turns it on), and the alert
     * is sent before the connection closes. In a JVM where the property is off the engine would go on, so the
     * connection closes without sending what it produced.
     */
    private void refuseRenegotiation() throws IOException {
        for (Runnable task; (task = engine.getDelegatedTask()) != null; ) {
            task.run();
        }
        ByteBuffer net = TlsScratch.get().netOut(packetSize);
        try {
            engine.wrap(NOTHING, net);
        } catch (SSLException refused) {
            engine.wrap(NOTHING, net.clear());
            send(net);
            outputDone = true;
            throw refused;
        }
        outputDone = true;
        throw new SSLException("client-initiated renegotiation refused");
    }

    /** On the read path: answers what the engine has to say (a KeyUpdate, a close_notify) at once. */
    private void answerHandshake(HandshakeStatus status) throws IOException {
        ByteBuffer net = TlsScratch.get().netOut(packetSize);
        answerHandshake(status, net);
        send(net);
    }

    /** Runs the engine's tasks and wraps what it has to send into {@code net}, while it has room. */
    private void answerHandshake(HandshakeStatus status, ByteBuffer net) throws IOException {
        for (HandshakeStatus s = status; ; s = engine.getHandshakeStatus()) {
            if (s == HandshakeStatus.NEED_TASK) {
                for (Runnable task; (task = engine.getDelegatedTask()) != null; ) {
                    task.run();
                }
            } else if (s != HandshakeStatus.NEED_WRAP || engine.isOutboundDone()
                    || engine.wrap(NOTHING, net).bytesProduced() == 0) {
                return;
            }
        }
    }

    @Override
    public long write(ByteBuffer src) throws IOException {
        one[0] = src;
        try {
            return write(one, 0, 1);
        } finally {
            one[0] = null;
        }
    }

    @Override
    public long write(ByteBuffer[] srcs, int offset, int length) throws IOException {
        if (!flush()) {
            return 0;
        }
        ByteBuffer net = TlsScratch.get().netOut(packetSize);
        long taken = 0;
        while (net.remaining() >= packetSize && remaining(srcs, offset, length)) {
            SSLEngineResult r = wrap(srcs, offset, length, net);
            taken += r.bytesConsumed();
            if (r.getStatus() != Status.OK) {
                break;
            }
        }
        send(net);
        return taken;
    }

    @Override
    public long transferFrom(FileChannel file, long position, long count) throws IOException {
        if (!flush()) {
            return 0;
        }
        TlsScratch scratch = TlsScratch.get();
        ByteBuffer net = scratch.netOut(packetSize);
        long taken = 0;
        while (taken < count && net.remaining() >= packetSize) {
            ByteBuffer chunk = scratch.plain(TlsScratch.MAX_PLAINTEXT);
            chunk.limit((int) Math.min(TlsScratch.MAX_PLAINTEXT, count - taken));
            if (file.read(chunk, position + taken) <= 0) {
                break;
            }
            one[0] = chunk.flip();
            try {
                taken += wrap(one, 0, 1, net).bytesConsumed();
            } finally {
                one[0] = null;
            }
        }
        send(net);
        return taken;
    }

    private SSLEngineResult wrap(ByteBuffer[] srcs, int offset, int length, ByteBuffer net) throws IOException {
        if (outputDone) {
            throw new SSLException("the TLS output is closed");
        }
        SSLEngineResult r = engine.wrap(srcs, offset, length, net);
        if (r.getStatus() == Status.CLOSED) {
            throw new SSLException("the TLS session is closed");
        }
        if (!tls12) {
            answerHandshake(r.getHandshakeStatus(), net);
        }
        return r;
    }

    private static boolean remaining(ByteBuffer[] srcs, int offset, int length) {
        for (int i = offset; i < offset + length; i++) {
            if (srcs[i].hasRemaining()) {
                return true;
            }
        }
        return false;
    }

    /** Writes the scratch ciphertext {@code net} (in write mode), keeping what the socket does not take. */
    private void send(ByteBuffer net) throws IOException {
        net.flip();
        if (unsent == null) {
            channel.write(net);
        }
        if (net.hasRemaining()) {
            ByteBuffer rest = ByteBuffer.allocate((unsent == null ? 0 : unsent.remaining()) + net.remaining());
            if (unsent != null) {
                rest.put(unsent);
            }
            unsent = rest.put(net).flip();
        }
    }

    @Override
    public boolean flush() throws IOException {
        if (unsent != null) {
            channel.write(unsent);
            if (unsent.hasRemaining()) {
                return false;
            }
            unsent = null;
        }
        return true;
    }

    @Override
    public boolean hasPendingOutput() {
        return unsent != null;
    }

    @Override
    public void shutdownOutput() throws IOException {
        if (sendCloseNotify()) {
            channel.shutdownOutput();
        }
    }

    /** Queues and writes {@code close_notify}; returns whether the socket took it whole. */
    private boolean sendCloseNotify() throws IOException {
        if (outputDone) {
            return false;
        }
        outputDone = true;
        engine.closeOutbound();
        ByteBuffer net = TlsScratch.get().netOut(packetSize);
        engine.wrap(NOTHING, net);
        send(net);
        return flush();
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            if (channel.isOpen()) {
                sendCloseNotify();
            }
        } catch (IOException | RuntimeException e) {
            log.trace("close_notify", e);
        }
        unsent = null;
        unread = null;
        early = null;
        try {
            channel.close();
        } catch (IOException e) {
            log.trace("close", e);
        }
    }

    /** Copies {@code src}'s remaining bytes into a buffer of their own, or returns {@code null} when none. */
    static ByteBuffer copyOf(ByteBuffer src) {
        return src.hasRemaining() ? ByteBuffer.wrap(Arrays.copyOfRange(src.array(),
                src.arrayOffset() + src.position(), src.arrayOffset() + src.limit())) : null;
    }
}
