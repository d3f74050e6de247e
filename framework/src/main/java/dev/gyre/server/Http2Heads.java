package dev.gyre.server;

import dev.gyre.http.Headers;
import dev.gyre.http.codec.HttpDate;
import dev.gyre.http.HttpVersion;
import dev.gyre.http.RequestHead;
import dev.gyre.http.Response;
import dev.gyre.http.internal.ParsedHeaders;
import dev.gyre.http2.Http2Request;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Heads between HTTP/2 and the handlers: a stream's request head as the {@link RequestHead} HTTP/1.1 gives
 * them, and a {@link Response}'s fields as HTTP/2 sends them. One per connection (it caches the
 * {@code date} and the strings it hands the HPACK encoder); loop thread only.
 */
final class Http2Heads {
    private final HttpDate date = new HttpDate();
    private byte[] dateBytes;
    private String dateText;
    private long lastLength = -1;
    private String lastLengthText;
    private String[] scratch = new String[16];

    /** An HTTP/2 request head as the handlers know heads: version HTTP/2, {@code host} from {@code :authority}. */
    static RequestHead request(Http2Request request, boolean endStream) {
        String target = request.path() != null ? request.path() : request.authority();
        int question = target.indexOf('?');
        String path = question < 0 ? target : target.substring(0, question);
        String query = question < 0 ? null : target.substring(question + 1);
        Headers headers = request.headers();
        String expect = headers.get("expect");
        boolean expectContinue = expect != null && expect.equalsIgnoreCase("100-continue");
        return new RequestHead(request.method(), target, path, query, HttpVersion.HTTP_2, headers,
                request.contentLength(), !endStream && request.contentLength() < 0, true, expectContinue, false);
    }

    /**
     * The response's fields as HTTP/2 sends them: the handler's, without framing fields (nor {@code trailer}
     * when the status has no content, which drops the trailers it would announce), with {@code date},
     * {@code server} and (when known and the status has content) {@code content-length} added as HTTP/1.1 adds
     * them. A HEAD answer gets the same fields as a GET's head, {@code content-length} and {@code trailer} too.
     * The result is read-only and not checked again: the handler's fields were checked when they were added to
     * the response, and the added ones are the server's own.
     *
     * <p>The strings repeat from one response to the next (the handler's own, one {@code date} a second, the last
     * length's digits), so that the HPACK encoder finds them by identity.
     */
    Headers response(Response response, boolean hasContent) {
        Headers given = response.headers();
        int needed = 2 * (given.size() + 3);
        if (scratch.length < needed) {
            scratch = new String[needed];
        }
        String[] fields = scratch;
        int n = 0;
        boolean ownDate = true;
        boolean ownServer = true;
        for (int i = 0; i < given.size(); i++) {
            String name = given.name(i);
            if (name.equalsIgnoreCase("content-length") || name.equalsIgnoreCase("transfer-encoding")
                    || !hasContent && name.equalsIgnoreCase("trailer")) {
                continue;
            }
            ownDate &= !name.equalsIgnoreCase("date");
            ownServer &= !name.equalsIgnoreCase("server");
            fields[n++] = name;
            fields[n++] = given.value(i);
        }
        if (ownDate) {
            fields[n++] = "date";
            fields[n++] = dateText();
        }
        if (ownServer) {
            fields[n++] = "server";
            fields[n++] = "gyre";
        }
        long length = response.contentLength();
        if (hasContent && length >= 0) {
            fields[n++] = "content-length";
            fields[n++] = lengthText(length);
        }
        Headers headers = ParsedHeaders.copyOf(fields, n / 2);
        Arrays.fill(fields, 0, n, null);
        return headers;
    }

    private String lengthText(long length) {
        if (length != lastLength) {
            lastLength = length;
            lastLengthText = Long.toString(length);
        }
        return lastLengthText;
    }

    private String dateText() {
        byte[] now = date.now();
        if (now != dateBytes) {
            dateBytes = now;
            dateText = new String(now, StandardCharsets.US_ASCII);
        }
        return dateText;
    }
}
