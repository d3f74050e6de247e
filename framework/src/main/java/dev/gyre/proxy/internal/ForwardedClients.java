package dev.gyre.proxy.internal;

import dev.gyre.http.Request;
import dev.gyre.http.internal.Lent;
import dev.gyre.proxy.TrustedProxies;
import java.util.function.BiConsumer;

/**
 * How the framework applies {@link TrustedProxies} to a request: it records on the request the client, scheme
 * and host a trusted peer's forwarding headers name, which a handler may read but never set. {@code
 * TrustedProxies} lends the reading here when it is initialised, and this package is not exported. Called on
 * the loop, before the observers and the handlers see the request.
 */
public final class ForwardedClients {
    private static final Lent<BiConsumer<TrustedProxies, Request>> ACCESS = new Lent<>(TrustedProxies.class);

    private ForwardedClients() {
    }

    /** Called once, by {@link TrustedProxies}'s static initialiser. */
    public static void install(BiConsumer<TrustedProxies, Request> resolver) {
        ACCESS.lend(resolver);
    }

    /** Sets the request's client, scheme and host from a trusted peer's headers; does nothing otherwise. */
    public static void resolve(TrustedProxies proxies, Request request) {
        ACCESS.get().accept(proxies, request);
    }
}
