package dev.gyre.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.gyre.http.internal.ParsedHeaders;
import dev.gyre.http.internal.Peer;
import dev.gyre.http.internal.Requests;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import org.junit.jupiter.api.Test;

/**
 * The fields a {@link Request} keeps in its side object (parsed query, attributes, a proxy's view, the failure,
 * trailers) read as separate fields did: defaults before anything is set, each value after, and none lost when
 * two threads make the side object at once.
 */
class RequestSideFieldsTest {
    private static final Peer PEER = new Peer(new InetSocketAddress("127.0.0.1", 40000), null);

    private static RequestHead head(String target, String query) {
        String path = query == null ? target : target.substring(0, target.indexOf('?'));
        return new RequestHead("GET", target, path, query, HttpVersion.HTTP_1_1,
                new Headers().add("Host", "example.test"), -1, false, true, false, false);
    }

    @Test
    void defaultsBeforeAnythingIsSet() {
        Request request = Requests.whole(head("/a", null), null, PEER);
        assertEquals(0, request.body().length);
        assertNull(request.route());
        assertEquals(Map.of(), request.pathParams());
        assertNull(request.queryParam("x"));
        assertNull(request.attribute("x"));
        assertNull(request.failure());
        assertEquals(0, request.trailers().size());
        assertEquals(PEER.address(), request.clientAddress());
        assertEquals("http", request.scheme());
        assertEquals("example.test", request.host());
    }

    @Test
    void eachValueAfterItIsSet() {
        Request request = Requests.whole(head("/items/7?tag=a&tag=b", "tag=a&tag=b"), new byte[] {1}, PEER);
        Requests.routed(request, "/items/{id}", Map.of("id", "7"));
        request.attribute("user", "ada");
        InetSocketAddress client = new InetSocketAddress("192.0.2.1", 0);
        Requests.forwarded(request, client, "https", null);
        IllegalStateException failure = new IllegalStateException("boom");
        Requests.failure(request, failure);
        Requests.trailers(request, ParsedHeaders.copyOf(new String[] {"Digest", "sha-256=x"}, 1));
        assertEquals("/items/{id}", request.route());
        assertEquals("7", request.pathParam("id"));
        assertEquals(List.of("a", "b"), request.queryParams("tag"));
        assertSame(request.queryParameters(), request.queryParameters(), "parsed once");
        assertEquals("ada", request.attribute("user"));
        assertEquals(client, request.clientAddress());
        assertEquals("https", request.scheme());
        assertEquals("example.test", request.host(), "what the proxy did not say comes from the request");
        assertSame(failure, request.failure());
        assertEquals("sha-256=x", request.trailers().get("digest"));
    }

    @Test
    void twoThreadsMakingTheSideObjectAtOnceLoseNothing() throws Exception {
        IllegalStateException failure = new IllegalStateException("boom");
        for (int round = 0; round < 2_000; round++) {
            Request request = Requests.whole(head("/a?q=1", "q=1"), null, PEER);
            CyclicBarrier start = new CyclicBarrier(2);
            Thread filter = Thread.ofPlatform().start(() -> {
                await(start);
                request.attribute("user", "ada");
            });
            Thread handler = Thread.ofPlatform().start(() -> {
                await(start);
                Requests.failure(request, failure);
            });
            filter.join();
            handler.join();
            assertEquals("ada", request.attribute("user"), "round " + round);
            assertSame(failure, request.failure(), "round " + round);
            assertEquals("1", request.queryParam("q"), "round " + round);
        }
    }

    private static void await(CyclicBarrier barrier) {
        try {
            barrier.await();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
