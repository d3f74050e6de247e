package dev.gyre.proxy;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;

/**
 * One run of a {@link ProxyHeaderDecoder} over some bytes fed in pieces, as reads bounded by its
 * {@link ProxyHeaderDecoder#room()} would deliver them: what it decided, what it took, what it gave back.
 */
record DecoderRun(ProxyHeaderDecoder.Status status, ProxyHeader header, String failure, int read, byte[] rest) {

    /** Feeds {@code input} in pieces of at most {@code piece} bytes until the decoder decides or input ends. */
    static DecoderRun of(byte[] input, int piece) {
        ProxyHeaderDecoder decoder = new ProxyHeaderDecoder();
        int read = 0;
        ProxyHeaderDecoder.Status status = ProxyHeaderDecoder.Status.NEED_MORE;
        while (status == ProxyHeaderDecoder.Status.NEED_MORE && read < input.length) {
            ByteBuffer room = decoder.room();
            int n = Math.min(Math.min(piece, room.remaining()), input.length - read);
            assertTrue(n > 0, "the decoder wants more but has no room");
            room.put(input, read, n);
            read += n;
            status = decoder.decode();
        }
        byte[] rest = new byte[0];
        if (status == ProxyHeaderDecoder.Status.DONE) {
            ByteBuffer r = decoder.rest();
            rest = new byte[r.remaining()];
            r.get(rest);
        }
        return new DecoderRun(status, status == ProxyHeaderDecoder.Status.DONE ? decoder.header() : null,
                decoder.failure(), read, rest);
    }

    /** How long the header was; after {@link ProxyHeaderDecoder.Status#DONE}. */
    int headerLength() {
        return read - rest.length;
    }

    /**
     * The decision, the header and its length, which must not depend on the split; how much was read past
     * the header does (a v1 line's reads stop at 107 bytes, whatever the pieces hold).
     */
    String decision() {
        return status + " " + header + (status == ProxyHeaderDecoder.Status.DONE ? " length=" + headerLength() : "");
    }
}
