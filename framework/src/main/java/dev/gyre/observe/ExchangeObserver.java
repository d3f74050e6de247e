package dev.gyre.observe;

import dev.gyre.http.Request;

/**
 * Watches requests from the moment they reach the handlers to the moment they are answered: metrics,
 * traces and the access log are observers. One instance serves the whole server, from every loop at once.
 */
@FunctionalInterface
public interface ExchangeObserver {

    /**
     * Called on the loop, before the request is routed, with proxies already resolved. Must not block.
     * Returns what to tell when the request is answered.
     */
    Observation begin(Request request);

    /**
     * Whether this observer's observations make something current ({@link Observation#enter}); when
     * none does, the handler opens no scopes at all.
     */
    default boolean makesCurrent() {
        return false;
    }
}
