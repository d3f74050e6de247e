package dev.gyre.sample;

import dev.gyre.handler.Get;
import dev.gyre.handler.NonBlocking;
import dev.gyre.http.Request;
import dev.gyre.http.Response;
import dev.gyre.sse.ServerSentEvents;
import dev.gyre.sse.SseEvent;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * Server-sent events: {@code GET /events/clock} sends the time every second, each event with the epoch
 * second as its id. The stream lives on its connection's loop timer, so open clocks cost no threads.
 */
public final class EventsApi {

    @Get("/events/clock")
    @NonBlocking
    public Response clock(Request request) {
        return ServerSentEvents.stream(request, events -> {
            Runnable tick = () -> {
                Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
                events.send(SseEvent.of(now.toString()).withId(Long.toString(now.getEpochSecond())));
            };
            tick.run();
            events.every(Duration.ofSeconds(1), tick);
        });
    }
}
