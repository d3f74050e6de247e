package dev.gyre.server;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/** Recognises the HTTP/2 client connection preface (RFC 9113 §3.4) at the start of a cleartext connection. */
final class Http2Preface {
    private static final byte[] PREFACE = "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
    /** "PRI " with its space: no HTTP/1.1 method the server serves begins so. */
    static final int ENOUGH = 4;
    /** "PRI * HTTP/2.0\r\n": past this line, a mismatch is a broken HTTP/2 preface, for the engine to refuse. */
    private static final int REQUEST_LINE = 16;

    /** What the first bytes of a connection say. */
    enum Match {
        /** They begin as the preface does, for at least {@value #ENOUGH} bytes: HTTP/2 takes over. */
        PREFACE,
        /** They differ from the preface: HTTP/1.1 reads them. */
        NOT_PREFACE,
        /** Fewer than {@value #ENOUGH} bytes, all as the preface begins: wait for more. */
        TOO_SHORT
    }

    private Http2Preface() {
    }

    /**
     * Compares {@code in} with the preface as far as it goes (up to its request line); the engine checks the
     * rest, and answers a broken preface with GOAWAY PROTOCOL_ERROR. Does not move {@code in}.
     */
    static Match match(ByteBuffer in) {
        int n = Math.min(in.remaining(), REQUEST_LINE);
        for (int i = 0; i < n; i++) {
            if (in.get(in.position() + i) != PREFACE[i]) {
                return Match.NOT_PREFACE;
            }
        }
        return n < ENOUGH ? Match.TOO_SHORT : Match.PREFACE;
    }
}
