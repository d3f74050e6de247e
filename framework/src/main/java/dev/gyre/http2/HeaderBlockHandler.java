package dev.gyre.http2;

import dev.gyre.http2.config.Http2Limits;

import static dev.gyre.http2.Http2ErrorCode.PROTOCOL_ERROR;
import static dev.gyre.http2.Http2ErrorCode.STREAM_CLOSED;

/**
 * Turns each complete header block into what it means for its stream (RFC 9113 §5.1, §8.1): a new stream and
 * its request, the trailers of an open one, a 431, a refusal, or the error its stream state calls for.
 *
 * <p>Every block is HPACK-decoded first, whatever becomes of it, so that the decoder's table stays the one
 * the peer's encoder has (RFC 9113 §4.3). Not thread-safe: part of one {@link Http2Connection}.
 */
final class HeaderBlockHandler {
    private final Http2Limits limits;
    private final StreamRegistry streams;
    private final HpackDecoder hpack;
    private final OutboundFlow outbound;
    private final Http2Listener listener;
    private final Http2Settings peer;
    private final CheckedFields checked = new CheckedFields();

    HeaderBlockHandler(Http2Limits limits, StreamRegistry streams, HpackDecoder hpack, OutboundFlow outbound,
                       Http2Listener listener, Http2Settings peer) {
        this.limits = limits;
        this.streams = streams;
        this.hpack = hpack;
        this.outbound = outbound;
        this.listener = listener;
        this.peer = peer;
    }

    /**
     * Acts on one complete header block of stream {@code first.streamId()}.
     *
     * @param goingAway whether this server sent GOAWAY: a new stream is then ignored (§6.8)
     * @throws Http2Exception a stream error (the stream is reset by the caller) or a connection error
     */
    void complete(Frame.Headers first, byte[] block, int length, boolean goingAway) throws Http2Exception {
        int id = first.streamId();
        Http2Stream stream = streams.get(id);
        RequestFields fields = new RequestFields(stream != null, checked);
        boolean fits = hpack.decode(block, 0, length, fields);
        if (first.dependency() == id) {
            throw Http2Exception.stream(id, PROTOCOL_ERROR, "stream " + id + " depends on itself (§5.3.1)");
        }
        if (stream != null) {
            onTrailers(stream, fields, fits, first.endStream());
            return;
        }
        if (!streams.isIdle(id)) {
            switch (streams.closedHow(id)) {
                case RESET_HERE -> {
                    return;
                }
                case RESET_BY_PEER -> throw Http2Exception.stream(id, STREAM_CLOSED, "HEADERS on reset stream " + id);
                case ENDED -> throw Http2Exception.connection(STREAM_CLOSED, "HEADERS on ended stream " + id);
                case UNKNOWN -> throw Http2Exception.connection(PROTOCOL_ERROR,
                        "stream " + id + " is not above the last stream " + streams.lastClientStreamId());
            }
        }
        openStream(id, fields, fits, first.endStream(), goingAway);
    }

    private void openStream(int id, RequestFields fields, boolean fits, boolean endStream, boolean goingAway)
            throws Http2Exception {
        if (goingAway) {
            streams.closedAtOpen(id, StreamRegistry.Closed.RESET_HERE);
            return;
        }
        if (streams.openCount() >= limits.maxConcurrentStreams()) {
            throw Http2Exception.stream(id, Http2ErrorCode.REFUSED_STREAM,
                    "more than " + limits.maxConcurrentStreams() + " open streams");
        }
        if (!fits) {
            streams.closedAtOpen(id, StreamRegistry.Closed.RESET_HERE);
            outbound.refuse431(id, endStream);
            return;
        }
        String malformed = fields.malformed();
        if (malformed != null) {
            throw Http2Exception.stream(id, PROTOCOL_ERROR, "malformed request: " + malformed);
        }
        Http2Request request = fields.request();
        if (endStream && request.contentLength() > 0) {
            throw Http2Exception.stream(id, PROTOCOL_ERROR, "content-length without DATA");
        }
        Http2Stream stream = new Http2Stream(id, endStream ? StreamState.HALF_CLOSED_REMOTE : StreamState.OPEN,
                peer.initialWindowSize, limits.initialWindowSize(), request.contentLength());
        streams.add(stream);
        listener.onRequest(id, request, endStream);
    }

    /** A second header block on an open stream: trailers, which must end it (§8.1). */
    private void onTrailers(Http2Stream stream, RequestFields fields, boolean fits, boolean endStream)
            throws Http2Exception {
        int id = stream.id;
        if (!stream.state.canReceive()) {
            throw Http2Exception.stream(id, STREAM_CLOSED, "HEADERS after END_STREAM on stream " + id);
        }
        if (!endStream) {
            throw Http2Exception.stream(id, PROTOCOL_ERROR, "trailers without END_STREAM");
        }
        if (!fits) {
            throw Http2Exception.stream(id, Http2ErrorCode.CANCEL, "trailers over maxHeaderListSize");
        }
        String malformed = fields.malformed();
        if (malformed != null) {
            throw Http2Exception.stream(id, PROTOCOL_ERROR, "malformed trailers: " + malformed);
        }
        if (stream.contentLength >= 0 && stream.dataReceived != stream.contentLength) {
            throw Http2Exception.stream(id, PROTOCOL_ERROR, "DATA does not match content-length");
        }
        listener.onTrailers(id, fields.trailers());
        streams.receivedEnd(stream);
    }
}
