package dev.gyre.sse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gyre.handler.Get;
import dev.gyre.handler.NonBlocking;
import dev.gyre.http.Request;
import dev.gyre.http.Response;
import dev.gyre.server.Gyre;
import dev.gyre.server.GyreServer;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Server-sent events over a real connection, read line by line as a browser's EventSource would. */
class SseTest {
    private static final CountDownLatch clientLeft = new CountDownLatch(1);
    private static GyreServer server;

    public static final class Events {
        @Get("/events/three")
        @NonBlocking
        public Response three(Request request) {
            return ServerSentEvents.stream(request, events -> {
                events.send(SseEvent.of("first"));
                events.send(SseEvent.of("line one\nline two").withEvent("multi").withId("7")
                        .withRetry(Duration.ofSeconds(3)));
                events.send("resumed after " + events.lastEventId());
                events.close();
            });
        }

        @Get("/events/quiet")
        @NonBlocking
        public Response quiet(Request request) {
            return ServerSentEvents.stream(request, Duration.ofMillis(200), events -> { });
        }

        @Get("/events/ticks")
        @NonBlocking
        public Response ticks(Request request) {
            return ServerSentEvents.stream(request, events -> {
                events.onClose(clientLeft::countDown);
                events.every(Duration.ofMillis(100), () -> events.send("tick"));
            });
        }
    }

    @BeforeAll
    static void start() {
        server = Gyre.builder().port(0).loops(1).handlers(new Events()).start();
    }

    @AfterAll
    static void stop() {
        server.stop();
    }

    private static HttpResponse<Stream<String>> open(String path, String lastEventId) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(server.url() + path));
        if (lastEventId != null) {
            b.header("Last-Event-ID", lastEventId);
        }
        return HttpClient.newHttpClient().send(b.build(), HttpResponse.BodyHandlers.ofLines());
    }

    @Test
    void eventsAreFramedPerTheStandard() throws Exception {
        HttpResponse<Stream<String>> r = open("/events/three", "41");
        assertEquals(200, r.statusCode());
        assertEquals("text/event-stream; charset=utf-8", r.headers().firstValue("Content-Type").orElseThrow());
        assertEquals("no-cache", r.headers().firstValue("Cache-Control").orElseThrow());
        List<String> lines = r.body().toList();
        assertEquals(List.of(
                "data: first", "",
                "event: multi", "id: 7", "retry: 3000", "data: line one", "data: line two", "",
                "data: resumed after 41", ""), lines);
    }

    @Test
    void silenceIsFilledWithKeepAliveComments() throws Exception {
        HttpResponse<Stream<String>> r = open("/events/quiet", null);
        List<String> seen = new ArrayList<>();
        r.body().limit(2).forEach(seen::add);
        assertEquals(List.of(": keep-alive", ""), seen);
    }

    @Test
    void aClientThatLeavesIsNoticedPromptly() throws Exception {
        try (Socket s = new Socket("127.0.0.1", server.port())) {
            OutputStream out = s.getOutputStream();
            out.write("GET /events/ticks HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8));
            String line;
            while ((line = in.readLine()) != null && !line.contains("data: tick")) {
                // skip the head and chunk sizes until the first event
            }
            assertTrue(line != null, "an event arrived");
        }
        assertTrue(clientLeft.await(3, TimeUnit.SECONDS), "onClose ran after the client closed");
        long deadline = System.currentTimeMillis() + 3_000;
        while (server.openConnections() > 0 && System.currentTimeMillis() < deadline) {
            Thread.sleep(20);
        }
        assertEquals(0, server.openConnections());
    }

    @Test
    void fieldsThatWouldBreakTheFramingAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> SseEvent.of("x").withId("a\nb"));
        assertThrows(IllegalArgumentException.class, () -> SseEvent.of("x").withEvent("a\rb"));
        assertEquals("data: a\ndata: b\ndata: c\ndata: \n\n", SseEvent.of("a\r\nb\rc\n").encode());
    }
}
