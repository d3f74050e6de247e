package dev.gyre.http2;

/**
 * A rule of RFC 9113 or RFC 7541 that the peer broke, found while decoding its bytes.
 *
 * <p>A {@linkplain #isConnectionError() connection error} (stream id 0) ends the connection with GOAWAY; a
 * stream error ends only its stream with RST_STREAM (RFC 9113 §5.4). It is thrown inside the package and
 * caught in one place, {@link Http2Connection#receive}; it never reaches the layer above. No stack trace is
 * filled in: it is a verdict on input, not a fault of the code.
 */
final class Http2Exception extends Exception {
    private final Http2ErrorCode code;
    private final int streamId;

    private Http2Exception(Http2ErrorCode code, int streamId, String message) {
        super(message, null, false, false);
        this.code = code;
        this.streamId = streamId;
    }

    static Http2Exception connection(Http2ErrorCode code, String message) {
        return new Http2Exception(code, 0, message);
    }

    static Http2Exception stream(int streamId, Http2ErrorCode code, String message) {
        return new Http2Exception(code, streamId, message);
    }

    Http2ErrorCode code() {
        return code;
    }

    /** The stream to reset, or 0 for a connection error. */
    int streamId() {
        return streamId;
    }

    boolean isConnectionError() {
        return streamId == 0;
    }
}
