package dev.gyre.http.internal;

import dev.gyre.http.Exchange;
import dev.gyre.http.LoopExecutor;
import dev.gyre.http.Request;
import dev.gyre.http.Response;

/**
 * An exchange that hands everything to the one it wraps, for the framework's wrappers that change one
 * thing about the answer (observing it, adding a field to it) and must pass the rest through untouched.
 * Thread-safety is the wrapped exchange's.
 */
public abstract class ForwardingExchange implements Exchange {
    private final Exchange exchange;

    protected ForwardingExchange(Exchange exchange) {
        this.exchange = exchange;
    }

    @Override
    public Request request() {
        return exchange.request();
    }

    @Override
    public boolean respond(Response response) {
        return exchange.respond(response);
    }

    @Override
    public LoopExecutor loop() {
        return exchange.loop();
    }

    @Override
    public boolean isOpen() {
        return exchange.isOpen();
    }

    @Override
    public void onComplete(Runnable action) {
        exchange.onComplete(action);
    }

    @Override
    public boolean isDelivered() {
        return exchange.isDelivered();
    }
}
