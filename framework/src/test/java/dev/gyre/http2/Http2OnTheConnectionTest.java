package dev.gyre.http2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gyre.http2.config.FloodLimits;
import dev.gyre.http2.config.Http2Limits;
import dev.gyre.http2.config.Http2Options;
import dev.gyre.server.Gyre;
import dev.gyre.server.GyreServer;
import dev.gyre.server.TestHandlers;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

/**
 * HTTP/2 as a protocol of the connection layer, on a running server: a connection that switches to it (by the
 * preface, by {@code Upgrade: h2c}) stays the one connection the server counted, is given back once when it
 * closes, and a peer that writes without reading is held back by the connection's read pause and closed by its
 * write deadline.
 */
class Http2OnTheConnectionTest {
    private static final byte[] PINGS = pings(10_000);

    @Test
    void aPrefaceConnectionIsCountedOnceAndGivenBackWhenTheClientLeaves() throws Exception {
        GyreServer server = Gyre.builder().port(0).loops(1).handlers(new H2Routes(), new TestHandlers()).start();
        try {
            try (H2SocketClient client = new H2SocketClient(server.port())) {
                client.send(new ClientFrames().start().get(1, "/hello").take());
                List<Frame> frames = client.read(1_000);
                Frame.Headers response = frames.stream().filter(Frame.Headers.class::isInstance)
                        .map(Frame.Headers.class::cast).findFirst().orElseThrow();
                assertEquals("200", client.fields(response).get(":status"));
                assertEquals(1, server.openConnections(), "the switch to HTTP/2 adds no connection");
            }
            assertTrue(eventually(() -> server.openConnections() == 0), "given back when the client left");
        } finally {
            server.stop(Duration.ofSeconds(1));
        }
    }

    @Test
    void anH2cUpgradeContinuesOnTheSameConnection() throws Exception {
        GyreServer server = Gyre.builder().port(0).loops(1).handlers(new H2Routes(), new TestHandlers()).start();
        try (HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_2).build()) {
            for (int i = 0; i < 3; i++) {
                HttpResponse<String> response = client.send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + server.port() + "/hello")).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertEquals(200, response.statusCode());
                assertEquals(HttpClient.Version.HTTP_2, response.version());
            }
            assertEquals(1, server.openConnections(), "the upgraded connection, reused, and no other");
        } finally {
            server.stop(Duration.ofSeconds(1));
            assertEquals(0, server.openConnections());
        }
    }

    @Test
    void aPeerThatPingsAndNeverReadsIsHeldBackByTcpThenClosed() throws Exception {
        Http2Limits d = Http2Limits.defaults();
        FloodLimits f = d.floods();
        Http2Limits pingsAllowed = new Http2Limits(d.maxConcurrentStreams(), d.initialWindowSize(),
                d.connectionWindowSize(), d.maxFrameSize(), d.headerTableSize(), d.maxHeaderListSize(),
                d.maxHeaderBlockBytes(), d.maxContinuationFrames(), d.maxQueuedBytesPerStream(),
                new FloodLimits(f.window(), f.resets(), f.settings(), Integer.MAX_VALUE, f.emptyFrames(),
                        f.windowUpdates(), f.priorities()));
        GyreServer server = Gyre.builder().port(0).loops(1).handlers(new H2Routes(), new TestHandlers())
                .http2(Http2Options.defaults().withLimits(pingsAllowed)).start();
        AtomicLong written = new AtomicLong();
        try (H2SocketClient attacker = new H2SocketClient(server.port())) {
            attacker.send(new ClientFrames().start().take());
            Thread writer = Thread.ofPlatform().daemon().start(() -> {
                for (int i = 0; i < 2_000 && !attacker.sendQuietly(PINGS).ended(); i++) {
                    written.addAndGet(PINGS.length);
                }
            });
            Thread.sleep(4_000);
            long heldAt = written.get();
            assertTrue(heldAt < 48L * 1024 * 1024, "held back by TCP, not read into the heap: " + heldAt + " bytes");
            writer.join(60_000);
            assertTrue(attacker.ended(), "closed by the write deadline after " + written.get() + " bytes");
            try (H2SocketClient bystander = new H2SocketClient(server.port())) {
                bystander.send(new ClientFrames().start().get(1, "/hello").take());
                assertTrue(bystander.read(2_000).stream().anyMatch(Frame.Headers.class::isInstance),
                        "another client is served");
            }
        } finally {
            server.stop(Duration.ofSeconds(1));
        }
    }

    private static byte[] pings(int count) {
        ClientFrames frames = new ClientFrames();
        for (int i = 0; i < count; i++) {
            frames.ping(i);
        }
        return frames.take();
    }

    private static boolean eventually(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (System.nanoTime() < deadline) {
            if (condition.getAsBoolean()) {
                return true;
            }
            Thread.sleep(20);
        }
        return false;
    }
}
