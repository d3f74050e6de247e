package dev.gyre.server;

import dev.gyre.http.Headers;
import dev.gyre.http.Request;
import dev.gyre.http.RequestHead;
import dev.gyre.http.Response;
import dev.gyre.http.internal.DirectResponder;
import dev.gyre.loop.EventLoop;

/**
 * The {@link dev.gyre.http.Exchange} of one request on an {@link Http1Protocol}; on the loop it also takes a
 * route's value as its parts ({@link DirectResponder}), which the encoder writes without a {@link Response}.
 */
final class HttpExchange extends CompletingExchange implements DirectResponder {
    private final Http1Protocol connection;
    private final Request request;

    HttpExchange(Http1Protocol connection, Request request) {
        this.connection = connection;
        this.request = request;
    }

    @Override
    public Request request() {
        return request;
    }

    RequestHead head() {
        return request.head();
    }

    @Override
    void answer(Response response) {
        connection.complete(this, response);
    }

    @Override
    public boolean respond(int status, Headers fields, byte[] body) {
        if (!connection.loop().inLoop()) {
            throw new IllegalStateException("a response's parts are sent on the exchange's loop only");
        }
        if (!claim()) {
            return false;
        }
        connection.complete(this, status, fields, body);
        return true;
    }

    @Override
    EventLoop eventLoop() {
        return connection.loop();
    }

    @Override
    public boolean isOpen() {
        return connection.isOpen();
    }
}
