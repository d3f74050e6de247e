package dev.gyre.http;

/**
 * Size limits applied while reading a request; each one answers with its own status code.
 *
 * <table>
 *   <caption>Limits, their defaults and the answer when exceeded</caption>
 *   <tr><th>limit</th><th>default</th><th>answer</th></tr>
 *   <tr><td>{@code maxRequestLineLength}: method, target and version</td><td>8 KiB</td><td>414</td></tr>
 *   <tr><td>{@code maxHeaderSectionSize}: all field lines together</td><td>16 KiB</td><td>431</td></tr>
 *   <tr><td>{@code maxHeaderCount}</td><td>100</td><td>431</td></tr>
 *   <tr><td>{@code maxBodySize}: a fixed or chunked body</td><td>10 MiB</td><td>413</td></tr>
 *   <tr><td>{@code maxChunkLineLength}: chunk size plus extensions</td><td>1 KiB</td><td>400</td></tr>
 *   <tr><td>{@code maxTrailerSectionSize}</td><td>8 KiB</td><td>431</td></tr>
 *   <tr><td>{@code maxBufferedBodies}: whole (not streamed) request bodies held at once, from their
 *       first byte until their responses are written, and WebSocket messages being assembled, all
 *       connections together</td><td>a quarter of the heap, at most 1 GiB</td><td>503 (WebSocket: close
 *       1013)</td></tr>
 * </table>
 *
 * <p>The defaults follow what widely deployed servers use (nginx allows 8 KiB lines, Netty 8 KiB
 * headers), large enough for real browsers and small enough that a hostile client cannot make a
 * connection cost much.
 */
public record HttpLimits(
        int maxRequestLineLength,
        int maxHeaderSectionSize,
        int maxHeaderCount,
        long maxBodySize,
        int maxChunkLineLength,
        int maxTrailerSectionSize,
        long maxBufferedBodies) {

    public static final int DEFAULT_MAX_REQUEST_LINE_LENGTH = 8 * 1024;
    public static final int DEFAULT_MAX_HEADER_SECTION_SIZE = 16 * 1024;
    public static final int DEFAULT_MAX_HEADER_COUNT = 100;
    public static final long DEFAULT_MAX_BODY_SIZE = 10L * 1024 * 1024;
    public static final int DEFAULT_MAX_CHUNK_LINE_LENGTH = 1024;
    public static final int DEFAULT_MAX_TRAILER_SECTION_SIZE = 8 * 1024;
    /** The ceiling of the default {@code maxBufferedBodies}, which is otherwise a quarter of the heap. */
    public static final long MAX_DEFAULT_BUFFERED_BODIES = 1L << 30;

    public HttpLimits {
        if (maxRequestLineLength < 16 || maxHeaderSectionSize < 16 || maxHeaderCount < 1
                || maxBodySize < 0 || maxChunkLineLength < 3 || maxTrailerSectionSize < 0
                || maxBufferedBodies < 0) {
            throw new IllegalArgumentException("limits out of range: " + this);
        }
    }

    public static HttpLimits defaults() {
        return new HttpLimits(DEFAULT_MAX_REQUEST_LINE_LENGTH, DEFAULT_MAX_HEADER_SECTION_SIZE,
                DEFAULT_MAX_HEADER_COUNT, DEFAULT_MAX_BODY_SIZE, DEFAULT_MAX_CHUNK_LINE_LENGTH,
                DEFAULT_MAX_TRAILER_SECTION_SIZE,
                Math.min(MAX_DEFAULT_BUFFERED_BODIES, Runtime.getRuntime().maxMemory() / 4));
    }

    public HttpLimits withMaxRequestLineLength(int v) {
        return new HttpLimits(v, maxHeaderSectionSize, maxHeaderCount, maxBodySize, maxChunkLineLength,
                maxTrailerSectionSize, maxBufferedBodies);
    }

    public HttpLimits withMaxHeaderSectionSize(int v) {
        return new HttpLimits(maxRequestLineLength, v, maxHeaderCount, maxBodySize, maxChunkLineLength,
                maxTrailerSectionSize, maxBufferedBodies);
    }

    public HttpLimits withMaxHeaderCount(int v) {
        return new HttpLimits(maxRequestLineLength, maxHeaderSectionSize, v, maxBodySize, maxChunkLineLength,
                maxTrailerSectionSize, maxBufferedBodies);
    }

    public HttpLimits withMaxBodySize(long v) {
        return new HttpLimits(maxRequestLineLength, maxHeaderSectionSize, maxHeaderCount, v, maxChunkLineLength,
                maxTrailerSectionSize, maxBufferedBodies);
    }

    public HttpLimits withMaxChunkLineLength(int v) {
        return new HttpLimits(maxRequestLineLength, maxHeaderSectionSize, maxHeaderCount, maxBodySize, v,
                maxTrailerSectionSize, maxBufferedBodies);
    }

    public HttpLimits withMaxTrailerSectionSize(int v) {
        return new HttpLimits(maxRequestLineLength, maxHeaderSectionSize, maxHeaderCount, maxBodySize,
                maxChunkLineLength, v, maxBufferedBodies);
    }

    /** The bytes whole request bodies may hold while they arrive, all connections together; past it, 503. */
    public HttpLimits withMaxBufferedBodies(long v) {
        return new HttpLimits(maxRequestLineLength, maxHeaderSectionSize, maxHeaderCount, maxBodySize,
                maxChunkLineLength, maxTrailerSectionSize, v);
    }
}
