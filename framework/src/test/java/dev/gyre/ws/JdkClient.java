package dev.gyre.ws;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.HexFormat;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The JDK's {@link java.net.http.WebSocket} client with a listener that turns what arrives into text lines:
 * {@code text:...}, {@code binary:<hex>}, {@code ping:...}, {@code pong:...}, {@code close:<code>:<reason>},
 * {@code error:<exception>}. Messages arriving in parts are joined first.
 */
final class JdkClient implements WebSocket.Listener, AutoCloseable {
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final BlockingQueue<String> received = new LinkedBlockingQueue<>();
    private final StringBuilder text = new StringBuilder();
    private final java.io.ByteArrayOutputStream binary = new java.io.ByteArrayOutputStream();
    final WebSocket socket;

    private JdkClient(URI uri, String... subprotocols) {
        WebSocket.Builder builder = HTTP.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(5));
        if (subprotocols.length > 0) {
            builder.subprotocols(subprotocols[0], java.util.Arrays.copyOfRange(subprotocols, 1, subprotocols.length));
        }
        socket = builder.buildAsync(uri, this).join();
    }

    static JdkClient connect(int port, String path, String... subprotocols) {
        return new JdkClient(URI.create("ws://127.0.0.1:" + port + path), subprotocols);
    }

    /** The next thing received, waiting up to 5 s. */
    String next() throws InterruptedException {
        String e = received.poll(5, TimeUnit.SECONDS);
        if (e == null) {
            throw new AssertionError("nothing received within 5 s");
        }
        return e;
    }

    /** The next thing received within {@code millis}, or {@code null}. */
    String poll(long millis) throws InterruptedException {
        return received.poll(millis, TimeUnit.MILLISECONDS);
    }

    @Override
    public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
        text.append(data);
        if (last) {
            received.add("text:" + text);
            text.setLength(0);
        }
        ws.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onBinary(WebSocket ws, ByteBuffer data, boolean last) {
        byte[] bytes = new byte[data.remaining()];
        data.get(bytes);
        binary.writeBytes(bytes);
        if (last) {
            received.add("binary:" + HexFormat.of().formatHex(binary.toByteArray()));
            binary.reset();
        }
        ws.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onPing(WebSocket ws, ByteBuffer message) {
        received.add("ping:" + java.nio.charset.StandardCharsets.UTF_8.decode(message));
        ws.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onPong(WebSocket ws, ByteBuffer message) {
        received.add("pong:" + java.nio.charset.StandardCharsets.UTF_8.decode(message));
        ws.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket ws, int statusCode, String reason) {
        received.add("close:" + statusCode + ":" + reason);
        return null;
    }

    @Override
    public void onError(WebSocket ws, Throwable error) {
        received.add("error:" + error);
    }

    @Override
    public void close() {
        socket.abort();
    }
}
