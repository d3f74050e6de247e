package dev.gyre.observe.internal;

import dev.gyre.http.Exchange;
import dev.gyre.http.Headers;
import dev.gyre.http.Request;
import dev.gyre.http.Response;
import dev.gyre.http.internal.DirectResponder;
import dev.gyre.http.internal.ForwardingExchange;
import dev.gyre.loop.Containment;
import dev.gyre.observe.Observation;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The exchange handlers see when observers are on: the first answer ends every observation, then goes to
 * the connection. Observations end before the connection takes the response, so they read it while no
 * other thread writes it. A streamed response also tells them when the stream is over.
 *
 * <p>When the wrapped exchange is a {@link DirectResponder} and every observation is a {@link DirectObservation},
 * {@link #of} gives one that is a {@code DirectResponder} too, so the route's answer still goes out as parts.
 */
class ObservedExchange extends ForwardingExchange {
    private static final Logger log = LoggerFactory.getLogger(ObservedExchange.class);
    private static final VarHandle ENDED;

    static {
        try {
            ENDED = MethodHandles.lookup().findVarHandle(ObservedExchange.class, "ended", boolean.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final Observation[] observations;
    @SuppressWarnings("unused")
    private volatile boolean ended;

    private ObservedExchange(Exchange exchange, Observation[] observations) {
        super(exchange);
        this.observations = observations;
    }

    /** The observed exchange for {@code exchange}: one answerable as parts when it and every observation allow. */
    static ObservedExchange of(Exchange exchange, Observation[] observations) {
        if (exchange instanceof DirectResponder direct && allDirect(observations)) {
            return new Direct(exchange, direct, observations);
        }
        return new ObservedExchange(exchange, observations);
    }

    private static boolean allDirect(Observation[] observations) {
        for (Observation o : observations) {
            if (!(o instanceof DirectObservation)) {
                return false;
            }
        }
        return true;
    }

    @Override
    public boolean respond(Response response) {
        if (claim()) {
            end(response);
        }
        return super.respond(response);
    }

    /** True for the first answer only, on whichever thread gives it: that one ends the observations. */
    private boolean claim() {
        return ENDED.compareAndSet(this, false, true);
    }

    /** Ends every observation; one that throws is logged and the others still end (no lambda per request). */
    private void end(Response response) {
        Request request = request();
        for (Observation o : observations) {
            try {
                o.end(request, response);
            } catch (RuntimeException e) {
                log.error("an observation's end of {} failed", request, e);
            }
        }
        if (response.isStreamed()) {
            onComplete(() -> {
                for (Observation o : observations) {
                    Containment.run(o::streamEnded, "an observation's stream end", request);
                }
            });
        }
    }

    /** An observed exchange answerable as parts; every observation is a {@link DirectObservation}. */
    private static final class Direct extends ObservedExchange implements DirectResponder {
        private final DirectResponder direct;

        Direct(Exchange exchange, DirectResponder direct, Observation[] observations) {
            super(exchange, observations);
            this.direct = direct;
        }

        @Override
        public boolean respond(int status, Headers fields, byte[] body) {
            if (super.claim()) {
                Request request = request();
                for (Observation o : super.observations) {
                    try {
                        ((DirectObservation) o).end(request, status, fields, body);
                    } catch (RuntimeException e) {
                        log.error("an observation's end of {} failed", request, e);
                    }
                }
            }
            return direct.respond(status, fields, body);
        }
    }
}
