package dev.gyre.proxy;

import static dev.gyre.proxy.ProxyHeaders.LOCAL;
import static dev.gyre.proxy.ProxyHeaders.PROXY;
import static dev.gyre.proxy.ProxyHeaders.TCP4;
import static dev.gyre.proxy.ProxyHeaders.TCP6;
import static dev.gyre.proxy.ProxyHeaders.UNIX_STREAM;
import static dev.gyre.proxy.ProxyHeaders.addresses;
import static dev.gyre.proxy.ProxyHeaders.concat;
import static dev.gyre.proxy.ProxyHeaders.tlv;
import static dev.gyre.proxy.ProxyHeaders.v1;
import static dev.gyre.proxy.ProxyHeaders.v2;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gyre.handler.Get;
import dev.gyre.handler.NonBlocking;
import dev.gyre.http.Request;
import dev.gyre.server.Gyre;
import dev.gyre.server.GyreServer;
import dev.gyre.server.Timeouts;
import dev.gyre.transport.TestCerts;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A listener with the PROXY protocol, over raw sockets from 127.0.0.1 with hand-written headers: whole, a
 * byte at a time, followed by keep-alive requests, in front of TLS; and the headers it must refuse (none,
 * garbage, oversized, silent), each of which closes only that connection.
 */
class ProxyProtocolListenerTest {
    private static final String REQUEST = "GET /who HTTP/1.1\r\nHost: gyre.test\r\n\r\n";
    private GyreServer server;

    public static final class Routes {
        @Get("/who")
        @NonBlocking
        public String who(Request request) {
            InetSocketAddress client = request.clientAddress();
            return client.getAddress().getHostAddress() + " " + client.getPort() + " " + request.scheme();
        }
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(Duration.ofSeconds(1));
        }
    }

    private int start(TrustedProxies trusted, Duration headTimeout) {
        server = Gyre.builder().loops(1).listen(0, ProxyProtocol.required()).handlers(new Routes())
                .trustedProxies(trusted).timeouts(Timeouts.defaults().withRequestHead(headTimeout)).start();
        return server.port();
    }

    private int start() {
        return start(TrustedProxies.none(), Duration.ofSeconds(10));
    }

    /** Sends {@code bytes} (a piece at a time when {@code piece} > 0), then reads the answer until EOF. */
    private static String exchange(int port, byte[] bytes, int piece) throws IOException, InterruptedException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(20_000);
            socket.setTcpNoDelay(true);
            OutputStream out = socket.getOutputStream();
            if (piece <= 0) {
                out.write(bytes);
            } else {
                for (int i = 0; i < bytes.length; i += piece) {
                    out.write(bytes, i, Math.min(piece, bytes.length - i));
                    out.flush();
                    Thread.sleep(1);
                }
            }
            out.flush();
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
        }
    }

    private static byte[] withRequests(byte[] header, int count) {
        String requests = REQUEST.repeat(count - 1) + REQUEST.replace("\r\n\r\n", "\r\nConnection: close\r\n\r\n");
        return concat(header, requests.getBytes(StandardCharsets.US_ASCII));
    }

    private static String body(String answer) {
        assertTrue(answer.startsWith("HTTP/1.1 200"), answer);
        return answer.substring(answer.indexOf("\r\n\r\n") + 4);
    }

    @Test
    void v1HeaderNamesTheClientWholeAndByteByByte() throws Exception {
        int port = start();
        byte[] input = withRequests(v1("PROXY TCP4 203.0.113.7 10.0.0.1 51234 8080\r\n"), 1);
        assertEquals("203.0.113.7 51234 http", body(exchange(port, input, 0)));
        assertEquals("203.0.113.7 51234 http", body(exchange(port, input, 1)));
        byte[] v6 = withRequests(v1("PROXY TCP6 2001:db8::7 2001:db8::1 4242 443\r\n"), 1);
        assertEquals("2001:db8:0:0:0:0:0:7 4242 http", body(exchange(port, v6, 0)));
    }

    @Test
    void v2HeaderWithTlvsNamesTheClientWholeAndByteByByte() throws Exception {
        int port = start();
        byte[] header = v2(PROXY, TCP4, addresses("198.51.100.9", "10.0.0.1", 40000, 8080,
                tlv(0x01, "http/1.1".getBytes(StandardCharsets.US_ASCII)), tlv(0xEE, new byte[700])));
        byte[] input = withRequests(header, 1);
        assertEquals("198.51.100.9 40000 http", body(exchange(port, input, 0)));
        assertEquals("198.51.100.9 40000 http", body(exchange(port, input, 1)));
        byte[] v6 = withRequests(v2(PROXY, TCP6, addresses("2001:db8::9", "2001:db8::1", 1, 2)), 1);
        assertEquals("2001:db8:0:0:0:0:0:9 1 http", body(exchange(port, v6, 7)));
    }

    @Test
    void theClientStaysForEveryRequestOfTheConnection() throws Exception {
        int port = start();
        String answers = exchange(port, withRequests(v1("PROXY TCP4 203.0.113.7 10.0.0.1 51234 8080\r\n"), 3), 0);
        assertEquals(3, answers.split("203.0.113.7 51234 http", -1).length - 1, answers);
    }

    @Test
    void localUnknownAndUnixKeepTheSocketsPeer() throws Exception {
        int port = start();
        for (byte[] header : new byte[][] {v1("PROXY UNKNOWN\r\n"), v2(LOCAL, 0x00, new byte[0]),
                v2(LOCAL, TCP4, addresses("203.0.113.7", "10.0.0.1", 1, 2)), v2(PROXY, UNIX_STREAM, new byte[216])}) {
            String who = body(exchange(port, withRequests(header, 1), 0));
            assertTrue(who.startsWith("127.0.0.1 ") && !who.startsWith("127.0.0.1 0 "), who);
        }
    }

    @Test
    void trustedProxiesStartFromTheClientTheHeaderNamed() throws Exception {
        int port = start(TrustedProxies.of("10.0.0.0/8"), Duration.ofSeconds(10));
        byte[] fromTrusted = concat(v1("PROXY TCP4 10.1.2.3 10.0.0.1 5000 8080\r\n"),
                ("GET /who HTTP/1.1\r\nHost: gyre.test\r\nX-Forwarded-For: 203.0.113.50\r\nX-Forwarded-Proto: https\r\n"
                        + "Connection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        assertEquals("203.0.113.50 0 https", body(exchange(port, fromTrusted, 0)));
        byte[] fromClient = concat(v1("PROXY TCP4 203.0.113.7 10.0.0.1 5000 8080\r\n"),
                ("GET /who HTTP/1.1\r\nHost: gyre.test\r\nX-Forwarded-For: 10.9.9.9\r\nX-Forwarded-Proto: https\r\n"
                        + "Connection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        assertEquals("203.0.113.7 5000 http", body(exchange(port, fromClient, 0)));
    }

    @Test
    void missingMalformedAndOversizedHeadersCloseWithoutAnAnswer() throws Exception {
        int port = start();
        byte[][] refused = {
                REQUEST.getBytes(StandardCharsets.US_ASCII),
                withRequests(v1("PROXY TCP4 203.0.113.7 10.0.0.1 51234\r\n"), 1),
                withRequests(v1("PROXY TCP4 gyre.example 10.0.0.1 51234 8080\r\n"), 1),
                withRequests(v1("PROXY UNKNOWN " + "x".repeat(200) + "\r\n"), 1),
                withRequests(v2(0x22, TCP4, addresses("203.0.113.7", "10.0.0.1", 1, 2)), 1),
                withRequests(v2(PROXY, TCP4, new byte[ProxyHeaderDecoder.MAX_V2_BLOCK + 1]), 1),
                new byte[] {0x16, 0x03, 0x01, 0x00, 0x05, 1, 2, 3, 4, 5}};
        for (byte[] input : refused) {
            assertEquals("", exchange(port, input, 0), new String(input, StandardCharsets.ISO_8859_1));
        }
        assertEquals("203.0.113.7 1 http",
                body(exchange(port, withRequests(v1("PROXY TCP4 203.0.113.7 10.0.0.1 1 2\r\n"), 1), 0)));
    }

    @Test
    void aSilentOrHalfSentHeaderIsClosedAtTheHeadTimeoutWhileOthersAreServed() throws Exception {
        int port = start(TrustedProxies.none(), Duration.ofSeconds(1));
        try (Socket silent = new Socket("127.0.0.1", port); Socket half = new Socket("127.0.0.1", port)) {
            silent.setSoTimeout(20_000);
            half.setSoTimeout(20_000);
            half.getOutputStream().write(v1("PROXY TCP4 203.0.113.7 "));
            half.getOutputStream().flush();
            assertEquals("203.0.113.7 2 http",
                    body(exchange(port, withRequests(v1("PROXY TCP4 203.0.113.7 10.0.0.1 2 3\r\n"), 1), 0)));
            long start = System.nanoTime();
            assertEquals(-1, silent.getInputStream().read(), "the silent connection is closed");
            assertEquals(-1, half.getInputStream().read(), "the half-sent header is closed");
            long waited = Duration.ofNanos(System.nanoTime() - start).toMillis();
            assertTrue(waited < 15_000, "closed after " + waited + " ms");
        }
    }

    /** Sends {@code bytes} a byte at a time over about {@code millis}. */
    private static void dribble(Socket socket, byte[] bytes, long millis) throws IOException, InterruptedException {
        for (byte b : bytes) {
            socket.getOutputStream().write(b);
            socket.getOutputStream().flush();
            Thread.sleep(millis / bytes.length);
        }
    }

    /**
     * A header dribbled for most of the head timeout leaves the first head only what is left of it: the two
     * together do not get the timeout twice. The head times out as any head cut short does, with a 408.
     */
    @Test
    void aDribbledHeaderLeavesTheFirstHeadWhatIsLeftOfTheHeadTimeout() throws Exception {
        int port = start(TrustedProxies.none(), Duration.ofMillis(1500));
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(20_000);
            socket.setTcpNoDelay(true);
            dribble(socket, v1("PROXY TCP4 203.0.113.7 10.0.0.1 51234 8080\r\n"), 800);
            dribble(socket, withRequests(new byte[0], 1), 1000);
            String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
            assertTrue(answer.startsWith("HTTP/1.1 408"), "header 800 ms + head 1,000 ms of 1,500: " + answer);
        }
    }

    /**
     * Once the header is in, whole or dribbled, the first request is awaited under the idle deadline, as on a
     * fresh connection: a silent one is closed quietly at the idle timeout, and a whole request after a pause
     * longer than the head timeout is served. The header's time is not taken from a later head.
     */
    @Test
    void afterTheHeaderTheFirstRequestIsAwaitedAsOnAFreshConnection() throws Exception {
        server = Gyre.builder().loops(1).listen(0, ProxyProtocol.required()).handlers(new Routes())
                .timeouts(Timeouts.defaults().withRequestHead(Duration.ofSeconds(1)).withIdle(Duration.ofMillis(2500)))
                .start();
        byte[] header = v1("PROXY TCP4 203.0.113.7 10.0.0.1 51234 8080\r\n");
        try (Socket whole = new Socket("127.0.0.1", server.port());
             Socket dribbled = new Socket("127.0.0.1", server.port())) {
            long start = System.nanoTime();
            whole.setSoTimeout(20_000);
            dribbled.setSoTimeout(20_000);
            whole.getOutputStream().write(header);
            whole.getOutputStream().flush();
            dribble(dribbled, header, 600);
            Thread.sleep(1200);
            dribbled.getOutputStream().write(REQUEST.getBytes(StandardCharsets.US_ASCII));
            dribbled.getOutputStream().flush();
            dribble(dribbled, withRequests(new byte[0], 1), 700);
            String answers = new String(dribbled.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
            assertEquals(2, answers.split("HTTP/1.1 200", -1).length - 1, answers);
            assertEquals(-1, whole.getInputStream().read(), "closed without an answer");
            long waited = Duration.ofNanos(System.nanoTime() - start).toMillis();
            assertTrue(waited >= 2000, "closed at the idle timeout, not the head timeout: " + waited + " ms");
        }
    }

    @Test
    void theHeaderComesBeforeTheTlsClientHello() throws Exception {
        server = Gyre.builder().loops(1).listen(0, TestCerts.tls("localhost"), ProxyProtocol.required())
                .handlers(new Routes()).start();
        byte[] header = v2(PROXY, TCP4, addresses("192.0.2.44", "10.0.0.1", 6000, 443));
        for (int piece : new int[] {0, 1}) {
            try (Socket plain = new Socket("127.0.0.1", server.port())) {
                plain.setSoTimeout(20_000);
                plain.setTcpNoDelay(true);
                OutputStream raw = plain.getOutputStream();
                for (int i = 0; i < header.length; i += piece == 0 ? header.length : 1) {
                    raw.write(header, i, piece == 0 ? header.length : 1);
                    raw.flush();
                }
                SSLSocket tls = (SSLSocket) TestCerts.trusting("localhost").getSocketFactory()
                        .createSocket(plain, "localhost", server.port(), true);
                tls.startHandshake();
                tls.getOutputStream().write(REQUEST.replace("\r\n\r\n", "\r\nConnection: close\r\n\r\n")
                        .getBytes(StandardCharsets.US_ASCII));
                tls.getOutputStream().flush();
                InputStream in = tls.getInputStream();
                assertEquals("192.0.2.44 6000 https", body(new String(in.readAllBytes(), StandardCharsets.ISO_8859_1)));
            }
        }
    }
}
