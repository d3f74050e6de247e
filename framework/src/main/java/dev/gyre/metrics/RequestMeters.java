package dev.gyre.metrics;

import dev.gyre.http.Headers;
import dev.gyre.http.Request;
import dev.gyre.http.Response;
import dev.gyre.observe.ExchangeObserver;
import dev.gyre.observe.Observation;
import dev.gyre.observe.internal.DirectObservation;
import dev.gyre.observe.internal.SentBody;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The per-request meters: {@code http.server.requests} (a timer tagged {@code method}, {@code uri},
 * {@code status}, {@code outcome}, {@code exception}, as Micrometer's own instrumentations tag it),
 * {@code http.server.requests.active}, the body bytes in and out, and {@code gyre.sse.streams}, the
 * server-sent-event streams open (a streamed response of type {@code text/event-stream}, from its
 * start to its end).
 *
 * <p>{@code uri} is the route template, never the raw path (which would make a meter per item id):
 * {@code NOT_FOUND} for a 404 no route took, {@code REDIRECTION} for a 3xx, {@code UNKNOWN} otherwise.
 * {@code method} is one of the standard methods or {@code UNKNOWN}, so a client cannot grow the
 * registry by sending made-up ones. Timers are registered once per tag set and found again through the
 * {@link TimerCache}. The active requests and the byte counts are {@link LoopTallies}: each loop adds to its
 * own without a locked instruction, and the gauge and the function counters sum them when read.
 *
 * <p>The time is from the request reaching the handlers to its response being handed to the connection
 * (for a streamed response, the start of the stream). The byte counters count bodies whose size is
 * known: a whole request body, a response of bytes or a file; streamed bodies are not counted, nor the
 * bodies a HEAD request or a 204/304 leaves out ({@link SentBody}).
 */
final class RequestMeters implements ExchangeObserver {
    private final MeterRegistry registry;
    private final TimerCache timers = new TimerCache(this::timer);
    private final LoopTallies begun = new LoopTallies();
    private final LoopTallies answered = new LoopTallies();
    private final AtomicInteger eventStreams = new AtomicInteger();
    private final LoopTallies received = new LoopTallies();
    private final LoopTallies sent = new LoopTallies();
    private final List<Meter> registered = new CopyOnWriteArrayList<>();

    RequestMeters(MeterRegistry registry) {
        this.registry = registry;
        registered.add(Gauge.builder("http.server.requests.active", this, RequestMeters::active)
                .description("Requests handed to the handlers and not answered yet").register(registry));
        registered.add(Gauge.builder("gyre.sse.streams", eventStreams, AtomicInteger::get)
                .description("Server-sent-event streams open").register(registry));
        registered.add(FunctionCounter.builder("http.server.bytes.received", received, LoopTallies::sum)
                .baseUnit("bytes").description("Request body bytes, for bodies read whole").register(registry));
        registered.add(FunctionCounter.builder("http.server.bytes.sent", sent, LoopTallies::sum)
                .baseUnit("bytes").description("Response body bytes, for bodies of known length").register(registry));
    }

    private double active() {
        return begun.sum() - answered.sum();
    }

    @Override
    public Observation begin(Request request) {
        begun.add(1);
        if (!request.isBodyStreamed() && request.body().length > 0) {
            received.add(request.body().length);
        }
        return new Timed(System.nanoTime());
    }

    /**
     * One request's observation: when it began, and whether its response is an event stream still open. It ends
     * from a {@code Response} or from an answer's parts alike, so metering keeps a route on the direct path.
     */
    private final class Timed implements DirectObservation {
        private final long start;
        private boolean eventStream;

        Timed(long start) {
            this.start = start;
        }

        @Override
        public void end(Request request, Response response) {
            eventStream = response.isStreamed() && isEventStream(response.headers().get("Content-Type"));
            if (eventStream) {
                eventStreams.incrementAndGet();
            }
            record(request, response.status(), SentBody.length(request, response), start);
        }

        @Override
        public void end(Request request, int status, Headers fields, byte[] body) {
            record(request, status, SentBody.length(request, status, body.length), start);
        }

        @Override
        public void streamEnded() {
            if (eventStream) {
                eventStreams.decrementAndGet();
            }
        }
    }

    private static boolean isEventStream(String contentType) {
        return contentType != null && contentType.regionMatches(true, 0, "text/event-stream", 0, 17);
    }

    private void record(Request request, int status, long length, long start) {
        answered.add(1);
        if (length > 0) {
            sent.add(length);
        }
        timers.get(request.method(), uri(request.route(), status), status, request.failure())
                .record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
    }

    private Timer timer(TimerCache.Key key) {
        Timer timer = Timer.builder("http.server.requests")
                .description("Requests answered, by route template")
                .tag("method", key.method())
                .tag("uri", key.uri())
                .tag("status", Integer.toString(key.status()))
                .tag("outcome", outcome(key.status()))
                .tag("exception", key.exception())
                .register(registry);
        registered.add(timer);
        return timer;
    }

    static String uri(String route, int status) {
        if (route != null) {
            return route;
        }
        if (status == 404) {
            return "NOT_FOUND";
        }
        return status >= 300 && status < 400 ? "REDIRECTION" : "UNKNOWN";
    }

    static String outcome(int status) {
        return switch (status / 100) {
            case 1 -> "INFORMATIONAL";
            case 2 -> "SUCCESS";
            case 3 -> "REDIRECTION";
            case 4 -> "CLIENT_ERROR";
            case 5 -> "SERVER_ERROR";
            default -> "UNKNOWN";
        };
    }

    /** Every meter this made, for removal when the server stops. */
    List<Meter> meters() {
        return registered;
    }
}
