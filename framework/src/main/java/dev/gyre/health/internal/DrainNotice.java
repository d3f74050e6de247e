package dev.gyre.health.internal;

import dev.gyre.http.Exchange;
import dev.gyre.http.HttpHandler;
import dev.gyre.http.HttpVersion;
import dev.gyre.http.Request;
import dev.gyre.http.Response;
import dev.gyre.http.internal.ForwardingExchange;
import dev.gyre.http.internal.ForwardingHandler;

/**
 * Tells HTTP/1.x keep-alive clients, during the drain delay, that this server is going: while the server
 * state says draining, every response but a {@code 101} upgrade gets {@code Connection: close}, so the
 * connection closes after it and the client's next request opens a connection the load balancer sends
 * elsewhere. Outside a drain the exchange goes on untouched, without an allocation.
 *
 * <pre>
 *   request ─▶ draining? ─ no ──▶ next handler, as it is
 *                └─ yes, HTTP/1.x ─▶ next handler; its response ─▶ status 101? ─ no ─▶ Connection: close
 *                └─ yes, HTTP/2 or ─▶ next handler, as it is (connection-specific fields are forbidden in
 *                   an Upgrade         HTTP/2, RFC 9113 §8.2.2, and an h2c Upgrade request is answered on
 *                                      HTTP/2 stream 1; the drain's GOAWAY is the HTTP/2 notice)
 * </pre>
 *
 * <p>Thread-safe: the state is read from whichever loop handles the request.
 */
public final class DrainNotice extends ForwardingHandler {
    private final ServerState state;

    public DrainNotice(HttpHandler next, ServerState state) {
        super(next);
        this.state = state;
    }

    @Override
    public void handle(Exchange exchange) {
        Request request = exchange.request();
        if (state.isDraining() && request.version() != HttpVersion.HTTP_2 && request.header("Upgrade") == null) {
            next.handle(new Closing(exchange));
        } else {
            next.handle(exchange);
        }
    }

    /** The exchange of a request answered while draining: its response asks the client to close. */
    private static final class Closing extends ForwardingExchange {
        Closing(Exchange exchange) {
            super(exchange);
        }

        @Override
        public boolean respond(Response response) {
            if (response.status() != 101) {
                response.headers().set("Connection", "close");
            }
            return super.respond(response);
        }
    }
}
