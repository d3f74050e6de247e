package dev.gyre.http2;

/**
 * One HTTP/2 frame as {@link FrameDecoder} read it (RFC 9113 §6), its payload already checked for the size
 * and shape its type requires. Byte arrays are the frame's own copies: whoever receives a frame owns them.
 */
sealed interface Frame {
    int DATA = 0x0;
    int HEADERS = 0x1;
    int PRIORITY = 0x2;
    int RST_STREAM = 0x3;
    int SETTINGS = 0x4;
    int PUSH_PROMISE = 0x5;
    int PING = 0x6;
    int GOAWAY = 0x7;
    int WINDOW_UPDATE = 0x8;
    int CONTINUATION = 0x9;

    int FLAG_END_STREAM = 0x1;
    int FLAG_ACK = 0x1;
    int FLAG_END_HEADERS = 0x4;
    int FLAG_PADDED = 0x8;
    int FLAG_PRIORITY = 0x20;

    /** The 9 bytes before every payload (§4.1). */
    int HEADER_LENGTH = 9;

    int streamId();

    /**
     * @param data       the payload without padding
     * @param flowLength the whole payload, padding included: what counts against flow control (§6.9)
     */
    record Data(int streamId, byte[] data, int flowLength, boolean endStream) implements Frame {
    }

    /**
     * @param fragment   the header block fragment, without padding or priority fields
     * @param dependency the stream this one depends on when the PRIORITY flag is set, else -1
     */
    record Headers(int streamId, byte[] fragment, boolean endStream, boolean endHeaders, int dependency)
            implements Frame {
    }

    /** Read so that a stream depending on itself can be refused (§5.3.1); otherwise ignored (§5.3.2). */
    record Priority(int streamId, int dependency) implements Frame {
    }

    record RstStream(int streamId, int errorCode) implements Frame {
    }

    /**
     * @param parameters each parameter as {@code identifier << 32 | value}, in the order sent; values are
     *                   already checked against §6.5.2
     */
    record Settings(boolean ack, long[] parameters) implements Frame {
        @Override
        public int streamId() {
            return 0;
        }
    }

    /** Never valid towards a server (§8.4); read only to be refused. */
    record PushPromise(int streamId) implements Frame {
    }

    record Ping(boolean ack, long opaqueData) implements Frame {
        @Override
        public int streamId() {
            return 0;
        }
    }

    record GoAway(int lastStreamId, int errorCode, byte[] debugData) implements Frame {
        @Override
        public int streamId() {
            return 0;
        }
    }

    record WindowUpdate(int streamId, int increment) implements Frame {
    }

    record Continuation(int streamId, byte[] fragment, boolean endHeaders) implements Frame {
    }

    /** A frame of a type this endpoint does not know: its payload is skipped, unread (§4.1, §5.5). */
    record Unknown(int type, int streamId) implements Frame {
    }
}
