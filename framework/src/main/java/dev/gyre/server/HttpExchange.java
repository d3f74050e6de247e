package dev.gyre.server;

import dev.gyre.http.Request;
import dev.gyre.http.RequestHead;
import dev.gyre.http.Response;
import dev.gyre.loop.EventLoop;

/** The {@link dev.gyre.http.Exchange} of one request on an {@link HttpConnection}. */
final class HttpExchange extends CompletingExchange {
    private final HttpConnection connection;
    private final Request request;
    private final RequestHead head;

    HttpExchange(HttpConnection connection, Request request, RequestHead head) {
        this.connection = connection;
        this.request = request;
        this.head = head;
    }

    @Override
    public Request request() {
        return request;
    }

    RequestHead head() {
        return head;
    }

    @Override
    void answer(Response response) {
        connection.complete(this, response);
    }

    @Override
    public EventLoop loop() {
        return connection.loop();
    }

    @Override
    public boolean isOpen() {
        return connection.isOpen();
    }
}
