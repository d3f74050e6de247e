package dev.gyre.ws;

import java.util.zip.Deflater;

/**
 * The server's side of permessage-deflate (RFC 7692): what it asks for and how hard it compresses.
 *
 * <table>
 *   <caption>Options and defaults</caption>
 *   <tr><th>option</th><th>default</th><th>meaning</th></tr>
 *   <tr><td>{@code compressionLevel}</td><td>6 (zlib's default)</td><td>{@link Deflater} level 1..9</td></tr>
 *   <tr><td>{@code serverNoContextTakeover}</td><td>false</td><td>always answer with
 *       {@code server_no_context_takeover} and compress each message on its own (RFC 7692 §7.1.1.1); worse
 *       ratio, but each message's compressed bytes no longer depend on earlier ones</td></tr>
 *   <tr><td>{@code clientNoContextTakeover}</td><td>false</td><td>always answer with
 *       {@code client_no_context_takeover}, so the client compresses each message on its own
 *       (RFC 7692 §7.1.1.2)</td></tr>
 *   <tr><td>{@code minCompressSize}</td><td>64 bytes</td><td>shorter messages are sent uncompressed
 *       (RSV1 clear, which RFC 7692 §6 allows per message): deflate would make them longer</td></tr>
 * </table>
 */
public record DeflateOptions(
        int compressionLevel,
        boolean serverNoContextTakeover,
        boolean clientNoContextTakeover,
        int minCompressSize) {

    public static final int DEFAULT_COMPRESSION_LEVEL = 6;
    public static final int DEFAULT_MIN_COMPRESS_SIZE = 64;

    public DeflateOptions {
        if (compressionLevel < Deflater.BEST_SPEED || compressionLevel > Deflater.BEST_COMPRESSION) {
            throw new IllegalArgumentException("compressionLevel must be 1..9: " + compressionLevel);
        }
        if (minCompressSize < 0) {
            throw new IllegalArgumentException("minCompressSize must not be negative: " + minCompressSize);
        }
    }

    public static DeflateOptions defaults() {
        return new DeflateOptions(DEFAULT_COMPRESSION_LEVEL, false, false, DEFAULT_MIN_COMPRESS_SIZE);
    }

    public DeflateOptions withCompressionLevel(int v) {
        return new DeflateOptions(v, serverNoContextTakeover, clientNoContextTakeover, minCompressSize);
    }

    public DeflateOptions withServerNoContextTakeover(boolean v) {
        return new DeflateOptions(compressionLevel, v, clientNoContextTakeover, minCompressSize);
    }

    public DeflateOptions withClientNoContextTakeover(boolean v) {
        return new DeflateOptions(compressionLevel, serverNoContextTakeover, v, minCompressSize);
    }

    public DeflateOptions withMinCompressSize(int v) {
        return new DeflateOptions(compressionLevel, serverNoContextTakeover, clientNoContextTakeover, v);
    }
}
