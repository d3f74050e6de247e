package dev.gyre.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.gyre.handler.NonBlocking;
import dev.gyre.server.Gyre;
import dev.gyre.server.GyreServer;
import dev.gyre.ws.OnText;
import dev.gyre.ws.WebSocket;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** WebSocket sessions and messages as the meters see them, with the JDK's WebSocket client. */
class WebSocketMetersTest {

    @WebSocket("/echo")
    public static final class Echo {
        @OnText
        @NonBlocking
        public String text(String message) {
            return message;
        }
    }

    @Test
    void sessionsAndMessagesAreCounted() throws Exception {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        GyreServer server = Gyre.builder().port(0).loops(1).handlers(new Echo())
                .metrics(GyreMetrics.of(registry)).start();
        try {
            LinkedBlockingQueue<String> echoes = new LinkedBlockingQueue<>();
            CompletableFuture<Void> closed = new CompletableFuture<>();
            java.net.http.WebSocket ws = HttpClient.newHttpClient().newWebSocketBuilder()
                    .buildAsync(URI.create(server.url().replace("http", "ws") + "/echo"),
                            new java.net.http.WebSocket.Listener() {
                                @Override
                                public CompletionStage<?> onText(java.net.http.WebSocket w, CharSequence data,
                                                                 boolean last) {
                                    echoes.add(data.toString());
                                    w.request(1);
                                    return null;
                                }

                                @Override
                                public CompletionStage<?> onClose(java.net.http.WebSocket w, int code, String reason) {
                                    closed.complete(null);
                                    return null;
                                }
                            }).get(10, TimeUnit.SECONDS);
            assertEquals(1.0, registry.get("gyre.websocket.sessions").gauge().value());
            for (String m : new String[] {"one", "two", "three"}) {
                ws.sendText(m, true).get(10, TimeUnit.SECONDS);
                assertEquals(m, echoes.poll(10, TimeUnit.SECONDS));
            }
            assertEquals(3.0, registry.get("gyre.websocket.messages").tag("direction", "received").counter().count());
            assertEquals(3.0, registry.get("gyre.websocket.messages").tag("direction", "sent").counter().count());
            ws.sendClose(java.net.http.WebSocket.NORMAL_CLOSURE, "bye").get(10, TimeUnit.SECONDS);
            closed.get(10, TimeUnit.SECONDS);
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (registry.get("gyre.websocket.sessions").gauge().value() > 0 && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertEquals(0.0, registry.get("gyre.websocket.sessions").gauge().value());
            assertEquals("/echo", registry.get("http.server.requests").tag("status", "101").timer().getId().getTag("uri"),
                    "the handshake is timed under the endpoint's template");
        } finally {
            server.stop(Duration.ofSeconds(1));
        }
    }
}
