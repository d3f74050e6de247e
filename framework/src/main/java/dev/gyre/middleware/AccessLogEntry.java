package dev.gyre.middleware;

import dev.gyre.http.Request;
import dev.gyre.http.Response;
import dev.gyre.observe.internal.SentBody;
import java.net.InetSocketAddress;

/**
 * What one access-log line says, copied out of the request and response on the thread that answered, so
 * the line can be formatted and written on another.
 *
 * @param epochMillis when the response was ready
 * @param client      the client address as trusted proxies gave it ({@link Request#clientAddress()})
 * @param bytes       the body length as the filter saw it, 0 when none is sent (HEAD, 204, 304); -1 for a stream
 * @param micros      time from the filter's entry to the response
 */
record AccessLogEntry(long epochMillis, String client, String method, String target, String protocol,
                      String route, int status, long bytes, long micros, String referer, String userAgent,
                      String host, String scheme, String requestId) {

    static AccessLogEntry of(Request request, Response response, long micros) {
        InetSocketAddress client = request.clientAddress();
        String address = client == null ? "-"
                : client.getAddress() != null ? client.getAddress().getHostAddress() : client.getHostString();
        return new AccessLogEntry(System.currentTimeMillis(), address, request.method(), request.target(),
                request.version().text(), request.route(), response.status(), SentBody.length(request, response), micros,
                request.header("Referer"), request.header("User-Agent"), request.host(), request.scheme(),
                RequestId.of(request));
    }
}
