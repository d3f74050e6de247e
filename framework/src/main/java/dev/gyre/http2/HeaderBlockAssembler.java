package dev.gyre.http2;

import static dev.gyre.http2.Http2ErrorCode.ENHANCE_YOUR_CALM;
import static dev.gyre.http2.Http2ErrorCode.PROTOCOL_ERROR;

import java.util.Arrays;

/**
 * Joins a HEADERS frame and the CONTINUATION frames after it into one header block (RFC 9113 §4.3, §6.10),
 * within a byte and frame budget.
 *
 * <pre>
 *            HEADERS without END_HEADERS             CONTINUATION with END_HEADERS
 *   IDLE ─────────────────────────────────▶ OPEN ─────────────────────────────────▶ IDLE (block out)
 *    │ HEADERS with END_HEADERS: block out   │ ▲ CONTINUATION, same stream
 *    ▼                                       └─┘
 *   CONTINUATION while IDLE, or any other frame or stream while OPEN: connection error PROTOCOL_ERROR
 * </pre>
 *
 * <p>The budget is the CONTINUATION flood guard (CVE-2024-27316): a peer that keeps a block open with frame
 * after frame holds the connection's HPACK state hostage and costs memory until END_HEADERS, so more than
 * {@code maxBlockBytes} in all, or more than {@code maxContinuations} frames, ends the connection with
 * ENHANCE_YOUR_CALM. Not thread-safe: one per connection.
 */
final class HeaderBlockAssembler {
    private final int maxBlockBytes;
    private final int maxContinuations;
    private byte[] block = new byte[0];
    private int length;
    private int continuations;
    private Frame.Headers first;

    HeaderBlockAssembler(int maxBlockBytes, int maxContinuations) {
        this.maxBlockBytes = maxBlockBytes;
        this.maxContinuations = maxContinuations;
    }

    /** Whether a block is open: only a CONTINUATION of its stream may come next. */
    boolean isOpen() {
        return first != null;
    }

    /** The HEADERS frame that opened the current block. */
    Frame.Headers first() {
        return first;
    }

    /** Opens a block with a HEADERS frame that has no END_HEADERS. */
    void open(Frame.Headers headers) throws Http2Exception {
        first = headers;
        length = 0;
        continuations = 0;
        append(headers.fragment());
    }

    /**
     * Adds a CONTINUATION.
     *
     * @return whether the block is now complete; then {@link #block()} holds it until the next {@link #open}
     */
    boolean continuation(Frame.Continuation frame) throws Http2Exception {
        if (first == null || frame.streamId() != first.streamId()) {
            throw Http2Exception.connection(PROTOCOL_ERROR, "CONTINUATION on stream " + frame.streamId()
                    + (first == null ? " without HEADERS" : " inside a block of stream " + first.streamId()));
        }
        if (++continuations > maxContinuations) {
            throw Http2Exception.connection(ENHANCE_YOUR_CALM,
                    "header block in more than " + maxContinuations + " CONTINUATION frames");
        }
        append(frame.fragment());
        return frame.endHeaders();
    }

    /** The completed block: bytes {@code [0, length())} of the array. */
    byte[] block() {
        return block;
    }

    int length() {
        return length;
    }

    /** Ends the block after it was decoded. */
    void close() {
        first = null;
    }

    /** Drops a block buffer larger than {@code most} bytes while no block is open. */
    void shrink(int most) {
        if (first == null && block.length > most) {
            block = new byte[0];
        }
    }

    private void append(byte[] fragment) throws Http2Exception {
        if (fragment.length > maxBlockBytes - length) {
            throw Http2Exception.connection(ENHANCE_YOUR_CALM, "header block over " + maxBlockBytes + " bytes");
        }
        if (block.length < length + fragment.length) {
            block = Arrays.copyOf(block, Math.max(length + fragment.length, Math.min(maxBlockBytes, 2 * block.length)));
        }
        System.arraycopy(fragment, 0, block, length, fragment.length);
        length += fragment.length;
    }
}
