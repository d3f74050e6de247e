package dev.gyre.http2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gyre.server.Gyre;
import dev.gyre.server.GyreServer;
import dev.gyre.server.StreamingHandlers;
import dev.gyre.server.TestHandlers;
import dev.gyre.server.Timeouts;
import dev.gyre.transport.TestCerts;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The ways onto HTTP/2 that must not be taken, or must not be missed, at the socket: a prior-knowledge preface
 * split anywhere, the preface and {@code Upgrade: h2c} over TLS without ALPN {@code h2} (RFC 9113 §3.2, §3.3),
 * and upgrades that do not ask in full (HTTP/1.0, no {@code Connection: Upgrade, HTTP2-Settings}).
 */
class Http2NegotiationTest {
    /** The settings of a client that sends none but its defaults: SETTINGS_MAX_CONCURRENT_STREAMS 100. */
    private static final String SETTINGS = "AAMAAABk";
    private static GyreServer server;
    private static int clear;
    private static int tls;

    @BeforeAll
    static void start() {
        server = Gyre.builder().port(0).listen(0, TestCerts.tls("localhost")).loops(1)
                .handlers(new H2Routes(), new TestHandlers(), new StreamingHandlers()).start();
        clear = server.addresses().get(0).getPort();
        tls = server.addresses().get(1).getPort();
    }

    @AfterAll
    static void stop() {
        server.stop(Duration.ofSeconds(1));
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 4, 10, 23})
    void aPrefaceSplitAnywhereIsStillHttp2(int at) throws Exception {
        byte[] all = new ClientFrames().start().settingsAck().get(1, "/hello").take();
        try (H2SocketClient client = new H2SocketClient(clear)) {
            client.send(Arrays.copyOf(all, at));
            Thread.sleep(150);
            client.send(Arrays.copyOfRange(all, at, all.length));
            assertEquals("200", client.status(1, 5_000), "split at byte " + at);
        }
    }

    @Test
    void aPrefaceSentByteByByteIsStillHttp2() throws Exception {
        byte[] all = new ClientFrames().start().settingsAck().get(1, "/hello").take();
        try (H2SocketClient client = new H2SocketClient(clear)) {
            for (int i = 0; i < 24; i++) {
                client.send(new byte[] {all[i]});
                Thread.sleep(20);
            }
            client.send(Arrays.copyOfRange(all, 24, all.length));
            assertEquals("200", client.status(1, 5_000));
        }
    }

    @Test
    void aRequestThatBeginsAsThePrefaceDoesIsStillHttp11() throws Exception {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), clear)) {
            socket.getOutputStream().write("P".getBytes(StandardCharsets.US_ASCII));
            Thread.sleep(150);
            assertEquals("HTTP/1.1 200", head(socket, "OST /echo HTTP/1.1\r\nHost: a\r\nContent-Length: 0\r\n\r\n"));
        }
    }

    /** "P", "PR", "PRI": too few bytes to tell, but already a request under way, timed as its head. */
    @ParameterizedTest
    @ValueSource(strings = {"P", "PR", "PRI"})
    void firstBytesThatMayBeThePrefaceAreTimedByTheRequestHeadDeadline(String first) throws Exception {
        GyreServer timed = Gyre.builder().port(0).loops(1).handlers(new H2Routes())
                .timeouts(Timeouts.defaults().withRequestHead(Duration.ofSeconds(1)).withIdle(Duration.ofSeconds(60)))
                .start();
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), timed.port())) {
            socket.getOutputStream().write(first.getBytes(StandardCharsets.US_ASCII));
            assertEquals("HTTP/1.1 408", head(socket, ""), "answered at the request-head deadline, not the idle one");
        } finally {
            timed.stop(Duration.ofSeconds(1));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"http/1.1", ""})
    void overTlsWithoutAlpnH2ThePrefaceIsAnHttp11RequestLine(String alpn) throws Exception {
        try (SSLSocket socket = tlsSocket(alpn)) {
            socket.getOutputStream().write(new ClientFrames().start().take());
            assertEquals("HTTP/1.1 505", head(socket, ""), "ALPN '" + alpn + "' did not choose h2");
        }
    }

    @Test
    void upgradeToH2cOverTlsIsIgnored() throws Exception {
        try (SSLSocket socket = tlsSocket("http/1.1")) {
            assertEquals("HTTP/1.1 200", head(socket, "GET /hello HTTP/1.1\r\nHost: a\r\nUpgrade: h2c\r\n"
                    + "Connection: Upgrade, HTTP2-Settings\r\nHTTP2-Settings: " + SETTINGS + "\r\n\r\n"));
        }
    }

    @Test
    void anUpgradeInFullOnCleartextIsTaken() throws Exception {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), clear)) {
            assertEquals("HTTP/1.1 101", head(socket, "GET /hello HTTP/1.1\r\nHost: a\r\nUpgrade: h2c\r\n"
                    + "Connection: Upgrade, HTTP2-Settings\r\nHTTP2-Settings: " + SETTINGS + "\r\n\r\n"));
        }
    }

    @Test
    void theUpgradedRequestReachesItsHandlerAsHttp2WithoutHttp11sConnectionFieldsButWithItsHost() throws Exception {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), clear)) {
            assertEquals("HTTP/1.1 101", head(socket, "GET /request-fields HTTP/1.1\r\nHost: a\r\nUpgrade: h2c\r\n"
                    + "Connection: Upgrade, HTTP2-Settings, Keep-Alive, Host\r\nKeep-Alive: timeout=5\r\nHTTP2-Settings: "
                    + SETTINGS + "\r\nX-Kept: yes\r\n\r\n"));
            InputStream in = socket.getInputStream();
            skipToEndOfHead(in);
            socket.getOutputStream().write(new ClientFrames().start().take());
            ServerFrames frames = new ServerFrames();
            StringBuilder body = new StringBuilder();
            boolean ended = false;
            byte[] buf = new byte[16_384];
            while (!ended) {
                int n = in.read(buf);
                assertTrue(n > 0, "the answer on stream 1 ended: " + body);
                for (Frame f : frames.decode(ByteBuffer.wrap(buf, 0, n))) {
                    if (f instanceof Frame.Data d && d.streamId() == 1) {
                        body.append(new String(d.data(), StandardCharsets.US_ASCII));
                        ended = d.endStream();
                    }
                }
            }
            assertEquals("HTTP/2 host,x-kept", body.toString());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "GET /hello HTTP/1.0\r\nHost: a\r\nUpgrade: h2c\r\nConnection: Upgrade, HTTP2-Settings\r\n",
            "GET /hello HTTP/1.1\r\nHost: a\r\nUpgrade: h2c\r\n",
            "GET /hello HTTP/1.1\r\nHost: a\r\nUpgrade: h2c\r\nConnection: HTTP2-Settings\r\n",
            "GET /hello HTTP/1.1\r\nHost: a\r\nUpgrade: h2c\r\nConnection: Upgrade\r\n"})
    void anUpgradeThatDoesNotAskInFullIsServedInHttp11(String head) throws Exception {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), clear)) {
            String status = head(socket, head + "HTTP2-Settings: " + SETTINGS + "\r\n\r\n");
            assertTrue(status.matches("HTTP/1\\.[01] 200"), "served, not switched: " + status);
        }
    }

    private static SSLSocket tlsSocket(String alpn) throws IOException {
        SSLSocket socket = (SSLSocket) TestCerts.trusting("localhost").getSocketFactory()
                .createSocket("localhost", tls);
        SSLParameters parameters = socket.getSSLParameters();
        parameters.setApplicationProtocols(alpn.isEmpty() ? new String[0] : new String[] {alpn});
        socket.setSSLParameters(parameters);
        socket.setSoTimeout(10_000);
        socket.startHandshake();
        return socket;
    }

    /** Writes {@code request} (if any) and returns the first 12 bytes of the answer: version and status. */
    /** Reads up to and including the empty line that ends an HTTP/1.1 head. */
    private static void skipToEndOfHead(InputStream in) throws IOException {
        int last4 = 0;
        while (last4 != 0x0d0a0d0a) {
            int b = in.read();
            assertTrue(b >= 0, "the head ended");
            last4 = (last4 << 8) | b;
        }
    }

    private static String head(Socket socket, String request) throws IOException {
        socket.setSoTimeout(10_000);
        OutputStream out = socket.getOutputStream();
        out.write(request.getBytes(StandardCharsets.US_ASCII));
        out.flush();
        InputStream in = socket.getInputStream();
        return new String(in.readNBytes(12), StandardCharsets.US_ASCII);
    }
}
