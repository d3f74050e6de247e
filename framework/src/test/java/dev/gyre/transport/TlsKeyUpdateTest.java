package dev.gyre.transport;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gyre.server.Gyre;
import dev.gyre.server.GyreServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * TLS 1.3 {@code KeyUpdate} (RFC 8446 §4.6.3) in the middle of a keep-alive connection: the client rekeys and
 * asks the server to rekey too, and requests before and after it are answered on the same connection.
 * Two independent clients do it: OpenSSL's {@code s_client} (its interactive {@code K} command, with
 * {@code -msg} showing the server's own {@code KeyUpdate} in answer) and the JDK's {@code SSLSocket}, whose
 * {@code startHandshake()} on an established TLS 1.3 session sends a {@code KeyUpdate}.
 */
class TlsKeyUpdateTest {
    private static final Pattern ANSWER = Pattern.compile("HTTP/1\\.1 200 OK\\r\\n");
    private static final String SERVER_KEY_UPDATE = "<<< TLS 1.3, Handshake [length 0005], KeyUpdate";
    private static final String CLIENT_KEY_UPDATE = ">>> TLS 1.3, Handshake [length 0005], KeyUpdate";
    private static GyreServer server;
    private static int https;

    @BeforeAll
    static void start() {
        server = Gyre.builder().loops(1).listen(0, TestCerts.tls("localhost")).handlers(new TlsHandlers()).start();
        https = server.addresses().get(0).getPort();
    }

    @AfterAll
    static void stop() {
        server.stop();
    }

    @Test
    void opensslKeyUpdateIsAnsweredAndRequestsGoOn() throws Exception {
        Commands.assumeInstalled("openssl");
        // No -quiet or -ign_eof: with either, s_client ignores its K command. Input stays open until the end.
        Process p = new ProcessBuilder("openssl", "s_client", "-connect", "127.0.0.1:" + https, "-tls1_3",
                "-crlf", "-msg").redirectErrorStream(true).start();
        Output out = new Output(p.getInputStream());
        try (OutputStream in = p.getOutputStream()) {
            String get = "GET /hello HTTP/1.1\nHost: localhost\n\n";
            in.write(get.getBytes(StandardCharsets.US_ASCII));
            in.flush();
            out.await(s -> count(ANSWER, s) == 1, "the first answer");
            for (int update = 1; update <= 3; update++) {
                in.write("K\n".getBytes(StandardCharsets.US_ASCII));
                in.flush();
                int updates = update;
                Predicate<String> answered = s -> count(Pattern.compile(Pattern.quote(SERVER_KEY_UPDATE)), s) == updates;
                if (TestCerts.conscrypt()) {
                    // s_client drops what it read with its K command: the request goes after its KeyUpdate.
                    out.await(s -> count(Pattern.compile(Pattern.quote(CLIENT_KEY_UPDATE)), s) == updates,
                            "the client's KeyUpdate " + update);
                } else {
                    out.await(answered, "the server's KeyUpdate in answer to the client's " + update);
                }
                in.write(get.getBytes(StandardCharsets.US_ASCII));
                in.flush();
                out.await(s -> count(ANSWER, s) == updates + 1, "answer " + (update + 1) + " after the KeyUpdate");
                // BoringSSL sends its KeyUpdate before its next record (RFC 8446 §4.6.3), not at once as the JDK.
                out.await(answered, "the server's KeyUpdate in answer to the client's " + update);
            }
        } finally {
            if (!p.waitFor(20, TimeUnit.SECONDS)) {
                p.destroyForcibly();
            }
        }
        String text = out.text();
        assertTrue(text.contains("KEYUPDATE"), "s_client ran its K command: " + text);
        assertEquals(4, count(Pattern.compile("\\r\\n\\r\\nhello"), text), text);
        assertEquals(0, p.exitValue(), "one connection from first to last, closed cleanly: " + text);
    }

    @Test
    void jdkSocketRekeysBetweenRequestsOnOneConnection() throws Exception {
        byte[] body = new byte[300_000];
        new Random(3).nextBytes(body);
        try (SSLSocket socket = (SSLSocket) TestCerts.trusting("localhost").getSocketFactory()
                .createSocket("localhost", https)) {
            socket.setSoTimeout(20_000);
            socket.setEnabledProtocols(new String[] {"TLSv1.3"});
            socket.startHandshake();
            byte[] session = socket.getSession().getId();
            assertArrayEquals("hello".getBytes(StandardCharsets.US_ASCII), exchange(socket, "GET", "/hello", null));
            for (int update = 0; update < 3; update++) {
                socket.startHandshake();
                assertArrayEquals(body, exchange(socket, "POST", "/echo", body),
                        "a body of many records both ways after KeyUpdate " + (update + 1));
            }
            assertArrayEquals(session, socket.getSession().getId(), "a KeyUpdate is no new handshake");
        }
    }

    /** Sends one keep-alive request and reads its answer's body (framed by Content-Length). */
    private static byte[] exchange(SSLSocket socket, String method, String path, byte[] body) throws IOException {
        OutputStream out = socket.getOutputStream();
        String head = method + " " + path + " HTTP/1.1\r\nHost: localhost\r\n"
                + (body == null ? "" : "Content-Type: application/octet-stream\r\nContent-Length: " + body.length
                        + "\r\n") + "\r\n";
        out.write(head.getBytes(StandardCharsets.US_ASCII));
        if (body != null) {
            out.write(body);
        }
        out.flush();
        InputStream in = socket.getInputStream();
        ByteArrayOutputStream headBytes = new ByteArrayOutputStream();
        while (!headBytes.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("the connection ended in the answer's head: " + headBytes);
            }
            headBytes.write(b);
        }
        String answer = headBytes.toString(StandardCharsets.ISO_8859_1);
        assertTrue(answer.startsWith("HTTP/1.1 200 "), answer);
        Matcher length = Pattern.compile("(?i)\\r\\ncontent-length: *(\\d+)").matcher(answer);
        assertTrue(length.find(), answer);
        return in.readNBytes(Integer.parseInt(length.group(1)));
    }

    private static int count(Pattern pattern, String text) {
        return (int) pattern.matcher(text).results().count();
    }

    /** A process's output, gathered on a thread of its own so the test can wait for what it expects. */
    private static final class Output {
        private final StringBuffer text = new StringBuffer();

        Output(InputStream stream) {
            Thread.ofPlatform().daemon().start(() -> {
                byte[] buffer = new byte[8192];
                try {
                    for (int n; (n = stream.read(buffer)) > 0; ) {
                        text.append(new String(buffer, 0, n, StandardCharsets.ISO_8859_1));
                    }
                } catch (IOException ignored) {
                    // The process ended; what it wrote is kept.
                }
            });
        }

        String text() {
            return text.toString();
        }

        void await(Predicate<String> condition, String what) throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (!condition.test(text())) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("did not see " + what + " within 20 s: " + text());
                }
                Thread.sleep(20);
            }
        }
    }
}
