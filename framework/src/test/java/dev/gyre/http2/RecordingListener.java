package dev.gyre.http2;

import dev.gyre.http.Headers;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Records a connection's events as short strings ("request 1 GET /a end", "data 1 5 end", …). */
final class RecordingListener implements Http2Listener {
    final List<String> events = new ArrayList<>();
    final List<Http2Request> requests = new ArrayList<>();
    final StringBuilder body = new StringBuilder();
    Headers trailers;

    @Override
    public void onRequest(int streamId, Http2Request request, boolean endStream) {
        requests.add(request);
        events.add("request " + streamId + " " + request.method() + " " + request.path() + (endStream ? " end" : ""));
    }

    @Override
    public void onData(int streamId, ByteBuffer data, boolean endStream) {
        body.append(StandardCharsets.ISO_8859_1.decode(data.duplicate()));
        events.add("data " + streamId + " " + data.remaining() + (endStream ? " end" : ""));
    }

    @Override
    public void onTrailers(int streamId, Headers trailers) {
        this.trailers = trailers;
        events.add("trailers " + streamId);
    }

    @Override
    public void onReset(int streamId, Http2ErrorCode error) {
        events.add("reset " + streamId + " " + error);
    }

    @Override
    public void onWritable(int streamId) {
        events.add("writable " + streamId);
    }

    @Override
    public void onGoAway(int lastStreamId, Http2ErrorCode error) {
        events.add("goaway " + lastStreamId + " " + error);
    }
}
