package dev.gyre.http2;

import static dev.gyre.http2.Http2ErrorCode.FLOW_CONTROL_ERROR;
import static dev.gyre.http2.Http2ErrorCode.PROTOCOL_ERROR;
import static dev.gyre.http2.Http2ErrorCode.STREAM_CLOSED;

import dev.gyre.http.codec.ByteSink;
import dev.gyre.http.Headers;
import dev.gyre.http2.config.FloodLimits;
import dev.gyre.http2.config.Http2Limits;
import java.nio.ByteBuffer;
import java.util.Base64;
import java.util.function.LongSupplier;

/**
 * The server side of one HTTP/2 connection (RFC 9113) as a state machine without a socket: bytes in, bytes out,
 * stream events to an {@link Http2Listener}.
 *
 * <pre>
 *                                                          goAway(): GOAWAY(2^31-1) + PING
 *   new ──▶ PREFACE ── client preface + SETTINGS ──▶ ACTIVE ──────────────────────────────▶ ANNOUNCED
 *             │                                        │        PING ACK, or goAway() again │
 *             │                                        │        GOAWAY(last stream id)      ▼
 *             │                                        │                                DRAINING
 *             │                                        │                                    │ last stream ends
 *             └────── connection error: GOAWAY(code) ──┴────────────────────────────────────┴──────▶ FINISHED
 * </pre>
 * The two GOAWAY frames are §6.8's graceful shutdown: the first tells the client to start no more streams, the
 * PING's answer shows that streams it started before reading that have arrived, and the second names the last
 * one this server will process. In ANNOUNCED new streams are still served; in DRAINING they are ignored, and
 * the streams up to the last id go on. FINISHED means {@link #isFinished()}: the layer flushes
 * {@link #output()} and closes the transport.
 *
 * <p><b>What the layer provides.</b> It feeds every byte read to {@link #receive}, in order; after each call
 * into this class it writes the bytes of {@link #output()} ({@code array()[0, size())}) to the transport and
 * clears the sink; it calls the send methods for each stream's response and {@link #consumed} as each request
 * body piece is used up; it stops feeding {@link #receive} while its outbound queue is above its high watermark
 * (every frame answered adds to the output); it closes the transport once {@link #isFinished()}. Timeouts (idle, write, a peer that
 * never reads) are the layer's: this class has no clock other than the one its {@link FloodGuard} counts with.
 *
 * <p><b>What it gets.</b> Request heads with their pseudo-headers checked, body pieces, trailers, resets and
 * writability, through {@link Http2Listener}. Protocol errors never reach it as exceptions: a stream error
 * resets that stream (RST_STREAM, {@link Http2Listener#onReset}); a connection error or an abusive peer
 * ({@link FloodLimits}, {@link Http2Limits}) sends GOAWAY and finishes the connection. A caller's misuse of
 * the send methods (an unknown stream, data after the end) is an {@link IllegalStateException}.
 *
 * <p>Not thread-safe: every method runs on the connection's loop thread.
 */
public final class Http2Connection {
    private final Http2Limits limits;
    private final Http2Listener listener;
    private final ByteSink out = new ByteSink();
    private final FrameDecoder decoder;
    private final FrameWriter writer = new FrameWriter();
    private final HeaderBlockAssembler headerBlock;
    private final HpackDecoder hpack;
    private final StreamRegistry streams = new StreamRegistry();
    private final OutboundFlow outbound;
    private final HeaderBlockHandler headerBlocks;
    private final FloodGuard guard;
    private final Http2Settings peer = new Http2Settings();
    private final ReceiveWindow connectionWindow;
    private boolean peerSettingsSeen;
    /** The largest buffer {@link #releaseBuffers} lets an idle connection keep: small enough for many idle peers. */
    static final int IDLE_BUFFER_BYTES = 4 * 1024;
    /** The opaque data of the PING that follows the first GOAWAY of a graceful shutdown. */
    static final long SHUTDOWN_PING = 0x6779_7265_2d67_6f21L;

    private boolean goAwayAnnounced;
    private boolean goAwaySent;
    private boolean peerWentAway;
    private boolean failed;

    /**
     * Starts a connection and writes the server's preface (SETTINGS, and a WINDOW_UPDATE that opens the
     * connection window to {@link Http2Limits#connectionWindowSize()}) into {@link #output()}.
     *
     * @param expectPreface whether the client's 24-byte preface comes first (§3.4); {@code false} if the layer
     *                      has read and checked it already
     * @param nanoClock     the clock flood windows are counted with, {@code System::nanoTime} in production
     */
    public Http2Connection(Http2Limits limits, Http2Listener listener, boolean expectPreface, LongSupplier nanoClock) {
        this.limits = limits;
        this.listener = listener;
        this.decoder = new FrameDecoder(expectPreface, limits.maxFrameSize());
        this.headerBlock = new HeaderBlockAssembler(limits.maxHeaderBlockBytes(), limits.maxContinuationFrames());
        this.outbound = new OutboundFlow(out, writer, streams, listener, limits.maxQueuedBytesPerStream());
        this.hpack = new HpackDecoder(limits.headerTableSize(), limits.maxHeaderListSize());
        this.headerBlocks = new HeaderBlockHandler(limits, streams, hpack, outbound, listener, peer);
        this.guard = new FloodGuard(limits.floods(), nanoClock);
        this.connectionWindow = new ReceiveWindow(Http2Settings.DEFAULT_INITIAL_WINDOW_SIZE,
                limits.connectionWindowSize());
        writer.settings(out, Http2Settings.announced(limits));
        int opening = connectionWindow.consumed(0);
        if (opening > 0) {
            writer.windowUpdate(out, 0, opening);
        }
    }

    /** The bytes to write to the peer; the layer writes and clears them after every call into this class. */
    public ByteSink output() {
        return out;
    }

    /**
     * Reports that the transport took every byte of {@link #output()} (and the layer cleared it): response data
     * held back because the output was full goes out now, into {@link #output()} again. The layer calls it
     * after each write that emptied its queue, until the output stays empty.
     */
    public void outputWritten() {
        if (!failed) {
            outbound.flushAll();
        }
    }

    /**
     * Gives back every buffer that grew past {@value #IDLE_BUFFER_BYTES} bytes for a large frame, header block,
     * Huffman string or response, unless it holds bytes still to be used. The layer calls it when no stream is
     * open, so that an idle connection costs what a fresh one does, whatever its peer sent or asked for
     * before: otherwise a frame's, a block's and 64 KiB of output's worth of arrays stay with it until it
     * closes.
     */
    public void releaseBuffers() {
        out.shrink(IDLE_BUFFER_BYTES);
        decoder.shrink(IDLE_BUFFER_BYTES);
        headerBlock.shrink(IDLE_BUFFER_BYTES);
        hpack.shrink(IDLE_BUFFER_BYTES);
        outbound.shrink(IDLE_BUFFER_BYTES);
    }

    /** Whether the connection is over: the layer flushes {@link #output()} and closes the transport. */
    public boolean isFinished() {
        return failed || ((goAwaySent || peerWentAway) && streams.openCount() == 0);
    }

    /**
     * Whether response DATA waits in the engine for the peer's window (a stream's or the connection's) rather
     * than for the output to drain: it leaves only when the peer opens the window.
     */
    public boolean heldByWindow() {
        return !failed && outbound.heldByWindow();
    }

    /** Response DATA bytes framed so far; a layer that sees it move knows a window let bytes out. */
    public long dataSent() {
        return outbound.dataSent();
    }

    public int openStreams() {
        return streams.openCount();
    }

    /**
     * Whether the end of {@code streamId}'s response is in {@link #output()} already (or the stream is gone):
     * nothing more of it waits in the engine.
     */
    public boolean responseFramed(int streamId) {
        Http2Stream stream = streams.get(streamId);
        return stream == null || !stream.state.canSend();
    }

    /** Whether the request of {@code streamId} is still arriving: its stream is open for receiving. */
    public boolean receiving(int streamId) {
        Http2Stream stream = streams.get(streamId);
        return stream != null && stream.state.canReceive();
    }

    /**
     * Takes over an HTTP/1.1 request that asked for {@code Upgrade: h2c} (RFC 7540 §3.2), before any byte is
     * received: its {@code HTTP2-Settings} are applied as the client's first SETTINGS (the 101 acknowledges
     * them), and the request becomes stream 1, half-closed (remote), to be answered with the send methods. The
     * client's preface and SETTINGS still follow the 101. The layer sends the 101 only if this returns.
     *
     * @param http2Settings the {@code HTTP2-Settings} field: a SETTINGS payload in base64url (§3.2.1)
     * @throws IllegalArgumentException if the field is not valid base64url of valid settings, or streams exist
     */
    public void acceptUpgrade(Http2Request request, String http2Settings) {
        if (streams.lastClientStreamId() != 0 || failed) {
            throw new IllegalArgumentException("an upgrade must come before any stream");
        }
        byte[] payload;
        try {
            payload = Base64.getUrlDecoder().decode(http2Settings.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("HTTP2-Settings is not base64url", e);
        }
        try {
            outbound.peerSettings(FrameDecoder.settingsPayload(payload), peer, false);
        } catch (Http2Exception e) {
            throw new IllegalArgumentException("HTTP2-Settings: " + e.getMessage(), e);
        }
        streams.add(new Http2Stream(1, StreamState.HALF_CLOSED_REMOTE, peer.initialWindowSize,
                limits.initialWindowSize(), request.contentLength()));
    }

    /**
     * Decodes every byte of {@code in} and acts on each frame. Bytes after a connection error are dropped.
     */
    public void receive(ByteBuffer in) {
        try {
            Frame frame;
            while (!failed && (frame = decoder.next(in)) != null) {
                try {
                    dispatch(frame);
                } catch (Http2Exception e) {
                    if (e.isConnectionError()) {
                        throw e;
                    }
                    streamError(e);
                }
            }
        } catch (Http2Exception e) {
            connectionError(e);
        }
        in.position(in.limit());
    }

    /**
     * Sends a response head on an open stream.
     *
     * @throws IllegalStateException if the stream is not open for sending
     */
    public void sendHeaders(int streamId, int status, Headers headers, boolean endStream) {
        Http2Stream stream = sendable(streamId);
        outbound.headers(stream, status, headers, endStream);
    }

    /**
     * Sends response body bytes, as the peer's windows allow; the rest waits. {@code data} belongs to the
     * connection from now on.
     *
     * @return whether more may be sent now; after {@code false}, wait for {@link Http2Listener#onWritable}
     * @throws IllegalStateException if the stream is not open for sending, or was told to wait
     */
    public boolean sendData(int streamId, ByteBuffer data, boolean endStream) {
        Http2Stream stream = sendable(streamId);
        if (stream.writableOwed) {
            throw new IllegalStateException("stream " + streamId + " is not writable; wait for onWritable");
        }
        boolean writable = outbound.data(stream, data, endStream);
        return writable;
    }

    /** Sends trailers after the data already given, ending the stream. */
    public void sendTrailers(int streamId, Headers trailers) {
        outbound.trailers(sendable(streamId), trailers);
    }

    /** Resets a stream (for instance when its handler failed); unknown or closed streams are ignored. */
    public void reset(int streamId, Http2ErrorCode error) {
        Http2Stream stream = streams.get(streamId);
        if (stream != null && !failed) {
            writer.rstStream(out, streamId, error);
            streams.remove(stream, StreamRegistry.Closed.RESET_HERE);
        }
    }

    /**
     * Reports that the listener is done with {@code bytes} of a stream's request body, so that the peer may
     * send that much more on it (§6.9). Unknown or closed streams are ignored.
     */
    public void consumed(int streamId, int bytes) {
        Http2Stream stream = streams.get(streamId);
        if (stream == null || failed) {
            return;
        }
        int increment = stream.receiveWindow.consumed(bytes);
        if (increment > 0 && stream.state.canReceive()) {
            writer.windowUpdate(out, streamId, increment);
        }
    }

    /**
     * Closes gracefully, for {@code stop(grace)} (§6.8): the first call sends GOAWAY with the largest stream id
     * and a PING, and once the PING is answered a second GOAWAY names the last stream id seen; a second call
     * sends that one at once. Open streams then finish and new ones are ignored. The layer closes once
     * {@link #isFinished()} or when the grace period is over.
     */
    public void goAway() {
        if (failed || goAwaySent) {
            return;
        }
        if (!goAwayAnnounced) {
            goAwayAnnounced = true;
            writer.goAway(out, Integer.MAX_VALUE, Http2ErrorCode.NO_ERROR, "");
            writer.ping(out, false, SHUTDOWN_PING);
        } else {
            finalGoAway();
        }
    }

    private void finalGoAway() {
        goAwaySent = true;
        writer.goAway(out, streams.lastClientStreamId(), Http2ErrorCode.NO_ERROR, "");
    }

    private void dispatch(Frame frame) throws Http2Exception {
        if (headerBlock.isOpen() && !(frame instanceof Frame.Continuation)) {
            throw Http2Exception.connection(PROTOCOL_ERROR, "frame inside the header block of stream "
                    + headerBlock.first().streamId());
        }
        if (!peerSettingsSeen) {
            if (!(frame instanceof Frame.Settings settings) || settings.ack()) {
                throw Http2Exception.connection(PROTOCOL_ERROR, "the client preface must start with SETTINGS");
            }
            peerSettingsSeen = true;
        }
        switch (frame) {
            case Frame.Data data -> onData(data);
            case Frame.Headers headers -> onHeaders(headers);
            case Frame.Continuation continuation -> onContinuation(continuation);
            case Frame.Priority priority -> onPriority(priority);
            case Frame.RstStream rst -> onRstStream(rst);
            case Frame.Settings settings -> onSettings(settings);
            case Frame.PushPromise push ->
                    throw Http2Exception.connection(PROTOCOL_ERROR, "PUSH_PROMISE from a client (§8.4)");
            case Frame.Ping ping -> onPing(ping);
            case Frame.GoAway goAway -> onGoAway(goAway);
            case Frame.WindowUpdate update -> onWindowUpdate(update);
            case Frame.Unknown unknown -> {
            }
        }
    }

    private void onData(Frame.Data frame) throws Http2Exception {
        int id = frame.streamId();
        if (streams.isIdle(id)) {
            throw Http2Exception.connection(PROTOCOL_ERROR, "DATA on idle stream " + id);
        }
        if (!connectionWindow.receive(frame.flowLength())) {
            throw Http2Exception.connection(FLOW_CONTROL_ERROR, "DATA beyond the connection window");
        }
        // The connection window is given back at once: each stream's own window bounds what waits unread.
        int increment = connectionWindow.consumed(frame.flowLength());
        if (increment > 0) {
            writer.windowUpdate(out, 0, increment);
        }
        if (frame.data().length == 0 && !frame.endStream()) {
            guard.count(FloodGuard.Kind.EMPTY_FRAME);
        }
        Http2Stream stream = streams.get(id);
        if (stream == null) {
            switch (streams.closedHow(id)) {
                case RESET_HERE -> {
                    return;
                }
                case ENDED -> throw Http2Exception.connection(STREAM_CLOSED, "DATA on ended stream " + id);
                default -> throw Http2Exception.stream(id, STREAM_CLOSED, "DATA on closed stream " + id);
            }
        }
        if (!stream.state.canReceive()) {
            throw Http2Exception.stream(id, STREAM_CLOSED, "DATA after END_STREAM on stream " + id);
        }
        if (!stream.receiveWindow.receive(frame.flowLength())) {
            throw Http2Exception.stream(id, FLOW_CONTROL_ERROR, "DATA beyond the window of stream " + id);
        }
        int padding = frame.flowLength() - frame.data().length;
        if (padding > 0) {
            consumed(id, padding);
        }
        stream.dataReceived += frame.data().length;
        if (stream.contentLength >= 0 && (stream.dataReceived > stream.contentLength
                || (frame.endStream() && stream.dataReceived != stream.contentLength))) {
            throw Http2Exception.stream(id, PROTOCOL_ERROR, "DATA does not match content-length "
                    + stream.contentLength);
        }
        listener.onData(id, ByteBuffer.wrap(frame.data()), frame.endStream());
        if (frame.endStream()) {
            streams.receivedEnd(stream);
        }
    }

    private void onHeaders(Frame.Headers frame) throws Http2Exception {
        if (frame.streamId() % 2 == 0) {
            throw Http2Exception.connection(PROTOCOL_ERROR, "HEADERS on even stream " + frame.streamId());
        }
        headerBlock.open(frame);
        if (frame.endHeaders()) {
            completeHeaderBlock();
        }
    }

    private void onContinuation(Frame.Continuation frame) throws Http2Exception {
        if (headerBlock.continuation(frame)) {
            completeHeaderBlock();
        } else if (frame.fragment().length == 0) {
            guard.count(FloodGuard.Kind.EMPTY_FRAME);
        }
    }

    private void completeHeaderBlock() throws Http2Exception {
        Frame.Headers first = headerBlock.first();
        headerBlock.close();
        headerBlocks.complete(first, headerBlock.block(), headerBlock.length(), goAwaySent);
    }

    private void onPriority(Frame.Priority frame) throws Http2Exception {
        guard.count(FloodGuard.Kind.PRIORITY);
        if (frame.dependency() == frame.streamId()) {
            throw Http2Exception.stream(frame.streamId(), PROTOCOL_ERROR, "stream depends on itself (§5.3.1)");
        }
    }

    private void onRstStream(Frame.RstStream frame) throws Http2Exception {
        int id = frame.streamId();
        if (streams.isIdle(id)) {
            throw Http2Exception.connection(PROTOCOL_ERROR, "RST_STREAM on idle stream " + id);
        }
        guard.count(FloodGuard.Kind.RESET);
        Http2Stream stream = streams.get(id);
        if (stream != null) {
            streams.remove(stream, StreamRegistry.Closed.RESET_BY_PEER);
            listener.onReset(id, Http2ErrorCode.of(frame.errorCode()));
        }
    }

    private void onSettings(Frame.Settings frame) throws Http2Exception {
        if (!frame.ack()) {
            guard.count(FloodGuard.Kind.SETTINGS);
            outbound.peerSettings(frame.parameters(), peer, true);
        }
    }

    private void onPing(Frame.Ping frame) throws Http2Exception {
        if (!frame.ack()) {
            guard.count(FloodGuard.Kind.PING);
            writer.ping(out, true, frame.opaqueData());
        } else if (frame.opaqueData() == SHUTDOWN_PING && goAwayAnnounced && !goAwaySent) {
            finalGoAway();
        }
    }

    private void onGoAway(Frame.GoAway frame) {
        peerWentAway = true;
        listener.onGoAway(frame.lastStreamId(), Http2ErrorCode.of(frame.errorCode()));
    }

    private void onWindowUpdate(Frame.WindowUpdate frame) throws Http2Exception {
        guard.count(FloodGuard.Kind.WINDOW_UPDATE);
        outbound.windowUpdate(frame);
    }

    /** RST_STREAM for a stream error (§5.4.2); resets count towards the rapid-reset limit. */
    private void streamError(Http2Exception e) throws Http2Exception {
        int id = e.streamId();
        writer.rstStream(out, id, e.code());
        Http2Stream stream = streams.get(id);
        if (stream != null) {
            streams.remove(stream, StreamRegistry.Closed.RESET_HERE);
            listener.onReset(id, e.code());
        } else if (streams.isIdle(id)) {
            streams.closedAtOpen(id, StreamRegistry.Closed.RESET_HERE);
        }
        guard.count(FloodGuard.Kind.RESET);
    }

    /** GOAWAY for a connection error (§5.4.1); every open stream is reset under the layer. */
    private void connectionError(Http2Exception e) {
        failed = true;
        writer.goAway(out, streams.lastClientStreamId(), e.code(), e.getMessage());
        for (Http2Stream stream : streams.snapshot()) {
            streams.remove(stream, StreamRegistry.Closed.RESET_HERE);
            listener.onReset(stream.id, e.code());
        }
    }

    private Http2Stream sendable(int streamId) {
        Http2Stream stream = streams.get(streamId);
        if (stream == null || !stream.state.canSend() || stream.endQueued || stream.queuedTrailers != null) {
            throw new IllegalStateException("stream " + streamId + " is not open for sending");
        }
        return stream;
    }
}
