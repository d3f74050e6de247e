package dev.gyre.http2;

import dev.gyre.http.codec.ByteSink;
import dev.gyre.http.Headers;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The sending half of a connection: response header blocks, and DATA within the peer's windows (RFC 9113
 * §6.9, §5.2).
 *
 * <p><b>Guarantees.</b> No DATA frame ever exceeds the stream's send window, the connection's send window or
 * the peer's SETTINGS_MAX_FRAME_SIZE, and DATA stops once the output holds {@value #OUTPUT_HIGH_WATER} bytes.
 * What does not fit waits in its stream's queue ({@link Http2Stream}) and leaves as WINDOW_UPDATE frames or a
 * larger SETTINGS_INITIAL_WINDOW_SIZE open the windows, or as the layer reports the output written, streams
 * served in the order they opened. Header blocks are HPACK-encoded the moment they are framed, so the peer's decoder
 * sees blocks in the order this encoder made them. A stream's END_STREAM goes on its last DATA frame, or on its
 * trailers, or on an empty DATA frame when the body ended on a window boundary.
 *
 * <p>Connection-specific fields ({@code connection}, {@code keep-alive}, {@code proxy-connection},
 * {@code transfer-encoding}, {@code upgrade}) a handler set are dropped (§8.2.2), and names are lowered
 * (§8.2.1), both only when the encoder has no bytes cached for the field's very strings (a dropped field never
 * has any). Not thread-safe: the connection's loop owns it.
 */
final class OutboundFlow {
    private static final byte[] EMPTY = new byte[0];
    /**
     * The most DATA this class puts in the output before the layer has written it: what waits beyond it stays
     * in the streams' queues, so a client that reads slowly fills those queues and stops its handlers
     * ({@code sendData} returns false), exactly as a closed window does. The same 64 KiB as HTTP/1.1's write
     * high watermark.
     */
    static final int OUTPUT_HIGH_WATER = 64 * 1024;
    /** The digits of every status below 600, so that a response head allocates no string for its status. */
    private static final String[] STATUS_TEXT = new String[600];

    static {
        for (int status = 100; status < STATUS_TEXT.length; status++) {
            STATUS_TEXT[status] = Integer.toString(status).intern();
        }
    }

    private final ByteSink out;
    private final FrameWriter writer;
    private final HpackEncoder encoder = new HpackEncoder();
    private final StreamRegistry streams;
    private final Http2Listener listener;
    private final int maxQueuedBytes;
    private final ByteSink block = new ByteSink();
    private long connectionWindow = Http2Settings.DEFAULT_INITIAL_WINDOW_SIZE;
    private byte[] copyBuffer = EMPTY;
    /** Every DATA byte framed so far: the layer's measure of progress against a peer's shut window. */
    private long dataSent;

    OutboundFlow(ByteSink out, FrameWriter writer, StreamRegistry streams, Http2Listener listener,
                 int maxQueuedBytes) {
        this.out = out;
        this.writer = writer;
        this.streams = streams;
        this.listener = listener;
        this.maxQueuedBytes = maxQueuedBytes;
    }

    /** A response head; with {@code endStream} it ends the stream. */
    void headers(Http2Stream stream, int status, Headers headers, boolean endStream) {
        headerBlock(stream.id, status, headers, endStream);
        if (endStream) {
            ended(stream);
        }
    }

    /**
     * Answers 431 on a stream that was never opened because its header list was too large (RFC 9113 §8.1:
     * a complete response, then RST_STREAM NO_ERROR if the request has a body still to come).
     */
    void refuse431(int streamId, boolean requestEnded) {
        headerBlock(streamId, 431, new Headers(), true);
        if (!requestEnded) {
            writer.rstStream(out, streamId, Http2ErrorCode.NO_ERROR);
        }
    }

    /**
     * Queues {@code data} (owned by this class from now on) and writes what the windows allow.
     *
     * @return whether the stream can take more; if not, {@link Http2Listener#onWritable} follows once it can
     */
    boolean data(Http2Stream stream, ByteBuffer data, boolean endStream) {
        if (!stream.hasQueued() && writeWithinWindows(stream, data, endStream)) {
            return true;
        }
        stream.enqueue(data);
        stream.endQueued = endStream;
        flush(stream);
        if (stream.state.canSend() && stream.queuedBytes() >= maxQueuedBytes) {
            stream.writableOwed = true;
            return false;
        }
        return true;
    }

    /** Queues trailers, which end the stream once the queued data is out. */
    void trailers(Http2Stream stream, Headers trailers) {
        stream.queuedTrailers = trailers;
        flush(stream);
    }

    /**
     * A WINDOW_UPDATE (§6.9): opens the connection's or a stream's send window and writes what now fits.
     * WINDOW_UPDATE on a closed stream is ignored (it may cross this server's END_STREAM or RST_STREAM).
     */
    void windowUpdate(Frame.WindowUpdate frame) throws Http2Exception {
        int id = frame.streamId();
        if (frame.increment() == 0) {
            if (id == 0) {
                throw Http2Exception.connection(Http2ErrorCode.PROTOCOL_ERROR, "WINDOW_UPDATE of 0 on the connection");
            }
            throw Http2Exception.stream(id, Http2ErrorCode.PROTOCOL_ERROR, "WINDOW_UPDATE of 0 on stream " + id);
        }
        if (id == 0) {
            connectionWindow += frame.increment();
            if (connectionWindow > Http2Settings.MAX_WINDOW_SIZE) {
                throw Http2Exception.connection(Http2ErrorCode.FLOW_CONTROL_ERROR, "connection window over 2^31-1");
            }
            flushAll();
            return;
        }
        if (streams.isIdle(id)) {
            throw Http2Exception.connection(Http2ErrorCode.PROTOCOL_ERROR, "WINDOW_UPDATE on idle stream " + id);
        }
        Http2Stream stream = streams.get(id);
        if (stream != null) {
            stream.sendWindow += frame.increment();
            if (stream.sendWindow > Http2Settings.MAX_WINDOW_SIZE) {
                throw Http2Exception.stream(id, Http2ErrorCode.FLOW_CONTROL_ERROR, "stream window over 2^31-1");
            }
            flush(stream);
        }
    }

    /**
     * A peer's SETTINGS (§6.5): each parameter applied in order, then acknowledged (unless {@code ack} is
     * false: the HTTP2-Settings of an h2c upgrade, which the 101 acknowledges), then whatever a larger window
     * lets out.
     */
    void peerSettings(long[] parameters, Http2Settings peer, boolean ack) throws Http2Exception {
        for (long parameter : parameters) {
            int identifier = (int) (parameter >>> 32);
            long value = parameter & 0xFFFF_FFFFL;
            switch (identifier) {
                case Http2Settings.HEADER_TABLE_SIZE -> encoder.setPeerMaxTableSize(value);
                case Http2Settings.INITIAL_WINDOW_SIZE -> {
                    initialWindowChanged(peer.initialWindowSize, (int) value);
                    peer.initialWindowSize = (int) value;
                }
                case Http2Settings.MAX_FRAME_SIZE -> writer.peerMaxFrameSize((int) value);
                default -> {
                }
            }
        }
        if (ack) {
            writer.settingsAck(out);
        }
        flushAll();
    }

    /** A new SETTINGS_INITIAL_WINDOW_SIZE moves every open stream's window by the difference (§6.9.2). */
    private void initialWindowChanged(int oldSize, int newSize) throws Http2Exception {
        long delta = (long) newSize - oldSize;
        for (int i = 0; i < streams.openCount(); i++) {
            Http2Stream stream = streams.openAt(i);
            stream.sendWindow += delta;
            if (stream.sendWindow > Http2Settings.MAX_WINDOW_SIZE) {
                throw Http2Exception.connection(Http2ErrorCode.FLOW_CONTROL_ERROR,
                        "SETTINGS_INITIAL_WINDOW_SIZE takes stream " + stream.id + " over 2^31-1");
            }
        }
    }

    /** DATA bytes framed on this connection so far; it moves whenever a window lets response bytes out. */
    long dataSent() {
        return dataSent;
    }

    /**
     * Whether some stream has DATA queued that its own send window or the connection's does not let out: only a
     * WINDOW_UPDATE (or a larger SETTINGS_INITIAL_WINDOW_SIZE) from the peer can move it.
     */
    boolean heldByWindow() {
        for (int i = 0; i < streams.openCount(); i++) {
            Http2Stream stream = streams.openAt(i);
            if (stream.queuedBytes() > 0 && (stream.sendWindow <= 0 || connectionWindow <= 0)) {
                return true;
            }
        }
        return false;
    }

    /** Writes what the windows and the output's room allow on every stream that has something queued. */
    void flushAll() {
        List<Http2Stream> waiting = null;
        for (int i = 0; i < streams.openCount(); i++) {
            Http2Stream stream = streams.openAt(i);
            if (stream.hasQueued()) {
                if (waiting == null) {
                    waiting = new ArrayList<>();
                }
                waiting.add(stream);
            }
        }
        if (waiting != null) {
            for (Http2Stream stream : waiting) {
                flush(stream);
            }
        }
    }

    private void flush(Http2Stream stream) {
        while (stream.state.canSend()) {
            ByteBuffer head = stream.peek();
            if (head == null) {
                if (stream.queuedTrailers != null) {
                    headerBlock(stream.id, 0, stream.queuedTrailers, true);
                    ended(stream);
                } else if (stream.endQueued) {
                    writer.data(out, stream.id, EMPTY, 0, 0, true);
                    ended(stream);
                }
                return;
            }
            int n = sendable(stream, head.remaining());
            if (n <= 0) {
                break;
            }
            boolean last = stream.endQueued && stream.queuedTrailers == null && stream.queuedBytes() == n;
            writeData(stream.id, head, n, last);
            stream.sendWindow -= n;
            connectionWindow -= n;
            stream.dequeued(n);
            if (last) {
                ended(stream);
                return;
            }
        }
        if (stream.writableOwed && stream.queuedBytes() < maxQueuedBytes) {
            stream.writableOwed = false;
            listener.onWritable(stream.id);
        }
    }

    /**
     * The path of a stream with nothing queued: frames what the windows allow straight from {@code data}.
     *
     * @return whether all of it went out (and the stream ended if asked); else the rest is left in {@code data}
     */
    private boolean writeWithinWindows(Http2Stream stream, ByteBuffer data, boolean endStream) {
        if (!data.hasRemaining() && !endStream) {
            return true;
        }
        while (true) {
            int n = sendable(stream, data.remaining());
            boolean last = n == data.remaining();
            if (n <= 0 && !last) {
                return false;
            }
            writeData(stream.id, data, n, endStream && last);
            stream.sendWindow -= n;
            connectionWindow -= n;
            if (last) {
                if (endStream) {
                    ended(stream);
                }
                return true;
            }
        }
    }

    /** How many of {@code wanted} bytes may go in the next DATA frame: windows, frame size, output room. */
    private int sendable(Http2Stream stream, int wanted) {
        long room = Math.min(Math.min(stream.sendWindow, connectionWindow),
                Math.min(writer.peerMaxFrameSize(), OUTPUT_HIGH_WATER - out.size()));
        return (int) Math.min(wanted, room);
    }

    private void writeData(int streamId, ByteBuffer head, int n, boolean endStream) {
        dataSent += n;
        if (head.hasArray()) {
            writer.data(out, streamId, head.array(), head.arrayOffset() + head.position(), n, endStream);
            head.position(head.position() + n);
        } else {
            if (copyBuffer.length < n) {
                copyBuffer = new byte[Math.max(n, writer.peerMaxFrameSize())];
            }
            head.get(copyBuffer, 0, n);
            writer.data(out, streamId, copyBuffer, 0, n, endStream);
        }
    }

    /** Drops the header block and copy buffers if a large response head or frame made them larger than {@code most}. */
    void shrink(int most) {
        block.shrink(most);
        if (copyBuffer.length > most) {
            copyBuffer = EMPTY;
        }
    }

    /** Encodes and frames a header block; {@code status} 0 means trailers (no {@code :status}). */
    private void headerBlock(int streamId, int status, Headers headers, boolean endStream) {
        block.clear();
        encoder.beginBlock(block);
        if (status != 0) {
            encoder.encode(":status", status < STATUS_TEXT.length ? STATUS_TEXT[status] : Integer.toString(status),
                    block);
        }
        for (int i = 0; i < headers.size(); i++) {
            String given = headers.name(i);
            String value = headers.value(i);
            if (!encoder.encodeCached(given, value, block)) {
                String name = given.toLowerCase(Locale.ROOT);
                if (!ConnectionSpecificFields.contains(name)) {
                    encoder.encode(given, name, value, block);
                }
            }
        }
        writer.headers(out, streamId, block.array(), block.size(), endStream);
    }

    private void ended(Http2Stream stream) {
        stream.endQueued = false;
        stream.queuedTrailers = null;
        stream.state = stream.state.onSendEnd();
        if (stream.state == StreamState.CLOSED) {
            streams.remove(stream, StreamRegistry.Closed.ENDED);
        }
    }
}
