package dev.gyre.server;

import dev.gyre.http.Headers;
import dev.gyre.http.codec.HttpDate;
import dev.gyre.http.HttpVersion;
import dev.gyre.http.RequestHead;
import dev.gyre.http.Response;
import dev.gyre.http2.Http2Request;
import java.nio.charset.StandardCharsets;

/**
 * Heads between HTTP/2 and the handlers: a stream's request head as the {@link RequestHead} HTTP/1.1 gives
 * them, and a {@link Response}'s fields as HTTP/2 sends them. One per connection (it caches the
 * {@code date}); loop thread only.
 */
final class Http2Heads {
    private final HttpDate date = new HttpDate();
    private byte[] dateBytes;
    private String dateText;

    /** An HTTP/2 request head as the handlers know heads: version HTTP/2, {@code host} from {@code :authority}. */
    static RequestHead request(Http2Request request, boolean endStream) {
        String target = request.path() != null ? request.path() : request.authority();
        int question = target.indexOf('?');
        String path = question < 0 ? target : target.substring(0, question);
        String query = question < 0 ? null : target.substring(question + 1);
        Headers headers = request.headers();
        if (request.authority() != null && !headers.contains("host")) {
            headers.add("host", request.authority());
        }
        String expect = headers.get("expect");
        boolean expectContinue = expect != null && expect.equalsIgnoreCase("100-continue");
        return new RequestHead(request.method(), target, path, query, HttpVersion.HTTP_2, headers,
                request.contentLength(), !endStream && request.contentLength() < 0, true, expectContinue);
    }

    /**
     * The response's fields as HTTP/2 sends them: the handler's, without framing fields, with {@code date},
     * {@code server} and (when known and the status has content) {@code content-length} added as HTTP/1.1 adds
     * them.
     */
    Headers response(Response response, boolean hasContent) {
        Headers given = response.headers();
        Headers headers = new Headers(given.size() + 3);
        boolean ownDate = true;
        boolean ownServer = true;
        for (int i = 0; i < given.size(); i++) {
            String name = given.name(i);
            if (name.equalsIgnoreCase("content-length") || name.equalsIgnoreCase("transfer-encoding")) {
                continue;
            }
            ownDate &= !name.equalsIgnoreCase("date");
            ownServer &= !name.equalsIgnoreCase("server");
            headers.add(name, given.value(i));
        }
        if (ownDate) {
            headers.add("date", dateText());
        }
        if (ownServer) {
            headers.add("server", "gyre");
        }
        long length = response.contentLength();
        if (hasContent && length >= 0) {
            headers.add("content-length", Long.toString(length));
        }
        return headers;
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
