package dev.gyre.sample;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gyre.server.GyreServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The sample app's WebSocket contract: {@code /ws/echo}, {@code /ws/chat/{room}} and the chat page's files. */
class SampleWebSocketTest {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static GyreServer server;

    @BeforeAll
    static void start() {
        server = SampleApp.start(new SampleApp.Options(0, 1, 0));
    }

    @AfterAll
    static void stop() {
        server.stop(Duration.ofSeconds(1));
    }

    /** Collects whole messages: a String for text, a byte[] for binary. */
    private static final class Received implements WebSocket.Listener {
        final BlockingQueue<Object> messages = new LinkedBlockingQueue<>();

        @Override
        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            messages.add(data.toString());
            ws.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onBinary(WebSocket ws, ByteBuffer data, boolean last) {
            byte[] bytes = new byte[data.remaining()];
            data.get(bytes);
            messages.add(bytes);
            ws.request(1);
            return null;
        }

        Object next() throws InterruptedException {
            Object m = messages.poll(5, TimeUnit.SECONDS);
            if (m == null) {
                throw new AssertionError("nothing received within 5 s");
            }
            return m;
        }
    }

    private static WebSocket connect(String path, Received listener) {
        return HTTP.newWebSocketBuilder().buildAsync(URI.create("ws://127.0.0.1:" + server.port() + path), listener)
                .join();
    }

    @Test
    void echoSendsEveryMessageBackAsItCame() throws Exception {
        Received received = new Received();
        WebSocket ws = connect("/ws/echo", received);
        ws.sendText("Hello, World!", true).join();
        assertEquals("Hello, World!", received.next());
        byte[] bytes = {0, 1, 2, (byte) 0xFF};
        ws.sendBinary(ByteBuffer.wrap(bytes), true).join();
        assertArrayEquals(bytes, (byte[]) received.next());
        ws.sendClose(WebSocket.NORMAL_CLOSURE, "").join();
    }

    @Test
    void chatBroadcastsALineUnchangedToTheWholeRoomSenderIncluded() throws Exception {
        Received alice = new Received();
        Received bob = new Received();
        WebSocket a = connect("/ws/chat/sample-test", alice);
        WebSocket b = connect("/ws/chat/sample-test", bob);
        Thread.sleep(100); // the joins run after each handshake
        a.sendText("{\"not\":\"parsed\"} ünïcode", true).join();
        assertEquals("{\"not\":\"parsed\"} ünïcode", alice.next());
        assertEquals("{\"not\":\"parsed\"} ünïcode", bob.next());
        a.sendClose(WebSocket.NORMAL_CLOSURE, "").join();
        b.sendClose(WebSocket.NORMAL_CLOSURE, "").join();
    }

    @Test
    void theChatPageAndItsFilesAreServed() throws Exception {
        HttpResponse<String> page = get("/chat");
        assertEquals(200, page.statusCode());
        assertTrue(page.headers().firstValue("Content-Type").orElseThrow().startsWith("text/html"));
        assertTrue(page.body().contains("/chat/chat.js"));
        HttpResponse<String> script = get("/chat/chat.js");
        assertEquals(200, script.statusCode());
        assertTrue(script.body().contains("/events/clock"));
        assertEquals(404, get("/chat/missing.js").statusCode());
    }

    private static HttpResponse<String> get(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(server.url() + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
