package dev.gyre.observe.internal;

import dev.gyre.http.Headers;
import dev.gyre.http.Request;
import dev.gyre.http.internal.DirectResponder;
import dev.gyre.observe.Observation;

/**
 * An observation that can also end from a whole answer's parts, the way a {@link DirectResponder} is answered,
 * so that observing a request does not force a {@code Response} object on routes that need none. The
 * framework's own request meters are one; an observation that is not keeps its request on the
 * {@code Response} path.
 */
public interface DirectObservation extends Observation {

    /**
     * Called instead of {@link #end(Request, dev.gyre.http.Response)} when the answer goes out as parts; what
     * it observes must be what it would observe of the {@code Response} those parts make. Same thread rules,
     * on the loop; none of the arguments may be changed.
     */
    void end(Request request, int status, Headers fields, byte[] body);
}
