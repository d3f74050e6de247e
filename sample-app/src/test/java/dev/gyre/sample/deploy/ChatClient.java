package dev.gyre.sample.deploy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A chat member over {@code java.net.http.WebSocket}: joins a room, says a line every few hundred
 * milliseconds and counts the lines the room sends back, until the socket closes. A socket the server
 * closed with a Close frame ends with its code (a graceful stop sends 1001, "going away"); one that
 * ended without (cut by the server or a proxy) ends with the JDK's 1006 ("abnormal closure", never sent
 * on the wire) or in the listener's {@code onError}; both are problems here. Rejoins after the pause.
 */
public final class ChatClient extends TrafficClient {
    /** The close code a draining server sends: RFC 6455 §7.4.1, "going away". */
    public static final int GOING_AWAY = 1001;

    private final HttpClient http = HttpClient.newHttpClient();
    private final URI uri;
    private final AtomicInteger received = new AtomicInteger();
    private final AtomicInteger goingAway = new AtomicInteger();

    public ChatClient(int port, String room, Duration rejoinDelay) {
        super(rejoinDelay);
        this.uri = URI.create("ws://127.0.0.1:" + port + "/ws/chat/" + room);
    }

    /** Lines the room sent back, over all sockets. */
    public int received() {
        return received.get();
    }

    /** Sockets the server closed with 1001. */
    public int goingAway() {
        return goingAway.get();
    }

    @Override
    protected void once() throws Exception {
        CompletableFuture<Integer> closed = new CompletableFuture<>();
        WebSocket ws = http.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(5))
                .buildAsync(uri, new WebSocket.Listener() {
                    @Override
                    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
                        received.incrementAndGet();
                        webSocket.request(1);
                        return null;
                    }

                    @Override
                    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
                        closed.complete(statusCode);
                        return null;
                    }

                    @Override
                    public void onError(WebSocket webSocket, Throwable error) {
                        closed.completeExceptionally(error);
                    }
                }).get(10, TimeUnit.SECONDS);
        holding(ws::abort);
        try {
            for (int line = 0; !closed.isDone() && !stopped(); line++) {
                if (!ws.isOutputClosed()) {
                    ws.sendText("line " + line, true).exceptionally(e -> null);
                }
                Thread.sleep(300);
            }
            if (stopped()) {
                return;
            }
            int code = closed.get(5, TimeUnit.SECONDS);
            if (code == GOING_AWAY) {
                goingAway.incrementAndGet();
            } else {
                problem("closed with " + code + ", not " + GOING_AWAY);
            }
        } catch (ExecutionException e) {
            problem("socket cut without a close frame: " + e.getCause());
        } finally {
            holding(null);
        }
    }
}
