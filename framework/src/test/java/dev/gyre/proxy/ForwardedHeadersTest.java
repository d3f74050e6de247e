package dev.gyre.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gyre.handler.Get;
import dev.gyre.handler.NonBlocking;
import dev.gyre.http.Request;
import dev.gyre.server.Gyre;
import dev.gyre.server.GyreServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collections;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What {@link Request} says about the client once trusted proxies have spoken, over a raw socket (so any
 * header can be sent, repeated or malformed). The test connects from 127.0.0.1, so that is the proxy.
 */
class ForwardedHeadersTest {
    private GyreServer server;

    public static final class Routes {
        @Get("/who")
        @NonBlocking
        public String who(Request request) {
            var client = request.clientAddress();
            return client.getAddress().getHostAddress() + " " + client.getPort() + " " + request.scheme() + " "
                    + request.host();
        }
    }

    @AfterEach
    void stop() {
        server.stop(Duration.ofSeconds(1));
    }

    private void start(TrustedProxies proxies) {
        server = Gyre.builder().port(0).loops(1).handlers(new Routes()).trustedProxies(proxies).start();
    }

    private String who(String... headers) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", server.port())) {
            socket.setSoTimeout(10_000);
            StringBuilder request = new StringBuilder("GET /who HTTP/1.1\r\nHost: gyre.internal:8080\r\n");
            for (String h : headers) {
                request.append(h).append("\r\n");
            }
            request.append("Connection: close\r\n\r\n");
            OutputStream out = socket.getOutputStream();
            out.write(request.toString().getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
            assertTrue(answer.startsWith("HTTP/1.1 200"), answer);
            return answer.substring(answer.indexOf("\r\n\r\n") + 4);
        }
    }

    @Test
    void withoutTrustedProxiesTheHeadersAreIgnored() throws IOException {
        start(TrustedProxies.none());
        String who = who("X-Forwarded-For: 203.0.113.7", "X-Forwarded-Proto: https",
                "Forwarded: for=198.51.100.1;proto=https");
        assertTrue(who.startsWith("127.0.0.1 ") && who.endsWith(" http gyre.internal:8080"), who);
    }

    @Test
    void anUntrustedPeerCannotSpeakForTheClient() throws IOException {
        start(TrustedProxies.of("10.0.0.0/8"));
        String who = who("X-Forwarded-For: 203.0.113.7", "X-Forwarded-Proto: https", "X-Forwarded-Host: evil.example");
        assertTrue(who.startsWith("127.0.0.1 ") && who.endsWith(" http gyre.internal:8080"), who);
    }

    @Test
    void xForwardedForIsWalkedFromTheRightPastTrustedHops() throws IOException {
        start(TrustedProxies.of("127.0.0.1", "10.0.0.0/8"));
        assertEquals("203.0.113.7 0 https shop.example", who("X-Forwarded-For: 198.51.100.66, 203.0.113.7, 10.1.2.3",
                "X-Forwarded-Proto: https", "X-Forwarded-Host: shop.example"));
        assertEquals("203.0.113.7 0 https shop.example", who("X-Forwarded-For: 198.51.100.66",
                "X-Forwarded-For: 203.0.113.7", "X-Forwarded-Proto: http, https", "X-Forwarded-Host: shop.example"),
                "repeated fields are one list; the nearest proxy's proto wins");
        assertEquals("10.9.9.9 0 http gyre.internal:8080", who("X-Forwarded-For: 10.9.9.9, 10.1.2.3"),
                "a chain of trusted proxies ends at its leftmost entry");
    }

    @Test
    void forwardedWinsOverXForwardedAndGivesThatHopsProtoAndHost() throws IOException {
        start(TrustedProxies.of("127.0.0.0/8", "10.0.0.0/8")
                .headers(ForwardingHeaders.FORWARDED, ForwardingHeaders.X_FORWARDED));
        assertEquals("2001:db8:cafe:0:0:0:0:17 4711 https api.example", who(
                "Forwarded: for=\"[2001:db8:cafe::17]:4711\";proto=HTTPS;host=api.example, for=10.0.0.5;proto=http",
                "X-Forwarded-For: 203.0.113.99"));
        assertEquals("192.0.2.60 0 http gyre.internal:8080", who("Forwarded: for=192.0.2.60;by=203.0.113.43"));
    }

    @Test
    void whatIsNotAnAddressSchemeOrHostIsNotTaken() throws IOException {
        start(TrustedProxies.of("127.0.0.1").headers(ForwardingHeaders.FORWARDED, ForwardingHeaders.X_FORWARDED));
        String who = who("X-Forwarded-For: localhost", "X-Forwarded-Proto: javascript",
                "X-Forwarded-Host: a b<script>");
        assertTrue(who.startsWith("127.0.0.1 ") && who.endsWith(" http gyre.internal:8080"), who);
        who = who("Forwarded: for=unknown;proto=https");
        assertTrue(who.startsWith("127.0.0.1 ") && who.endsWith(" https gyre.internal:8080"), who);
        who = who("Forwarded: for=\"_hidden\", garbage");
        assertTrue(who.startsWith("127.0.0.1 "), who);
    }

    @Test
    void byDefaultOnlyXForwardedIsBelievedSoAPassedThroughForwardedIsNot() throws IOException {
        start(TrustedProxies.of("127.0.0.1"));
        assertEquals("203.0.113.9 0 http gyre.internal:8080", who(
                "Forwarded: for=6.6.6.6;proto=https;host=evil.example", "X-Forwarded-For: 203.0.113.9"));
        String who = who("Forwarded: for=6.6.6.6;proto=https;host=evil.example");
        assertTrue(who.startsWith("127.0.0.1 ") && who.endsWith(" http gyre.internal:8080"), who);
    }

    @Test
    void whatIsLeftOfAnUnparseableForwardedElementIsNeverBelieved() throws IOException {
        start(TrustedProxies.of("127.0.0.1", "10.0.0.0/8").headers(ForwardingHeaders.FORWARDED));
        assertEquals("203.0.113.9 0 http gyre.internal:8080",
                who("Forwarded: for=6.6.6.6;proto=https;host=evil.example, garbage, for=203.0.113.9"));
        assertEquals("203.0.113.9 0 http gyre.internal:8080",
                who("Forwarded: for=6.6.6.6;proto=https;host=evil.example", "Forwarded: garbage",
                        "Forwarded: for=203.0.113.9"), "two field lines are one list");
        assertEquals("10.0.0.5 0 https shop.example",
                who("Forwarded: for=6.6.6.6;host=evil.example, ;=x, for=10.0.0.5;proto=https;host=shop.example"),
                "the last good hop, written by a trusted proxy, is believed");
        String who = who("Forwarded: for=\"6.6.6.6;proto=https;host=evil.example, for=203.0.113.9");
        assertTrue(who.startsWith("127.0.0.1 ") && who.endsWith(" http gyre.internal:8080"),
                "an unclosed quote makes the element unparseable, not the client's: " + who);
    }

    @Test
    void xForwardedForStopsAtAnEntryThatIsNotAnAddressAndAfterThirtyTwoHops() throws IOException {
        start(TrustedProxies.of("127.0.0.1", "10.0.0.0/8", "::1"));
        assertEquals("10.1.2.3 0 http gyre.internal:8080", who("X-Forwarded-For: 6.6.6.6, garbage, 10.1.2.3"));
        assertEquals("203.0.113.9 0 http gyre.internal:8080", who("X-Forwarded-For: 6.6.6.6, garbage, 203.0.113.9"));
        String trusted = String.join(", ", Collections.nCopies(40, "10.0.0.1"));
        assertEquals("10.0.0.1 0 http gyre.internal:8080", who("X-Forwarded-For: 6.6.6.6, " + trusted),
                "the walk ends after 32 trusted hops, at a hop a trusted proxy wrote");
    }
}
