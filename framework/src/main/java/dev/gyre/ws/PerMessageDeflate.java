package dev.gyre.ws;

import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

/**
 * One connection's permessage-deflate state (RFC 7692 §7): the inflater for the client's messages and the
 * deflater for the server's, with their LZ77 windows carried from message to message unless the handshake
 * agreed on no context takeover.
 *
 * <p><b>Memory.</b> Each zlib stream is created the first time it is needed: the inflater with the first
 * compressed message received (about 40 KiB: a 32 KiB window plus state), the deflater with the first
 * message compressed (about 260 KiB at the default memory level: a 128 KiB window and 128 KiB of hash
 * tables). A session that negotiated compression but only receives broadcasts, which are sent
 * uncompressed, never pays for a deflater.
 *
 * <p><b>Ownership.</b> Both zlib streams hold native memory that the garbage collector frees late, so they
 * are released explicitly: whoever creates this object calls {@link #close()} exactly once, when the
 * connection is gone (normally {@link WebSocketCodec#close()}, called from the connection's single close
 * path). Confined to the connection's loop thread, like the decoder and encoder that share it.
 *
 * <p><b>Bounded inflation.</b> Inflated bytes go into a {@link MessageBuffer} that never grows past its
 * limit plus one byte, so a small "zip bomb" frame costs at most the message limit in memory and in work
 * before it is refused with 1009.
 */
final class PerMessageDeflate implements AutoCloseable {
    /** RFC 7692 §7.2.2: the tail the sender removed, appended again before inflating a message's end. */
    private static final byte[] TAIL = {0x00, 0x00, (byte) 0xFF, (byte) 0xFF};

    private final DeflateParameters parameters;
    private final int minCompressSize;
    private final int compressionLevel;
    private Inflater inflater;
    private Deflater deflater;
    private boolean closed;

    public PerMessageDeflate(DeflateParameters parameters, DeflateOptions options) {
        this.parameters = parameters;
        this.minCompressSize = options.minCompressSize();
        this.compressionLevel = options.compressionLevel();
    }

    public DeflateParameters parameters() {
        return parameters;
    }

    /** Whether an outgoing message of this size is worth compressing. */
    boolean shouldCompress(int length) {
        return length >= minCompressSize;
    }

    /**
     * Inflates part of a compressed message into {@code out}; returns {@code false} as soon as the output
     * passes {@code out}'s limit; the connection fails then, so the inflater's state no longer matters.
     *
     * @throws DataFormatException if the bytes are not a DEFLATE stream
     */
    boolean inflate(byte[] in, int offset, int length, MessageBuffer out) throws DataFormatException {
        if (inflater == null) {
            requireOpen();
            inflater = new Inflater(true);
        }
        if (inflater.finished()) {
            return true; // the sender ended the stream with BFINAL; anything after it is not data (§7.2.3.4)
        }
        inflater.setInput(in, offset, length);
        int room;
        int n;
        do {
            room = out.ensureRoom(length);
            n = inflater.inflate(out.array(), out.size(), room);
            out.advance(n);
            if (out.overLimit()) {
                return false;
            }
        } while (n == room && !inflater.finished()); // a full output buffer may hide more output
        return true;
    }

    /** Inflates the end of a message: the removed empty block (§7.2.2), then resets if agreed. */
    boolean finishInflate(MessageBuffer out) throws DataFormatException {
        boolean fits = inflate(TAIL, 0, TAIL.length, out);
        endMessage();
        return fits;
    }

    /**
     * Forgets the inflate state when the next message cannot build on it: the client promised no context
     * takeover (§7.1.1.2), or ended its stream with a final block, after which its next message starts a new
     * one (§7.2.3.4).
     */
    private void endMessage() {
        if (parameters.clientNoContextTakeover() || inflater.finished()) {
            inflater.reset();
        }
    }

    /**
     * Compresses one whole message into {@code out} after {@code out.size()}, as RFC 7692 §7.2.1 says: a
     * sync flush, which ends in an empty stored block, whose last four bytes {@code 00 00 FF FF} are removed.
     * An empty message after another one, with the context taken over, is the single byte {@code 00}.
     */
    void compress(byte[] in, int offset, int length, MessageBuffer out) {
        if (deflater == null) {
            requireOpen();
            deflater = new Deflater(compressionLevel, true);
        }
        deflater.setInput(in, offset, length);
        int start = out.size();
        int room;
        int n;
        do {
            room = out.ensureRoom(length / 2 + 16);
            n = deflater.deflate(out.array(), out.size(), room, Deflater.SYNC_FLUSH);
            out.advance(n);
            if (room == 0) {
                throw new IllegalArgumentException("compressed message does not fit in an array");
            }
        } while (n == room);
        if (out.size() == start) {
            // zlib flushes nothing for no input right after a flush: send the empty block's one byte (§7.2.3.6)
            out.ensureRoom(1);
            out.array()[start] = 0;
            out.advance(1);
        } else {
            out.advance(-TAIL.length);
        }
        if (parameters.serverNoContextTakeover()) {
            deflater.reset();
        }
    }

    private void requireOpen() {
        if (closed) {
            throw new IllegalStateException("the permessage-deflate context was closed");
        }
    }

    /** Whether the inflater's native memory has been allocated. */
    boolean hasInflater() {
        return inflater != null;
    }

    /** Whether the deflater's native memory has been allocated. */
    boolean hasDeflater() {
        return deflater != null;
    }

    /** Releases both zlib streams; idempotent. */
    @Override
    public void close() {
        if (!closed) {
            closed = true;
            if (inflater != null) {
                inflater.end();
            }
            if (deflater != null) {
                deflater.end();
            }
        }
    }
}
