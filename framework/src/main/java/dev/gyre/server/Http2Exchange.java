package dev.gyre.server;

import dev.gyre.http.Request;
import dev.gyre.http.Response;
import dev.gyre.loop.EventLoop;

/**
 * The {@link dev.gyre.http.Exchange} of one HTTP/2 stream: the same contract as HTTP/1.1's, so the same handlers
 * answer it. The answer goes to the loop, where {@link Http2ServerStream} sends the response on its
 * stream; completion comes when the stream's last frame has reached the socket, or when the stream is reset or
 * the connection closes first (undelivered).
 */
final class Http2Exchange extends CompletingExchange {
    private final Http2ServerStream stream;
    private final Request request;

    Http2Exchange(Http2ServerStream stream, Request request) {
        this.stream = stream;
        this.request = request;
    }

    @Override
    public Request request() {
        return request;
    }

    @Override
    void answer(Response response) {
        stream.respond(response);
    }

    @Override
    EventLoop eventLoop() {
        return stream.loop();
    }

    /** False once the stream was reset or the connection closed. */
    @Override
    public boolean isOpen() {
        return stream.isOpen();
    }
}
