package dev.gyre.middleware;

/**
 * The content codings Gyre can send (RFC 9110 §8.4.1), in the order it prefers them when a client weights
 * several the same: the smallest output first.
 *
 * <p>Serving a precompressed sibling file needs nothing but the file; compressing a body on the fly needs
 * the coding's encoder, which for Brotli and Zstandard is an optional library (see
 * {@code dev.gyre.middleware.Compression}).
 */
public enum ContentCoding {
    /** Brotli (RFC 7932); siblings end in {@code .br}. */
    BROTLI("br", ".br"),
    /** Zstandard (RFC 8878); siblings end in {@code .zst}. */
    ZSTD("zstd", ".zst"),
    /** gzip (RFC 1952); siblings end in {@code .gz}. */
    GZIP("gzip", ".gz"),
    /** HTTP's "deflate", the zlib format (RFC 1950); no sibling file name is looked for. */
    DEFLATE("deflate", null);

    private final String token;
    private final String suffix;

    ContentCoding(String token, String suffix) {
        this.token = token;
        this.suffix = suffix;
    }

    /** The name in {@code Accept-Encoding} and {@code Content-Encoding}, e.g. {@code br}. */
    public String token() {
        return token;
    }

    /** The file-name suffix of a precompressed sibling ({@code .br}), or {@code null} for none. */
    public String suffix() {
        return suffix;
    }
}
