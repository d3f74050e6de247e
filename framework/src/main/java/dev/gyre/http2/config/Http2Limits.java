package dev.gyre.http2.config;

/**
 * The limits one HTTP/2 connection enforces, and the SETTINGS it announces from them.
 *
 * <table>
 *   <caption>Limits, their defaults and what passing one costs the peer</caption>
 *   <tr><th>limit</th><th>default</th><th>announced as</th><th>when passed</th></tr>
 *   <tr><td>{@code maxConcurrentStreams}</td><td>100</td><td>SETTINGS_MAX_CONCURRENT_STREAMS</td>
 *       <td>RST_STREAM REFUSED_STREAM (§5.1.2)</td></tr>
 *   <tr><td>{@code initialWindowSize}: a stream's receive window</td><td>65,535</td>
 *       <td>SETTINGS_INITIAL_WINDOW_SIZE</td><td>stream error FLOW_CONTROL_ERROR</td></tr>
 *   <tr><td>{@code connectionWindowSize}: the connection's receive window</td><td>1 MiB</td>
 *       <td>WINDOW_UPDATE on stream 0</td><td>connection error FLOW_CONTROL_ERROR</td></tr>
 *   <tr><td>{@code maxFrameSize}</td><td>16,384</td><td>SETTINGS_MAX_FRAME_SIZE</td>
 *       <td>connection error FRAME_SIZE_ERROR</td></tr>
 *   <tr><td>{@code headerTableSize}: the HPACK table the peer may fill</td><td>4,096</td>
 *       <td>SETTINGS_HEADER_TABLE_SIZE</td><td>connection error COMPRESSION_ERROR</td></tr>
 *   <tr><td>{@code maxHeaderListSize}: decoded, as RFC 7541 §4.1 counts</td><td>16 KiB</td>
 *       <td>SETTINGS_MAX_HEADER_LIST_SIZE</td><td>431 on that stream</td></tr>
 *   <tr><td>{@code maxHeaderBlockBytes}: one block on the wire, HEADERS and CONTINUATION together</td>
 *       <td>32 KiB</td><td>–</td><td>GOAWAY ENHANCE_YOUR_CALM</td></tr>
 *   <tr><td>{@code maxContinuationFrames} in one header block</td><td>32</td><td>–</td>
 *       <td>GOAWAY ENHANCE_YOUR_CALM (CONTINUATION flood, CVE-2024-27316)</td></tr>
 *   <tr><td>{@code maxQueuedBytesPerStream}: response bytes waiting for the peer's window</td><td>64 KiB</td>
 *       <td>–</td><td>the stream reports itself unwritable until they drain</td></tr>
 *   <tr><td>{@code floods}</td><td>{@link FloodLimits#defaults()}</td><td>–</td><td>GOAWAY ENHANCE_YOUR_CALM</td></tr>
 * </table>
 *
 * <p>The defaults are the protocol's own where it has one (windows, frame size, table size) and otherwise
 * follow HTTP/1.1's limits ({@code HttpLimits}: 16 KiB of headers) and what Netty and nghttp2 use.
 */
public record Http2Limits(
        int maxConcurrentStreams,
        int initialWindowSize,
        int connectionWindowSize,
        int maxFrameSize,
        int headerTableSize,
        int maxHeaderListSize,
        int maxHeaderBlockBytes,
        int maxContinuationFrames,
        int maxQueuedBytesPerStream,
        FloodLimits floods) {

    /** RFC 9113 §6.5.2: the initial window a stream has before SETTINGS changes it. */
    private static final int PROTOCOL_INITIAL_WINDOW_SIZE = 65_535;
    /** RFC 9113 §6.5.2: the frame size every peer must accept, and the largest one may announce. */
    private static final int PROTOCOL_MIN_FRAME_SIZE = 16_384;
    private static final int PROTOCOL_MAX_FRAME_SIZE = (1 << 24) - 1;

    public static final int DEFAULT_MAX_CONCURRENT_STREAMS = 100;
    public static final int DEFAULT_INITIAL_WINDOW_SIZE = PROTOCOL_INITIAL_WINDOW_SIZE;
    public static final int DEFAULT_CONNECTION_WINDOW_SIZE = 1024 * 1024;
    public static final int DEFAULT_MAX_FRAME_SIZE = PROTOCOL_MIN_FRAME_SIZE;
    public static final int DEFAULT_HEADER_TABLE_SIZE = 4096;
    public static final int DEFAULT_MAX_HEADER_LIST_SIZE = 16 * 1024;
    public static final int DEFAULT_MAX_HEADER_BLOCK_BYTES = 32 * 1024;
    public static final int DEFAULT_MAX_CONTINUATION_FRAMES = 32;
    public static final int DEFAULT_MAX_QUEUED_BYTES_PER_STREAM = 64 * 1024;

    public Http2Limits {
        if (maxConcurrentStreams < 1 || initialWindowSize < 0
                || connectionWindowSize < PROTOCOL_INITIAL_WINDOW_SIZE
                || maxFrameSize < PROTOCOL_MIN_FRAME_SIZE || maxFrameSize > PROTOCOL_MAX_FRAME_SIZE
                || headerTableSize < 0 || maxHeaderListSize < 1 || maxHeaderBlockBytes < 1
                || maxContinuationFrames < 0 || maxQueuedBytesPerStream < 1 || floods == null) {
            throw new IllegalArgumentException("HTTP/2 limits out of range: " + this);
        }
    }

    public static Http2Limits defaults() {
        return new Http2Limits(DEFAULT_MAX_CONCURRENT_STREAMS, DEFAULT_INITIAL_WINDOW_SIZE,
                DEFAULT_CONNECTION_WINDOW_SIZE, DEFAULT_MAX_FRAME_SIZE, DEFAULT_HEADER_TABLE_SIZE,
                DEFAULT_MAX_HEADER_LIST_SIZE, DEFAULT_MAX_HEADER_BLOCK_BYTES, DEFAULT_MAX_CONTINUATION_FRAMES,
                DEFAULT_MAX_QUEUED_BYTES_PER_STREAM, FloodLimits.defaults());
    }
}
