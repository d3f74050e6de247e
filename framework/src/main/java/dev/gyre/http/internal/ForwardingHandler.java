package dev.gyre.http.internal;

import dev.gyre.http.HttpHandler;
import dev.gyre.http.RequestHead;
import dev.gyre.http.Response;

/**
 * A handler in front of another that leaves the head-time questions (screening an
 * {@code Expect: 100-continue} request, whether its body streams) to it, for the framework's wrappers that
 * act only once the request is whole.
 */
public abstract class ForwardingHandler implements HttpHandler {
    protected final HttpHandler next;

    protected ForwardingHandler(HttpHandler next) {
        this.next = next;
    }

    @Override
    public Response screen(RequestHead head) {
        return next.screen(head);
    }

    @Override
    public boolean streamsBody(RequestHead head) {
        return next.streamsBody(head);
    }
}
