package dev.gyre.transport.internal;

import dev.gyre.loop.EventLoop;
import dev.gyre.loop.IoHandler;
import dev.gyre.loop.TimerWheel;
import dev.gyre.transport.TlsInfo;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the server side of one TLS handshake without blocking the connection's loop, then hands the finished
 * {@link TlsTransport} to the protocol.
 *
 * <pre>
 *            ┌──────────────── unsent ciphertext? write it ── socket full ──▶ wait OP_WRITE ─┐
 *            ▼                                                                                │
 *   start ─▶ STEP ── NEED_UNWRAP: unwrap; short record ─▶ read ── nothing ──▶ wait OP_READ ───┤
 *            │  ├─── NEED_WRAP:   wrap into the out buffer ───────────────────────────────────┤
 *            │  └─── NEED_TASK:   tasks on the TLS executor (no interest) ── loop.execute ────┘
 *            └── NOT_HANDSHAKING, all sent ──▶ ESTABLISHED: TlsTransport to the protocol
 *   any ── timeout / EOF / reset / SSLException (alert sent if the socket takes it) ──▶ CLOSED
 *
 *   steps off the loop (a provider other than the JDK's):
 *   loop: ready ──▶ AWAY (no interest) ══ pool: STEP as above, tasks run in place ══▶ loop.execute ──▶
 *         wait OP_READ / wait OP_WRITE / ESTABLISHED / CLOSED, as the step ended
 * </pre>
 *
 * <p>The expensive key exchange and signature work never runs on the loop. The JDK's engine puts it in
 * delegated tasks, which run on the TLS executor while the loop drives {@code wrap}/{@code unwrap}; another
 * provider may do it inside {@code wrap}/{@code unwrap} (Conscrypt does), so under one ({@code stepsOffLoop})
 * each whole step, socket reads and writes included, runs on the executor. While the handshake is away on the
 * executor its key has no interest and the loop does not touch the engine or the buffers; the loop resumes
 * the handshake when the executor is done (the hand-over through {@code loop.execute} publishes what the
 * executor wrote). One timer bounds the whole handshake, so a client that stays silent or dribbles its
 * ClientHello a byte at a time is closed when it expires; garbage makes the engine throw, which closes
 * only this connection. The two buffers live only as long as the handshake.
 */
final class TlsHandshake implements IoHandler {
    private static final Logger log = LoggerFactory.getLogger(TlsHandshake.class);
    private static final ByteBuffer NOTHING = ByteBuffer.allocate(0).asReadOnlyBuffer();

    private final SocketChannel channel;
    private final SSLEngine engine;
    private final EventLoop loop;
    private final Executor tasks;
    private final boolean stepsOffLoop;
    private final TransportAcceptor acceptor;
    private final TimerWheel.Timer timer;
    private SelectionKey key;
    private ByteBuffer netIn;
    private ByteBuffer netOut;
    private ByteBuffer early;
    private boolean away;
    private boolean done;

    /** Where a step left the handshake. */
    private enum Wait { READ, WRITE, TASKS, ESTABLISHED }

    private TlsHandshake(SocketChannel channel, SSLEngine engine, EventLoop loop, Executor tasks,
                         boolean stepsOffLoop, TransportAcceptor acceptor) {
        this.channel = channel;
        this.engine = engine;
        this.loop = loop;
        this.tasks = tasks;
        this.stepsOffLoop = stepsOffLoop;
        this.acceptor = acceptor;
        this.timer = loop.timers().newTimer(this::onTimeout);
        int packetSize = engine.getSession().getPacketBufferSize();
        this.netIn = ByteBuffer.allocate(packetSize);
        this.netOut = ByteBuffer.allocate(packetSize);
    }

    /**
     * Starts a handshake on a freshly accepted channel whose first bytes, {@code read} (often none), were
     * already taken from the socket; {@code stepsOffLoop} runs every step on {@code tasks}. Loop thread.
     */
    static void start(SocketChannel channel, SSLEngine engine, EventLoop loop, Executor tasks, boolean stepsOffLoop,
                      long timeoutMillis, ByteBuffer read, TransportAcceptor acceptor) throws IOException {
        TlsHandshake handshake = new TlsHandshake(channel, engine, loop, tasks, stepsOffLoop, acceptor);
        if (read.remaining() > handshake.netIn.remaining()) {
            handshake.netIn = grow(handshake.netIn, read.remaining());
        }
        handshake.netIn.put(read);
        handshake.key = loop.register(channel, SelectionKey.OP_READ, handshake);
        loop.timers().schedule(handshake.timer, timeoutMillis, System.nanoTime());
        engine.beginHandshake();
        handshake.step();
    }

    @Override
    public void onReady(SelectionKey key, int readyOps) {
        step();
    }

    private void step() {
        if (done || away) {
            return;
        }
        if (stepsOffLoop) {
            goAway(true);
            return;
        }
        Wait wait;
        try {
            wait = advance();
        } catch (IOException | RuntimeException e) {
            fail(e);
            return;
        }
        resume(wait);
    }

    /** Drives the engine until it must wait; runs its delegated tasks in place when the step is off the loop. */
    private Wait advance() throws IOException {
        while (true) {
            if (netOut.position() > 0 && !writeOut()) {
                return Wait.WRITE;
            }
            switch (engine.getHandshakeStatus()) {
                case NOT_HANDSHAKING, FINISHED -> {
                    return Wait.ESTABLISHED;
                }
                case NEED_TASK -> {
                    if (!stepsOffLoop) {
                        return Wait.TASKS;
                    }
                    runDelegatedTasks();
                }
                case NEED_WRAP -> wrap();
                case NEED_UNWRAP, NEED_UNWRAP_AGAIN -> {
                    if (!unwrap()) {
                        return Wait.READ;
                    }
                }
            }
        }
    }

    /** Loop thread: waits as the step ended. */
    private void resume(Wait wait) {
        switch (wait) {
            case READ -> interest(SelectionKey.OP_READ);
            case WRITE -> interest(SelectionKey.OP_WRITE);
            case TASKS -> goAway(false);
            case ESTABLISHED -> established();
        }
    }

    private void fail(Exception e) {
        if (e instanceof SSLException) {
            log.debug("TLS handshake with {} failed: {}", channel.socket().getRemoteSocketAddress(), e.toString());
            sendAlert();
        } else {
            log.debug("TLS handshake with {} ended: {}", channel.socket().getRemoteSocketAddress(), e.toString());
        }
        close();
    }

    /** Writes the out buffer; returns whether it is empty. */
    private boolean writeOut() throws IOException {
        netOut.flip();
        channel.write(netOut);
        boolean all = !netOut.hasRemaining();
        netOut.compact();
        return all;
    }

    private void wrap() throws IOException {
        SSLEngineResult r = engine.wrap(NOTHING, netOut);
        switch (r.getStatus()) {
            case OK -> { }
            case BUFFER_OVERFLOW -> netOut = grow(netOut, engine.getSession().getPacketBufferSize());
            case CLOSED -> {
                writeOut();
                throw new SSLException("the engine closed during the handshake");
            }
            case BUFFER_UNDERFLOW -> throw new SSLException("buffer underflow on wrap");
        }
    }

    /** Unwraps one record; returns false when more bytes must arrive first. */
    private boolean unwrap() throws IOException {
        if (netIn.position() == 0 && !read()) {
            return false;
        }
        ByteBuffer plain = TlsScratch.get().plain(engine.getSession().getApplicationBufferSize());
        netIn.flip();
        SSLEngineResult r;
        try {
            r = engine.unwrap(netIn, plain);
        } finally {
            netIn.compact();
        }
        if (r.bytesProduced() > 0) {
            keepEarly(plain.flip());
        }
        return switch (r.getStatus()) {
            case OK -> true;
            case BUFFER_UNDERFLOW -> {
                if (!netIn.hasRemaining()) {
                    netIn = grow(netIn, engine.getSession().getPacketBufferSize());
                }
                yield read();
            }
            case BUFFER_OVERFLOW -> throw new SSLException("the application buffer is too small");
            case CLOSED -> throw new EOFException("the client closed the connection during the handshake");
        };
    }

    /** Reads what the socket has; returns whether anything came. */
    private boolean read() throws IOException {
        int n = channel.read(netIn);
        if (n < 0) {
            throw new EOFException("the client closed the connection during the handshake");
        }
        return n > 0;
    }

    /** Plaintext that arrived with the handshake (a TLS 1.2 False Start); the protocol reads it first. */
    private void keepEarly(ByteBuffer plain) {
        ByteBuffer joined = ByteBuffer.allocate((early == null ? 0 : early.remaining()) + plain.remaining());
        if (early != null) {
            joined.put(early);
        }
        early = joined.put(plain).flip();
    }

    /**
     * Loop thread: hands the handshake to the TLS executor, for its delegated tasks only or for a whole step,
     * and takes it back on the loop when that is done.
     */
    private void goAway(boolean wholeStep) {
        away = true;
        interest(0);
        try {
            tasks.execute(() -> {
                Wait wait = null;
                Exception failure = null;
                try {
                    if (wholeStep) {
                        wait = advance();
                    } else {
                        runDelegatedTasks();
                    }
                } catch (IOException | RuntimeException e) {
                    failure = e;
                }
                Wait then = wait;
                Exception failed = failure;
                loop.execute(() -> back(then, failed));
            });
        } catch (RejectedExecutionException e) {
            away = false;
            close();
        }
    }

    /** Loop thread: the executor is done; {@code wait} is null after delegated tasks alone. */
    private void back(Wait wait, Exception failure) {
        away = false;
        if (done) {
            return;
        }
        if (failure != null) {
            fail(failure);
        } else if (wait == null) {
            step();
        } else {
            resume(wait);
        }
    }

    private void runDelegatedTasks() {
        for (Runnable task; (task = engine.getDelegatedTask()) != null; ) {
            task.run();
        }
    }

    private void established() {
        done = true;
        loop.timers().cancel(timer);
        netIn.flip();
        TlsTransport transport = new TlsTransport(channel, engine, info(engine), TlsTransport.copyOf(netIn), early);
        netIn = null;
        netOut = null;
        try {
            acceptor.accepted(transport, loop);
        } catch (IOException | RuntimeException e) {
            log.debug("dropping TLS connection that failed during setup", e);
            key.cancel();
            transport.close();
        }
    }

    static TlsInfo info(SSLEngine engine) {
        SSLSession session = engine.getSession();
        List<X509Certificate> peers;
        try {
            Certificate[] chain = session.getPeerCertificates();
            peers = Arrays.stream(chain).map(X509Certificate.class::cast).toList();
        } catch (SSLPeerUnverifiedException noClientCertificate) {
            peers = List.of();
        }
        String alpn = engine.getApplicationProtocol();
        return new TlsInfo(session.getProtocol(), session.getCipherSuite(), alpn == null || alpn.isEmpty() ? null : alpn,
                SniKeyManager.requestedHost(session), peers);
    }

    private static ByteBuffer grow(ByteBuffer buffer, int atLeast) {
        ByteBuffer bigger = ByteBuffer.allocate(Math.max(buffer.capacity() * 2, atLeast));
        return bigger.put(buffer.flip());
    }

    private void interest(int ops) {
        if (key.isValid() && key.interestOps() != ops) {
            key.interestOps(ops);
        }
    }

    /** After a failure the engine holds a fatal alert; send it if the socket takes it now. */
    private void sendAlert() {
        try {
            engine.closeOutbound();
            if (netOut != null) {
                engine.wrap(NOTHING, netOut);
                writeOut();
            }
        } catch (IOException | RuntimeException e) {
            log.trace("alert", e);
        }
    }

    private void onTimeout() {
        if (!done) {
            log.debug("TLS handshake with {} timed out", channel.socket().getRemoteSocketAddress());
            close();
        }
    }

    private void close() {
        if (done) {
            return;
        }
        done = true;
        loop.timers().cancel(timer);
        key.cancel();
        try {
            channel.close();
        } catch (IOException e) {
            log.trace("close", e);
        }
        if (!away) {
            netIn = null;
            netOut = null;
        }
    }

    @Override
    public void onLoopClosing() {
        close();
    }
}
