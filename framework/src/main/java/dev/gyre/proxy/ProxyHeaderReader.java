package dev.gyre.proxy;

import dev.gyre.loop.EventLoop;
import dev.gyre.loop.IoHandler;
import dev.gyre.loop.TimerWheel;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the PROXY protocol header of one freshly accepted connection on its loop, without blocking it, then
 * hands the channel on: to the TLS handshake or straight to the protocol.
 *
 * <pre>
 *   start ─▶ READING ── bytes: decode ── NEED_MORE ─▶ READING (wait OP_READ)
 *              │                    └── DONE ─▶ HANDED_ON (the next stage registers the channel anew)
 *              └── FAILED / EOF / reset / timeout ─▶ CLOSED
 * </pre>
 *
 * <p>One timer bounds the whole header (the server's request-head timeout, from the accept), so a client that
 * stays silent or sends a byte at a time is closed when it expires; what it may read is bounded by the
 * decoder. The header is the first part of getting the first request in, so the time from its first byte to
 * its last is handed on ({@link Next#accepted}) and taken from the first request head's deadline: a client
 * cannot dribble the header for most of the timeout and then the head for all of it again. A header that is
 * missing or malformed closes this connection only, without an answer: the bytes that came are not known to
 * be HTTP, and a proxy that does not send the header is misconfigured.
 */
final class ProxyHeaderReader implements IoHandler {
    private static final Logger log = LoggerFactory.getLogger(ProxyHeaderReader.class);

    /** What happens once the header is read. Loop thread. */
    @FunctionalInterface
    interface Next {
        /** @param headerNanos how long the header took to arrive, from its first byte to its last */
        void accepted(SocketChannel channel, EventLoop loop, ProxyHeader header, ByteBuffer rest, long headerNanos)
                throws IOException;
    }

    private final SocketChannel channel;
    private final EventLoop loop;
    private final Next next;
    private final ProxyHeaderDecoder decoder = new ProxyHeaderDecoder();
    private final TimerWheel.Timer timer;
    private SelectionKey key;
    private boolean done;
    /** Whether a byte of the header has come yet. */
    private boolean begun;
    /** When the header's first byte came ({@link EventLoop#eventNanos}), once {@link #begun}. */
    private long firstByteNanos;

    private ProxyHeaderReader(SocketChannel channel, EventLoop loop, Next next) {
        this.channel = channel;
        this.loop = loop;
        this.next = next;
        this.timer = loop.timers().newTimer(this::onTimeout);
    }

    /** Starts waiting for the header of a freshly accepted channel. Loop thread. */
    static void start(SocketChannel channel, EventLoop loop, long timeoutMillis, Next next) throws IOException {
        ProxyHeaderReader reader = new ProxyHeaderReader(channel, loop, next);
        reader.key = loop.register(channel, SelectionKey.OP_READ, reader);
        loop.timers().schedule(reader.timer, timeoutMillis, System.nanoTime());
    }

    @Override
    public void onReady(SelectionKey key, int readyOps) {
        if (done) {
            return;
        }
        try {
            read();
        } catch (IOException | RuntimeException e) {
            log.debug("PROXY header from {} ended: {}", channel.socket().getRemoteSocketAddress(), e.toString());
            close();
        }
    }

    private void read() throws IOException {
        while (true) {
            int n = channel.read(decoder.room());
            if (n < 0) {
                log.debug("{} closed before its PROXY header ended", channel.socket().getRemoteSocketAddress());
                close();
                return;
            }
            if (n == 0) {
                return;
            }
            if (!begun) {
                begun = true;
                firstByteNanos = loop.eventNanos();
            }
            switch (decoder.decode()) {
                case NEED_MORE -> { }
                case FAILED -> {
                    log.debug("PROXY header from {} refused: {}", channel.socket().getRemoteSocketAddress(),
                            decoder.failure());
                    close();
                    return;
                }
                case DONE -> {
                    done = true;
                    loop.timers().cancel(timer);
                    next.accepted(channel, loop, decoder.header(), decoder.rest(), loop.eventNanos() - firstByteNanos);
                    return;
                }
            }
        }
    }

    private void onTimeout() {
        if (!done) {
            log.debug("PROXY header from {} timed out", channel.socket().getRemoteSocketAddress());
            close();
        }
    }

    private void close() {
        done = true;
        loop.timers().cancel(timer);
        key.cancel();
        try {
            channel.close();
        } catch (IOException e) {
            log.trace("close", e);
        }
    }

    @Override
    public void onLoopClosing() {
        close();
    }
}
