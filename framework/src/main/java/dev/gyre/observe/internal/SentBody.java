package dev.gyre.observe.internal;

import dev.gyre.http.Request;
import dev.gyre.http.Response;

/**
 * How many body bytes a response puts on the wire, for the observers that count them (the bytes-sent
 * meter, the access log): none for a HEAD request, whose {@code Content-Length} describes the GET answer
 * it omits, nor for a status that never carries content (1xx, 204, 304; RFC 9110 §6.4.1, §9.3.2).
 */
public final class SentBody {
    private SentBody() {
    }

    /** The body's length as sent; {@code -1} when it is streamed and its length unknown. */
    public static long length(Request request, Response response) {
        return length(request, response.status(), response.contentLength());
    }

    /** The length as sent of a body of {@code contentLength} bytes answering {@code request} with {@code status}. */
    public static long length(Request request, int status, long contentLength) {
        if ("HEAD".equals(request.method()) || status < 200 || status == 204 || status == 304) {
            return 0;
        }
        return contentLength;
    }
}
