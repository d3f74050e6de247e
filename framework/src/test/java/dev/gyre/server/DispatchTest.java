package dev.gyre.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Where handlers run: the FastAPI rule, proven by the names of the threads that ran them. */
class DispatchTest {
    private static GyreServer server;
    private static final HttpClient client = HttpClient.newHttpClient();

    @BeforeAll
    static void start() {
        server = Gyre.builder().port(0).loops(2).handlers(new TestHandlers()).start();
    }

    @AfterAll
    static void stop() {
        server.stop();
    }

    private static String get(String path) throws Exception {
        HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create(server.url() + path)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), r.body());
        return r.body();
    }

    @Test
    void plainMethodsRunOnVirtualThreads() throws Exception {
        assertTrue(get("/thread").startsWith("gyre-handler-"));
    }

    @Test
    void nonBlockingMethodsRunOnTheLoop() throws Exception {
        assertTrue(get("/loop-thread").startsWith("gyre-loop-"));
    }

    @Test
    void completionStageMethodsAreCalledOnTheLoop() throws Exception {
        assertTrue(get("/async?delayMs=5").startsWith("gyre-loop-"));
    }

    @Test
    void concurrentBlockingCallsRunOnDifferentThreadsAndFinishTogether() throws Exception {
        int n = 10;
        long start = System.nanoTime();
        List<CompletableFuture<HttpResponse<String>>> calls = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            calls.add(client.sendAsync(HttpRequest.newBuilder(URI.create(server.url() + "/thread?sleepMs=300"))
                    .build(), HttpResponse.BodyHandlers.ofString()));
        }
        Set<String> threads = new HashSet<>();
        for (var call : calls) {
            threads.add(call.join().body());
        }
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertEquals(n, threads.size(), "each call had its own thread: " + threads);
        assertTrue(millis < 300L * n / 2, "ten 300 ms calls overlapped, took " + millis + " ms");
    }
}
