package dev.gyre.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gyre.server.Gyre;
import dev.gyre.server.GyreServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Clients that do not finish a handshake: each is closed (by the timeout, or at once for garbage) while a
 * well-behaved client on the same single loop is served. One server has a 1 s handshake timeout, the other
 * the default 10 s, so that a prompt close is told apart from a timeout.
 */
class HostileTlsClientsTest {
    private static GyreServer strict;
    private static GyreServer patient;

    @BeforeAll
    static void start() {
        strict = Gyre.builder().loops(1).listen(0, TestCerts.tls("localhost").handshakeTimeout(Duration.ofSeconds(1)))
                .handlers(new TlsHandlers()).start();
        patient = Gyre.builder().loops(1).listen(0, TestCerts.tls("localhost")).handlers(new TlsHandlers()).start();
    }

    @AfterAll
    static void stop() {
        strict.stop();
        patient.stop();
    }

    /** A well-behaved request on a fresh connection, which must succeed while the hostile one is open. */
    private static void wellBehavedClientIsServed(GyreServer server) throws Exception {
        HttpClient fresh = HttpClient.newBuilder().sslContext(TestCerts.trusting("localhost"))
                .version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
        try (fresh) {
            HttpResponse<String> r = fresh.send(HttpRequest.newBuilder(
                    URI.create("https://localhost:" + server.port() + "/hello")).timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals("hello", r.body());
        }
    }

    /** A real ClientHello, as the JDK's client would send it. */
    private static byte[] clientHello() throws Exception {
        SSLEngine engine = SSLContext.getDefault().createSSLEngine("localhost", 443);
        engine.setUseClientMode(true);
        engine.beginHandshake();
        ByteBuffer out = ByteBuffer.allocate(engine.getSession().getPacketBufferSize());
        engine.wrap(ByteBuffer.allocate(0), out);
        return Arrays.copyOf(out.array(), out.position());
    }

    /** Reads until the server closes; returns how long that took in milliseconds. */
    private static long millisUntilClosed(Socket socket, long startNanos) throws IOException {
        socket.setSoTimeout(20_000);
        InputStream in = socket.getInputStream();
        try {
            while (in.read() >= 0) {
                // an alert may come before the close
            }
        } catch (SocketException reset) {
            // closed with RST: closed all the same
        }
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos);
    }

    @Test
    void silentClientIsClosedAtTheHandshakeTimeout() throws Exception {
        try (Socket silent = new Socket("127.0.0.1", strict.port())) {
            long start = System.nanoTime();
            wellBehavedClientIsServed(strict);
            long closedAfter = millisUntilClosed(silent, start);
            assertTrue(closedAfter >= 800 && closedAfter < 10_000, "closed after " + closedAfter + " ms");
        }
    }

    @Test
    void dribblingClientHelloIsClosedAtTheHandshakeTimeout() throws Exception {
        byte[] hello = clientHello();
        try (Socket dribbler = new Socket("127.0.0.1", strict.port())) {
            long start = System.nanoTime();
            OutputStream out = dribbler.getOutputStream();
            Thread writer = Thread.ofVirtual().start(() -> {
                try {
                    for (byte b : hello) {
                        out.write(b);
                        out.flush();
                        Thread.sleep(100);
                    }
                } catch (IOException | InterruptedException closed) {
                    // the server closed, as expected
                }
            });
            wellBehavedClientIsServed(strict);
            long closedAfter = millisUntilClosed(dribbler, start);
            writer.interrupt();
            assertTrue(closedAfter >= 800 && closedAfter < 10_000, "closed after " + closedAfter + " ms");
            assertTrue(closedAfter < hello.length * 100L, "closed before the ClientHello was complete");
        }
    }

    @Test
    void garbageInsteadOfClientHelloClosesAtOnce() throws Exception {
        try (Socket garbage = new Socket("127.0.0.1", patient.port())) {
            long start = System.nanoTime();
            garbage.getOutputStream().write("GET / HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            long closedAfter = millisUntilClosed(garbage, start);
            assertTrue(closedAfter < 5_000, "closed after " + closedAfter + " ms, before the 10 s timeout");
        }
        wellBehavedClientIsServed(patient);
    }

    @Test
    void clientVanishingMidHandshakeHarmsNobody() throws Exception {
        byte[] hello = clientHello();
        for (int i = 0; i < 20; i++) {
            try (Socket vanishing = new Socket("127.0.0.1", patient.port())) {
                vanishing.getOutputStream().write(hello, 0, hello.length / 2);
                if (i % 2 == 0) {
                    vanishing.setSoLinger(true, 0);
                }
            }
        }
        try (Socket whole = new Socket("127.0.0.1", patient.port())) {
            whole.getOutputStream().write(hello);
            whole.getInputStream().read();
        }
        wellBehavedClientIsServed(patient);
    }

    @Test
    void clientInitiatedRenegotiationIsRefused() throws Exception {
        Commands.assumeInstalled("openssl");
        Process p = new ProcessBuilder("openssl", "s_client", "-connect", "127.0.0.1:" + patient.port(), "-tls1_2")
                .redirectErrorStream(true).start();
        try {
            OutputStream stdin = p.getOutputStream();
            StringBuilder seen = new StringBuilder();
            InputStream out = p.getInputStream();
            Thread reader = Thread.ofVirtual().start(() -> {
                try {
                    for (int c; (c = out.read()) >= 0; ) {
                        synchronized (seen) {
                            seen.append((char) c);
                        }
                    }
                } catch (IOException ended) {
                    // the process ended
                }
            });
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
            while (!snapshot(seen).contains("Verify return code") && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            stdin.write("R\n".getBytes(StandardCharsets.US_ASCII));
            stdin.flush();
            assertTrue(p.waitFor(15, TimeUnit.SECONDS), "the server closed the renegotiating connection: " + seen);
            reader.join(5_000);
            assertTrue(snapshot(seen).contains("RENEGOTIATING"), snapshot(seen));
            assertNotEquals(0, p.exitValue(), "s_client saw the refusal as an error (a fatal alert): " + seen);
        } finally {
            p.destroyForcibly();
        }
        wellBehavedClientIsServed(patient);
    }

    private static String snapshot(StringBuilder seen) {
        synchronized (seen) {
            return seen.toString();
        }
    }
}
