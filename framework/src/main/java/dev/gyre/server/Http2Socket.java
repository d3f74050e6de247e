package dev.gyre.server;

import dev.gyre.http.Request;
import dev.gyre.http.Upgrade;
import dev.gyre.loop.EventLoop;
import dev.gyre.loop.TimerWheel;
import dev.gyre.transport.TlsInfo;
import dev.gyre.transport.Transport;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The socket half of an HTTP/2 connection: owns the transport, the selection key and the outbound bytes, and
 * runs {@link Http2Protocol} on them. It stands in for the connection layer's {@code Wire} until HTTP/2 moves
 * onto it, and takes the channel over the way WebSocket does ({@link Upgrade}, {@link UpgradeHandOver}): after a
 * {@code 101} for {@code Upgrade: h2c}, after the client preface on a cleartext connection, or straight from the
 * TLS handshake when ALPN chose {@code h2}.
 *
 * <pre>
 *   OPEN ── closeAfterFlush: all written ──▶ LINGERING (FIN sent, input drained) ── EOF / linger ──▶ CLOSED
 *     └──── I/O error, write deadline, close(), loop closing ────────────────────────────────────▶ CLOSED
 * </pre>
 *
 * <p>Reading stops while more than the write high watermark waits to be sent: every frame the peer sends may
 * be answered, so a peer that writes but never reads is held back by TCP. The write deadline runs while bytes
 * wait: the plain write timeout, or sooner when the peer reads slower than {@link Timeouts#minResponseRate()}.
 * Loop thread only.
 */
final class Http2Socket implements Upgrade.Upgraded, Http2Wire {
    private static final Logger log = LoggerFactory.getLogger(Http2Socket.class);

    private enum State { OPEN, LINGERING, CLOSED }

    private final Transport transport;
    private final SelectionKey key;
    private final LoopContext ctx;
    private final Upgrade.Context handOver;
    private final InetSocketAddress remote;
    private final Http2Protocol protocol;
    private final OutboundQueue outbound = new OutboundQueue();
    private final TransferClock writeClock;
    /** The write deadline while OPEN, the linger time while LINGERING: either way, expiry closes. */
    private final TimerWheel.Timer timer;
    private State state = State.OPEN;
    private boolean inEvent;
    private boolean closeAfterFlush;
    private boolean inputClosed;

    private Http2Socket(Upgrade.Context handOver, LoopContext ctx, Http2Protocol protocol) throws IOException {
        this.handOver = handOver;
        this.transport = handOver.transport();
        this.key = handOver.key();
        this.ctx = ctx;
        this.protocol = protocol;
        this.remote = (InetSocketAddress) transport.channel().getRemoteAddress();
        this.writeClock = new TransferClock(ctx.config.timeouts().minResponseRate());
        this.timer = ctx.loop.timers().newTimer(this::close);
    }

    /** Whether the TLS handshake chose HTTP/2. */
    static boolean negotiated(Transport transport) {
        TlsInfo tls = transport.tls();
        return tls != null && "h2".equals(tls.applicationProtocol());
    }

    /** A TLS connection whose ALPN chose {@code h2}: registers it and serves HTTP/2 from the first byte. */
    static void accept(Transport transport, LoopContext ctx) throws IOException {
        SelectionKey key = ctx.loop.register(transport.channel(), SelectionKey.OP_READ, null);
        ctx.counter.opened();
        InetSocketAddress remote = (InetSocketAddress) transport.channel().getRemoteAddress();
        Http2Protocol protocol = new Http2Protocol(ctx, remote, transport.tls(), true);
        new UpgradeHandOver(transport, key, ctx, ByteBuffer.allocate(0), null).start(upgrade(ctx, protocol));
    }

    /** What takes a connection over for {@code protocol}: the upgrade of a 101, or of a preface seen on HTTP/1.1. */
    static Upgrade upgrade(LoopContext ctx, Http2Protocol protocol) {
        return context -> {
            try {
                Http2Socket socket = new Http2Socket(context, ctx, protocol);
                socket.start(context.leftover());
                return socket;
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        };
    }

    /**
     * For {@code Upgrade: h2c}: a 101 that continues {@code request} as stream 1, or {@code null} when the request
     * does not ask for it, the server does not offer it, or its {@code HTTP2-Settings} is bad (then it is
     * answered in HTTP/1.1 as if it had not asked).
     */
    static dev.gyre.http.Response h2cUpgrade(Request request, LoopContext ctx) {
        var headers = request.headers();
        if (!ctx.http2.upgrade() || request.isBodyStreamed() || !headers.containsToken("Upgrade", "h2c")
                || headers.count("HTTP2-Settings") != 1) {
            return null;
        }
        Http2Protocol protocol = new Http2Protocol(ctx, request.remoteAddress(), null, true);
        try {
            protocol.acceptUpgrade(request, headers.get("HTTP2-Settings"));
        } catch (IllegalArgumentException e) {
            return null;
        }
        return dev.gyre.http.Response.of(101).header("Connection", "Upgrade").header("Upgrade", "h2c")
                .upgrade(upgrade(ctx, protocol));
    }

    private void start(ByteBuffer leftover) {
        inEvent = true;
        try {
            protocol.start(this, leftover);
        } finally {
            inEvent = false;
        }
        flush();
        if (state == State.OPEN && transport.hasBufferedInput()) {
            onReady(key, SelectionKey.OP_READ);
        }
    }

    @Override
    public void onReady(SelectionKey selected, int readyOps) {
        inEvent = true;
        try {
            if ((readyOps & SelectionKey.OP_READ) != 0 && state != State.CLOSED) {
                read();
            }
        } catch (IOException e) {
            log.debug("h2 connection {} failed: {}", remote, e.toString());
            close();
        } finally {
            inEvent = false;
        }
        flush();
    }

    private void read() throws IOException {
        ByteBuffer in = ctx.readBuffer;
        in.clear();
        int n = transport.read(in);
        if (n < 0) {
            inputClosed = true;
            if (state == State.LINGERING) {
                close();
            } else {
                protocol.onInputClosed();
            }
            return;
        }
        if (n > 0 && state == State.OPEN) {
            protocol.onInput(in.flip());
        }
    }

    /** Writes what the socket takes; each time all is written, the protocol may produce more. */
    private void flush() {
        if (state == State.CLOSED) {
            return;
        }
        try {
            while (true) {
                long before = outbound.written();
                boolean flushed = outbound.flush(transport);
                writeClock.add(outbound.written() - before);
                if (!flushed) {
                    if (!writeClock.isRunning()) {
                        writeClock.start(System.nanoTime());
                    }
                    long now = System.nanoTime();
                    long limit = Math.min(ctx.config.timeouts().write().toMillis(), writeClock.millisUntilTooSlow(now));
                    ctx.loop.timers().schedule(timer, limit, now);
                    break;
                }
                if (writeClock.isRunning()) {
                    writeClock.stop();
                    ctx.loop.timers().cancel(timer);
                }
                if (closeAfterFlush) {
                    linger();
                    return;
                }
                inEvent = true;
                try {
                    protocol.onWritable();
                } finally {
                    inEvent = false;
                }
                if (state == State.CLOSED || (outbound.backlog() == 0 && !closeAfterFlush)) {
                    break;
                }
            }
        } catch (IOException e) {
            log.debug("h2 connection {} failed: {}", remote, e.toString());
            close();
            return;
        }
        updateInterest();
    }

    private void linger() throws IOException {
        if (inputClosed) {
            close();
            return;
        }
        state = State.LINGERING;
        transport.shutdownOutput();
        ctx.loop.timers().schedule(timer, ctx.config.timeouts().linger().toMillis(), System.nanoTime());
        updateInterest();
    }

    private void updateInterest() {
        if (state == State.CLOSED || !key.isValid()) {
            return;
        }
        boolean mayRead = state == State.LINGERING
                || (!inputClosed && outbound.backlog() < ctx.config.writeHighWatermark());
        int ops = mayRead ? SelectionKey.OP_READ : 0;
        if (outbound.backlog() > 0 || transport.hasPendingOutput()) {
            ops |= SelectionKey.OP_WRITE;
        }
        if (key.interestOps() != ops) {
            key.interestOps(ops);
        }
    }

    @Override
    public void write(byte[] bytes, int length) {
        if (state != State.OPEN) {
            return;
        }
        outbound.sink().append(bytes, 0, length);
        if (!inEvent) {
            flush();
        }
    }

    @Override
    public long backlog() {
        return outbound.backlog();
    }

    @Override
    public void closeAfterFlush() {
        closeAfterFlush = true;
        if (!inEvent) {
            flush();
        }
    }

    @Override
    public void drain() {
        inEvent = true;
        try {
            protocol.drain();
        } finally {
            inEvent = false;
        }
        flush();
    }

    @Override
    public void close() {
        if (state == State.CLOSED) {
            return;
        }
        state = State.CLOSED;
        try {
            ctx.loop.timers().cancel(timer);
            key.cancel();
            transport.close();
            outbound.release();
            protocol.onClosed();
        } finally {
            handOver.closed();
        }
    }

    @Override
    public void onLoopClosing() {
        close();
    }

    @Override
    public EventLoop loop() {
        return ctx.loop;
    }

    @Override
    public TlsInfo tls() {
        return transport.tls();
    }

    @Override
    public InetSocketAddress remote() {
        return remote;
    }

    @Override
    public String toString() {
        return "Http2Socket[" + remote + ", " + state + "]";
    }
}
