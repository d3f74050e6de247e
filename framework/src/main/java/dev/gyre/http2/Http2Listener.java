package dev.gyre.http2;

import dev.gyre.http.Headers;
import java.nio.ByteBuffer;

/**
 * What an {@link Http2Connection} tells the layer above: the events of its streams. Every method is called on
 * the thread that called {@link Http2Connection#receive} or a send method, the connection's loop, and must
 * not block. A listener may call the connection's send methods, {@link Http2Connection#reset} and {@link
 * Http2Connection#consumed} from inside these methods (a loop handler answering at once); the events of that
 * stream then go on as the calls left it. A stream's events come in order: one {@link #onRequest}, then
 * {@link #onData} pieces, then at most one {@link #onTrailers}; {@link #onReset} may cut in at any point and is
 * the stream's last event.
 *
 * <p>An exception a listener method throws is not caught: it leaves {@link Http2Connection#receive} (or the
 * send method that raised the event) half done, and the layer must close the connection, as it would for any
 * failure of the code it runs on the loop.
 */
public interface Http2Listener {
    /** A new stream's request head; {@code endStream} says the request has no body. */
    void onRequest(int streamId, Http2Request request, boolean endStream);

    /**
     * A piece of the request body, owned by the listener from now on. The stream's window shrinks by it until
     * the listener reports it consumed with {@link Http2Connection#consumed}.
     */
    void onData(int streamId, ByteBuffer data, boolean endStream);

    /** The request's trailer fields, which end the request. */
    void onTrailers(int streamId, Headers trailers);

    /**
     * The stream ended abnormally: the peer reset it, it broke a rule and was reset, or the connection ended
     * under it. Nothing more may be sent on it.
     */
    void onReset(int streamId, Http2ErrorCode error);

    /** The stream can take more data again after {@link Http2Connection#sendData} returned {@code false}. */
    void onWritable(int streamId);

    /**
     * The peer sent GOAWAY: it starts no stream above {@code lastStreamId}. Streams already open go on.
     */
    void onGoAway(int lastStreamId, Http2ErrorCode error);
}
