package dev.gyre.observe.internal;

import dev.gyre.http.Exchange;
import dev.gyre.http.Headers;
import dev.gyre.http.HttpHandler;
import dev.gyre.http.Request;
import dev.gyre.http.Response;
import dev.gyre.http.internal.ForwardingHandler;
import dev.gyre.loop.Containment;
import dev.gyre.observe.ExchangeObserver;
import dev.gyre.observe.Observation;
import dev.gyre.proxy.TrustedProxies;
import dev.gyre.proxy.internal.ForwardedClients;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * In front of the handlers: resolves what trusted proxies say about the client, begins every observer's
 * observation, and hands the request on with their scopes current.
 *
 * <pre>
 *   loop: handle ─▶ resolve(proxies, request) ─▶ observers.begin ─▶ enter scopes ─▶ next.handle ─▶ close scopes
 *                  (skipped when none trusted)
 *   any thread: respond(Response) ─▶ observations.end (once) ─▶ connection
 *   loop:       respond(parts)    ─▶ observations.end (once) ─▶ connection   (every observation a DirectObservation)
 * </pre>
 *
 * <p>Costs one exchange and one array per request (two when an observer {@linkplain
 * ExchangeObserver#makesCurrent makes something current}), plus what each observer costs; a server with
 * no observer and no trusted proxy has no {@code ObservingHandler} at all. When every observation can end
 * from an answer's parts ({@link DirectObservation}), the exchange handed on still takes them, so observing
 * does not make a route build a {@code Response} it would otherwise skip.
 */
public final class ObservingHandler extends ForwardingHandler {
    private static final Logger log = LoggerFactory.getLogger(ObservingHandler.class);
    private static final Observation UNOBSERVED = new Unobserved();

    private final TrustedProxies proxies;
    private final ExchangeObserver[] observers;
    private final boolean scoped;
    private final boolean trusting;

    public ObservingHandler(HttpHandler next, TrustedProxies proxies, List<ExchangeObserver> observers) {
        super(next);
        this.proxies = proxies;
        this.observers = observers.toArray(ExchangeObserver[]::new);
        this.scoped = observers.stream().anyMatch(ExchangeObserver::makesCurrent);
        this.trusting = !proxies.isEmpty();
    }

    @Override
    public void handle(Exchange exchange) {
        Request request = exchange.request();
        if (trusting) {
            ForwardedClients.resolve(proxies, request);
        }
        if (observers.length == 0) {
            next.handle(exchange);
            return;
        }
        Observation[] observations = new Observation[observers.length];
        for (int i = 0; i < observers.length; i++) {
            observations[i] = begin(observers[i], request);
        }
        ObservedExchange observed = ObservedExchange.of(exchange, observations);
        if (!scoped) {
            next.handle(observed);
            return;
        }
        Observation.Scope[] scopes = new Observation.Scope[observations.length];
        for (int i = 0; i < observations.length; i++) {
            scopes[i] = observations[i].enter();
        }
        try {
            next.handle(observed);
        } finally {
            for (int i = scopes.length - 1; i >= 0; i--) {
                Observation.Scope scope = scopes[i];
                Containment.run(scope::close, "closing an observation's scope", request);
            }
        }
    }

    /** An observer that fails to begin is logged and sits this request out; the request goes on. */
    private static Observation begin(ExchangeObserver observer, Request request) {
        try {
            return observer.begin(request);
        } catch (RuntimeException e) {
            log.error("an observer failed to begin {}; it misses this request", request, e);
            return UNOBSERVED;
        }
    }

    /** What a request gets in place of an observation its observer failed to begin: nothing, either way it ends. */
    private static final class Unobserved implements DirectObservation {
        @Override
        public void end(Request request, Response response) {
        }

        @Override
        public void end(Request request, int status, Headers fields, byte[] body) {
        }
    }
}
