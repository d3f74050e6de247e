package dev.gyre.ws;

import dev.gyre.loop.BufferBudget;
import dev.gyre.server.MinDataRate;
import java.nio.ByteBuffer;
import java.util.Objects;

/**
 * One WebSocket connection's protocol state after a successful handshake: the {@link FrameDecoder}, the
 * {@link FrameEncoder}, the permessage-deflate context they share, and the closing handshake (RFC 6455 §7).
 *
 * <pre>
 *                     closeFrame()                         peer's Close decoded
 *        OPEN ───────────────────────────▶ CLOSE_SENT ───────────────────────────▶ CLOSED
 *          │  peer's Close decoded                              closeFrame() / replyTo()    ▲
 *          └───────────────────────────▶ CLOSE_RECEIVED ───────────────────────────────────┘
 *        any ── ProtocolError decoded ──▶ FAILED  (send closeFrame(error), then close TCP)
 * </pre>
 *
 * <p><b>Call pattern</b> on the connection's loop thread:
 * <pre>{@code
 * // readable: feed what was read, act on each event, compact the buffer
 * for (WebSocketEvent e; (e = codec.decode(in)) != null; ) {
 *     switch (e) {
 *         case Text t          -> app.onText(t.text());
 *         case Binary b        -> app.onBinary(b.data());
 *         case Ping p          -> write(codec.encoder().pong(p.payload()));
 *         case Pong p          -> keepAlive.pongReceived();
 *         case Close c         -> { write(codec.replyTo(c)); closeAfterFlush(); }   // null if ours went first
 *         case ProtocolError f -> { write(codec.closeFrame(f.closeCode(), f.reason())); closeAfterFlush(); }
 *     }
 * }
 * // sending: only while codec.canSend(); a broadcast writes a shared buffer's duplicate() instead
 * write(codec.encoder().text("hello"));
 * // server-initiated close: send, keep reading until the peer's Close (or a timeout), then close TCP
 * write(codec.closeFrame(CloseCodes.GOING_AWAY, "shutting down"));
 * // whenever the connection ends, for any reason, exactly once:
 * codec.close();
 * }</pre>
 * The server closes the TCP connection once both Close frames have passed (§7.1.1: the server closes
 * first); {@link #isDone()} says when. {@code write(null)} above means: nothing to write.
 *
 * <p>Not thread-safe: confined to the connection's loop thread.
 */
final class WebSocketCodec implements AutoCloseable {

    /** Where the closing handshake stands. */
    public enum State { OPEN, CLOSE_SENT, CLOSE_RECEIVED, CLOSED, FAILED }

    private final PerMessageDeflate deflate;
    private final FrameDecoder decoder;
    private final FrameEncoder encoder;
    private boolean closeSent;
    private boolean closeReceived;
    private boolean failed;

    /**
     * @param config  the endpoint's configuration (message limit, fragment size, compression options)
     * @param deflate the parameters agreed in the handshake ({@link HandshakeResult.Accepted#deflate()}), or
     *                {@code null} for no compression
     */
    public WebSocketCodec(WebSocketConfig config, DeflateParameters deflate) {
        this(config, deflate, BufferBudget.UNLIMITED);
    }

    /**
     * @param budget what the message being assembled reserves its growth from; a message that cannot grow
     *               fails the connection with {@code 1013} (see {@link FrameDecoder})
     */
    public WebSocketCodec(WebSocketConfig config, DeflateParameters deflate, BufferBudget budget) {
        this(config, deflate, budget, MinDataRate.disabled());
    }

    /**
     * @param messageRate the slowest an unfinished message may arrive ({@link #millisUntilMessageTooSlow});
     *                    the codec only measures, the caller closes
     */
    public WebSocketCodec(WebSocketConfig config, DeflateParameters deflate, BufferBudget budget,
                          MinDataRate messageRate) {
        this.deflate = deflate == null ? null
                : new PerMessageDeflate(deflate, Objects.requireNonNullElse(config.deflate(), DeflateOptions.defaults()));
        this.decoder = new FrameDecoder(config.maxMessageSize(), this.deflate, budget, messageRate);
        this.encoder = new FrameEncoder(config.outboundFragmentSize(), this.deflate);
    }

    /** See {@link FrameDecoder#decode}; also follows the closing handshake. */
    public WebSocketEvent decode(ByteBuffer in) {
        WebSocketEvent event = decoder.decode(in);
        if (event instanceof WebSocketEvent.Close) {
            closeReceived = true;
        } else if (event instanceof WebSocketEvent.ProtocolError) {
            failed = true;
        }
        return event;
    }

    /** See {@link FrameDecoder#millisUntilMessageTooSlow}. */
    public long millisUntilMessageTooSlow(long nowNanos) {
        return decoder.millisUntilMessageTooSlow(nowNanos);
    }

    /** The encoder for this connection's data and control frames; compresses if deflate was agreed. */
    public FrameEncoder encoder() {
        return encoder;
    }

    /** Whether data frames may still be sent: no Close has been sent or received. */
    public boolean canSend() {
        return !closeSent && !closeReceived && !failed;
    }

    /**
     * The Close frame to send now, or {@code null} if one was already sent: §5.5.1 allows one Close per
     * direction. Use it to start the closing handshake or to fail the connection after a
     * {@link WebSocketEvent.ProtocolError}.
     */
    public ByteBuffer closeFrame(int code, String reason) {
        if (closeSent) {
            return null;
        }
        closeSent = true;
        return encoder.close(code, reason);
    }

    /**
     * The answer to the peer's Close, echoing its status code as §5.5.1 suggests (an empty Close if it had
     * none), or {@code null} if this side's Close was already sent.
     */
    public ByteBuffer replyTo(WebSocketEvent.Close close) {
        if (closeSent) {
            return null;
        }
        closeSent = true;
        return close.code() == CloseCodes.NO_STATUS_RECEIVED ? encoder.close() : encoder.close(close.code(), close.reason());
    }

    public State state() {
        if (failed) {
            return State.FAILED;
        }
        if (closeSent) {
            return closeReceived ? State.CLOSED : State.CLOSE_SENT;
        }
        return closeReceived ? State.CLOSE_RECEIVED : State.OPEN;
    }

    /**
     * Whether the TCP connection should be closed once the pending writes are flushed: both Close frames
     * have passed, or the connection failed and its Close was sent.
     */
    public boolean isDone() {
        return closeSent && (closeReceived || failed);
    }

    /** Releases the compression context; idempotent. Call from the connection's single close path. */
    @Override
    public void close() {
        decoder.release();
        if (deflate != null) {
            deflate.close();
        }
    }
}
