package dev.gyre.http2;

import dev.gyre.http2.config.Http2Limits;

/**
 * The SETTINGS parameters of RFC 9113 §6.5.2: their identifiers, defaults and range checks, and the one value
 * of the peer's that outlives the frame it came in (the others go straight to the encoder and the frame
 * writer). Not thread-safe: the connection's loop owns it.
 */
final class Http2Settings {
    static final int HEADER_TABLE_SIZE = 0x1;
    static final int ENABLE_PUSH = 0x2;
    static final int MAX_CONCURRENT_STREAMS = 0x3;
    static final int INITIAL_WINDOW_SIZE = 0x4;
    static final int MAX_FRAME_SIZE = 0x5;
    static final int MAX_HEADER_LIST_SIZE = 0x6;

    static final int DEFAULT_HEADER_TABLE_SIZE = 4096;
    static final int DEFAULT_INITIAL_WINDOW_SIZE = 65_535;
    static final int MIN_MAX_FRAME_SIZE = 16_384;
    static final int MAX_MAX_FRAME_SIZE = (1 << 24) - 1;
    static final long MAX_WINDOW_SIZE = Integer.MAX_VALUE;

    /** The peer's SETTINGS_INITIAL_WINDOW_SIZE: the send window each new stream starts with (§6.9.2). */
    int initialWindowSize = DEFAULT_INITIAL_WINDOW_SIZE;

    /**
     * The RFC's check of one parameter's value (§6.5.2), or {@code null} if it is acceptable.
     */
    static Http2Exception check(int identifier, long value) {
        return switch (identifier) {
            case ENABLE_PUSH -> value > 1
                    ? Http2Exception.connection(Http2ErrorCode.PROTOCOL_ERROR, "SETTINGS_ENABLE_PUSH " + value) : null;
            case INITIAL_WINDOW_SIZE -> value > MAX_WINDOW_SIZE
                    ? Http2Exception.connection(Http2ErrorCode.FLOW_CONTROL_ERROR,
                            "SETTINGS_INITIAL_WINDOW_SIZE " + value) : null;
            case MAX_FRAME_SIZE -> value < MIN_MAX_FRAME_SIZE || value > MAX_MAX_FRAME_SIZE
                    ? Http2Exception.connection(Http2ErrorCode.PROTOCOL_ERROR, "SETTINGS_MAX_FRAME_SIZE " + value)
                    : null;
            default -> null;
        };
    }

    /** The SETTINGS parameters this server announces in its preface from {@code limits}, each as {@code id << 32 | value}. */
    static long[] announced(Http2Limits limits) {
        return new long[] {
            (long) MAX_CONCURRENT_STREAMS << 32 | limits.maxConcurrentStreams(),
            (long) INITIAL_WINDOW_SIZE << 32 | limits.initialWindowSize(),
            (long) MAX_FRAME_SIZE << 32 | limits.maxFrameSize(),
            (long) HEADER_TABLE_SIZE << 32 | limits.headerTableSize(),
            (long) MAX_HEADER_LIST_SIZE << 32 | limits.maxHeaderListSize(),
        };
    }
}
