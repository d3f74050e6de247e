package dev.gyre.server;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/** Recognises the HTTP/2 client connection preface (RFC 9113 §3.4) at the start of a cleartext connection. */
final class Http2Preface {
    private static final byte[] PREFACE = "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
    /** "PRI " with its space: no HTTP/1.1 method the server serves begins so. */
    private static final int ENOUGH = 4;
    /** "PRI * HTTP/2.0\r\n": past this line, a mismatch is a broken HTTP/2 preface, for the engine to refuse. */
    private static final int REQUEST_LINE = 16;

    private Http2Preface() {
    }

    /**
     * Whether {@code in} begins as the preface does, as far as it goes (up to its request line) and for at least
     * its first {@value #ENOUGH} bytes; the engine checks the rest, and answers a broken preface with GOAWAY
     * PROTOCOL_ERROR. Does not move {@code in}.
     */
    static boolean begins(ByteBuffer in) {
        int n = Math.min(in.remaining(), REQUEST_LINE);
        if (n < ENOUGH) {
            return false;
        }
        for (int i = 0; i < n; i++) {
            if (in.get(in.position() + i) != PREFACE[i]) {
                return false;
            }
        }
        return true;
    }
}
