package dev.gyre.http2;

import dev.gyre.http.Headers;
import java.nio.ByteBuffer;

/**
 * Answers each request at once, from inside the event, with a 300-byte body (larger than some windows the
 * tests open), and consumes every body piece: a loop handler's way, for tests that feed arbitrary input.
 */
final class AnsweringListener implements Http2Listener {
    Http2Connection connection;

    @Override
    public void onRequest(int streamId, Http2Request request, boolean endStream) {
        connection.sendHeaders(streamId, 200, new Headers().add("x-answer", "yes"), false);
        connection.sendData(streamId, ByteBuffer.wrap(new byte[300]), true);
    }

    @Override
    public void onData(int streamId, ByteBuffer data, boolean endStream) {
        connection.consumed(streamId, data.remaining());
    }

    @Override
    public void onTrailers(int streamId, Headers trailers) {
    }

    @Override
    public void onReset(int streamId, Http2ErrorCode error) {
    }

    @Override
    public void onWritable(int streamId) {
    }

    @Override
    public void onGoAway(int lastStreamId, Http2ErrorCode error) {
    }
}
