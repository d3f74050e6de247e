package dev.gyre.observe.internal;

import dev.gyre.concurrent.LoopExecutor;
import dev.gyre.http.Exchange;
import dev.gyre.http.Request;
import dev.gyre.http.Response;
import dev.gyre.loop.Containment;
import dev.gyre.observe.Observation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The exchange handlers see when observers are on: the first answer ends every observation, then goes to
 * the connection. Observations end before the connection takes the response, so they read it while no
 * other thread writes it. A streamed response also tells them when the stream is over.
 */
final class ObservedExchange implements Exchange {
    private static final Logger log = LoggerFactory.getLogger(ObservedExchange.class);

    private final Exchange exchange;
    private final Observation[] observations;
    private volatile boolean ended;

    ObservedExchange(Exchange exchange, Observation[] observations) {
        this.exchange = exchange;
        this.observations = observations;
    }

    @Override
    public Request request() {
        return exchange.request();
    }

    @Override
    public boolean respond(Response response) {
        if (!ended) {
            synchronized (this) {
                if (!ended) {
                    ended = true;
                    end(response);
                }
            }
        }
        return exchange.respond(response);
    }

    /** Ends every observation; one that throws is logged and the others still end (no lambda per request). */
    private void end(Response response) {
        Request request = exchange.request();
        for (Observation o : observations) {
            try {
                o.end(request, response);
            } catch (RuntimeException e) {
                log.error("an observation's end of {} failed", request, e);
            }
        }
        if (response.isStreamed()) {
            exchange.onComplete(() -> {
                for (Observation o : observations) {
                    Containment.run(o::streamEnded, "an observation's stream end", request);
                }
            });
        }
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
