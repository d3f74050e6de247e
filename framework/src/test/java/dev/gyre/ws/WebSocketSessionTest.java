package dev.gyre.ws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.gyre.server.Gyre;
import dev.gyre.server.GyreServer;
import java.net.http.WebSocketHandshakeException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Sessions as an application uses them, through the JDK's {@link java.net.http.WebSocket} client: binding,
 * threads and ordering of callbacks, failures, broadcast, sending from any thread.
 */
class WebSocketSessionTest {
    private static final TestEndpoints.Echo echo = new TestEndpoints.Echo();
    private static final TestEndpoints.Blocking blocking = new TestEndpoints.Blocking();
    private static final TestEndpoints.Listener listener = new TestEndpoints.Listener();
    private static final TestEndpoints.Sessions sessions = new TestEndpoints.Sessions();
    private static GyreServer server;

    @BeforeAll
    static void start() {
        server = Gyre.builder().port(0).loops(2)
                .handlers(echo, blocking, listener, sessions, new TestEndpoints.Rooms())
                .start();
    }

    @AfterAll
    static void stop() {
        server.stop(Duration.ofSeconds(1));
    }

    @Test
    void echoesWholeAndFragmentedMessages() throws Exception {
        try (JdkClient c = JdkClient.connect(server.port(), "/echo")) {
            c.socket.sendText("whole", true).join();
            assertEquals("text:whole", c.next());
            c.socket.sendText("in ", false).join();
            c.socket.sendText("three ", false).join();
            c.socket.sendText("parts", true).join();
            assertEquals("text:in three parts", c.next());
            c.socket.sendBinary(ByteBuffer.wrap(new byte[] {1, 2}), false).join();
            c.socket.sendBinary(ByteBuffer.wrap(new byte[] {3}), true).join();
            assertEquals("binary:010203", c.next());
        }
    }

    @Test
    void answersPingsWithTheirPayload() throws Exception {
        try (JdkClient c = JdkClient.connect(server.port(), "/echo")) {
            c.socket.sendPing(ByteBuffer.wrap("marco".getBytes())).join();
            assertEquals("pong:marco", c.next());
        }
    }

    @Test
    void aClientCloseIsEchoedAndReported() throws Exception {
        try (JdkClient c = JdkClient.connect(server.port(), "/echo")) {
            c.socket.sendClose(4001, "done here").join();
            assertEquals("close:4001:done here", c.next());
            echo.events.await("close:4001:done here");
        }
    }

    @Test
    void bindsPathParamsRequestAndSubprotocolAndRunsBlockingCallbacksOnVirtualThreads() throws Exception {
        try (JdkClient c = JdkClient.connect(server.port(), "/blocking/lobby/7?q=x", "v1", "v2")) {
            assertEquals("v2", c.socket.getSubprotocol(), "the server's preference wins");
            assertEquals("text:welcome", c.next(), "what @OnOpen returns is sent");
            blocking.events.await("open:lobby:7:v2:x:true");
        }
    }

    @Test
    void aPathParamThatDoesNotConvertRefusesTheHandshakeWith400() {
        CompletionException e = assertThrows(CompletionException.class,
                () -> JdkClient.connect(server.port(), "/blocking/lobby/seven"));
        assertEquals(400, assertInstanceOf(WebSocketHandshakeException.class, e.getCause()).getResponse().statusCode());
    }

    @Test
    void blockingCallbacksRunOneAtATimeInOrder() throws Exception {
        try (JdkClient c = JdkClient.connect(server.port(), "/blocking/order/1")) {
            assertEquals("text:welcome", c.next());
            c.socket.sendText("slow:300", true).join();
            c.socket.sendText("a", true).join();
            c.socket.sendText("b", true).join();
            assertEquals("text:slow:300", c.next());
            assertEquals("text:a", c.next());
            assertEquals("text:b", c.next());
            blocking.events.await("text:slow:300");
            assertEquals("text:a", blocking.events.next());
            assertEquals("text:b", blocking.events.next());
        }
    }

    @Test
    void aListenerThatThrowsHearsOnErrorAndTheSessionClosesWith1011() throws Exception {
        try (JdkClient c = JdkClient.connect(server.port(), "/blocking/broken/1")) {
            assertEquals("text:welcome", c.next());
            c.socket.sendText("fail", true).join();
            assertEquals("close:1011:internal error", c.next());
            blocking.events.await("error:the listener failed:true");
            blocking.events.await("close:1011:broken");
        }
    }

    @Test
    void theListenerInterfaceWorksAndAMessageTypeItDoesNotHandleCloses1003() throws Exception {
        try (JdkClient c = JdkClient.connect(server.port(), "/listener")) {
            c.socket.sendText("hi", true).join();
            assertEquals("text:HI", c.next());
            listener.events.await("text:hi:true"); // @NonBlocking: ran on the loop
            c.socket.sendBinary(ByteBuffer.wrap(new byte[] {1}), true).join();
            assertEquals("close:1003:binary messages are not accepted", c.next());
            listener.events.await("close:1003:binary messages are not accepted");
        }
    }

    @Test
    void aBroadcastReachesEverySessionOfTheRoomAndNoOther() throws Exception {
        List<JdkClient> roomA = new ArrayList<>();
        try (JdkClient b = JdkClient.connect(server.port(), "/rooms/b")) {
            for (int i = 0; i < 3; i++) {
                roomA.add(JdkClient.connect(server.port(), "/rooms/a"));
            }
            Thread.sleep(100); // @OnOpen runs after the handshake completes; let the joins land
            roomA.get(1).socket.sendText("hello a", true).join();
            for (JdkClient c : roomA) {
                assertEquals("text:hello a", c.next());
            }
            assertNull(b.poll(300), "room b hears nothing");
        } finally {
            roomA.forEach(JdkClient::close);
        }
    }

    @Test
    void sendsFromManyThreadsKeepEachThreadsOrder() throws Exception {
        int threads = 4;
        int perThread = 500;
        try (JdkClient c = JdkClient.connect(server.port(), "/sessions")) {
            WebSocketSession session = sessions.next();
            List<CompletableFuture<Void>> sent = new ArrayList<>();
            List<Thread> senders = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                senders.add(Thread.ofPlatform().start(() -> {
                    for (int i = 0; i < perThread; i++) {
                        CompletableFuture<Void> f = session.send(thread + ":" + i).toCompletableFuture();
                        synchronized (sent) {
                            sent.add(f);
                        }
                    }
                }));
            }
            for (Thread t : senders) {
                t.join();
            }
            int[] nextOf = new int[threads];
            for (int n = 0; n < threads * perThread; n++) {
                String[] parts = c.next().substring("text:".length()).split(":");
                int thread = Integer.parseInt(parts[0]);
                assertEquals(nextOf[thread]++, Integer.parseInt(parts[1]), "thread " + thread + " out of order");
            }
            CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new)).get(5, TimeUnit.SECONDS);
            assertEquals(0, session.queuedBytes());
        }
    }

    @Test
    void aClosedSessionRefusesToSend() throws Exception {
        try (JdkClient c = JdkClient.connect(server.port(), "/sessions")) {
            WebSocketSession session = sessions.next();
            session.send("last words");
            session.close(4002, "enough");
            assertFalse(session.isOpen());
            ExecutionException e = assertThrows(ExecutionException.class,
                    () -> session.send("too late").toCompletableFuture().get(5, TimeUnit.SECONDS));
            assertInstanceOf(WebSocketSendException.class, e.getCause());
            assertEquals("text:last words", c.next(), "what was sent before close still goes out");
            assertEquals("close:4002:enough", c.next());
        }
    }
}
