package dev.gyre.files;

import dev.gyre.middleware.ContentCoding;
import dev.gyre.http.ErrorResponse;
import dev.gyre.http.Request;
import dev.gyre.http.Response;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.util.Arrays;

/**
 * One file as selected for one request (a precompressed sibling or the file itself) with the metadata its answer
 * carries, and the rules that turn it into that answer, the same for files on disk and on the class path.
 *
 * <pre>
 *   GET / HEAD ── preconditions (RFC 9110 §13.2.2) ── fail ─────────────────▶ 412
 *                       │                          └─ not modified ───────────▶ 304  ETag, Cache-Control, Vary
 *                       ▼ proceed
 *   GET with Range, If-Range holds ── one range ─────────────────────────────▶ 206  Content-Range: bytes a-b/n
 *                       │          └─ no byte exists ────────────────────────▶ 416  Content-Range: bytes *&#47;n
 *                       ▼ no Range, ignored Range (invalid, many ranges), HEAD
 *                      200 ─ the whole body; Accept-Ranges: bytes
 * </pre>
 *
 * <p>An open file is owned by this object until {@link #respond} either hands it to the response (the
 * connection closes it once sent) or closes it (no body is sent). {@code respond} is called once.
 *
 * @param lastModified seconds since the epoch, or -1 when unknown (no {@code Last-Modified} is sent)
 * @param coding       the content's coding ({@code Content-Encoding}), or {@code null} for the file itself
 * @param varies       whether another coding of the file exists, so the answer depends on
 *                     {@code Accept-Encoding} ({@code Vary: Accept-Encoding}, RFC 9110 §12.5.5)
 */
record Representation(Content content, String contentType, String etag, long lastModified, String cacheControl,
                      ContentCoding coding, boolean varies) {

    /** Where the bytes are. */
    sealed interface Content {
        long length();
    }

    /** Bytes in memory (class path resources); a range is copied out. */
    record Bytes(byte[] body) implements Content {
        @Override
        public long length() {
            return body.length;
        }
    }

    /** An open file of a size read after opening it; a range is sent from it with {@code transferTo}. */
    record OpenFile(FileChannel channel, long length) implements Content {
    }

    /** The answer to a {@code GET} or {@code HEAD} of this representation; see the class comment. */
    Response respond(Request request) {
        Preconditions.Outcome outcome = Preconditions.evaluate(request, etag, lastModified);
        if (outcome == Preconditions.Outcome.FAILED) {
            release();
            return ErrorResponse.of(412, "Precondition Failed");
        }
        if (outcome == Preconditions.Outcome.NOT_MODIFIED) {
            release();
            return validators(Response.of(304));
        }
        long length = content.length();
        ByteRange range = "GET".equals(request.method()) && Preconditions.rangeApplies(request, etag, lastModified)
                ? ByteRange.parse(request.header("Range"), length)
                : ByteRange.whole();
        if (!range.satisfiable()) {
            release();
            return ErrorResponse.of(416, "Range Not Satisfiable").header("Content-Range", "bytes */" + length);
        }
        Response response = range.isPartial()
                ? body(range.first(), range.count()).status(206)
                        .header("Content-Range", "bytes " + range.first() + "-" + range.last() + "/" + length)
                : body(0, length).header("Accept-Ranges", "bytes");
        if (coding != null) {
            response.header("Content-Encoding", coding.token());
        }
        if (lastModified >= 0) {
            response.header("Last-Modified", Preconditions.format(lastModified));
        }
        return validators(response).header("X-Content-Type-Options", "nosniff");
    }

    /** The fields a {@code 304} repeats from the {@code 200} it stands for (RFC 9110 §15.4.5). */
    private Response validators(Response response) {
        response.header("ETag", etag).header("Cache-Control", cacheControl);
        return varies ? response.header("Vary", "Accept-Encoding") : response;
    }

    private Response body(long first, long count) {
        return switch (content) {
            case Bytes bytes -> Response.bytes(first == 0 && count == bytes.body.length ? bytes.body
                    : Arrays.copyOfRange(bytes.body, (int) first, (int) (first + count)), contentType);
            case OpenFile file -> Response.file(new Response.FileRegion(file.channel, first, count), contentType);
        };
    }

    /** Closes an open file that no response will send. */
    void release() {
        if (content instanceof OpenFile file) {
            try {
                file.channel.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
