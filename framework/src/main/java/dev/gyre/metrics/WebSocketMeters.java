package dev.gyre.metrics;

import dev.gyre.ws.internal.SessionCounters;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@code gyre.websocket.sessions} (open now) and {@code gyre.websocket.messages} (tag {@code direction}
 * {@code received} or {@code sent}, whole messages). Called on the loops; an increment each.
 */
final class WebSocketMeters implements SessionCounters {
    private final AtomicInteger open = new AtomicInteger();
    private final Counter received;
    private final Counter sent;
    private final List<Meter> meters;

    WebSocketMeters(MeterRegistry registry) {
        Gauge sessions = Gauge.builder("gyre.websocket.sessions", open, AtomicInteger::get)
                .description("WebSocket sessions open").register(registry);
        received = Counter.builder("gyre.websocket.messages").tag("direction", "received")
                .description("Whole WebSocket messages").register(registry);
        sent = Counter.builder("gyre.websocket.messages").tag("direction", "sent")
                .description("Whole WebSocket messages").register(registry);
        meters = List.of(sessions, received, sent);
    }

    @Override
    public void opened() {
        open.incrementAndGet();
    }

    @Override
    public void closed() {
        open.decrementAndGet();
    }

    @Override
    public void received() {
        received.increment();
    }

    @Override
    public void sent() {
        sent.increment();
    }

    List<Meter> meters() {
        return meters;
    }
}
