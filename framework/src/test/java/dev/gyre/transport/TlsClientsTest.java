package dev.gyre.transport;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gyre.handler.NonBlocking;
import dev.gyre.server.Gyre;
import dev.gyre.server.GyreServer;
import dev.gyre.ws.OnText;
import dev.gyre.ws.WebSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Real TLS clients against one server with a cleartext and a TLS listener: curl, openssl, the JDK's. */
class TlsClientsTest {
    private static final TlsHandlers handlers = new TlsHandlers();
    private static GyreServer server;
    private static int https;
    private static int http;
    private static HttpClient client;

    @WebSocket("/ws/echo")
    public static final class Echo {
        @OnText
        @NonBlocking
        public String text(String message) {
            return message;
        }
    }

    @BeforeAll
    static void start() {
        server = Gyre.builder().loops(2).listen(0).listen(0, TestCerts.tls("localhost"))
                .handlers(handlers, new Echo()).start();
        http = server.addresses().get(0).getPort();
        https = server.addresses().get(1).getPort();
        client = HttpClient.newBuilder().sslContext(TestCerts.trusting("localhost"))
                .version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
    }

    @AfterAll
    static void stop() {
        client.shutdownNow();
        server.stop();
    }

    private static URI https(String path) {
        return URI.create("https://localhost:" + https + path);
    }

    @Test
    void serverReportsEachListenersUrl() {
        assertEquals(List.of("http://127.0.0.1:" + http, "https://127.0.0.1:" + https), server.urls());
    }

    @Test
    void jdkClientGetsTheNegotiatedSessionOnTheRequest() throws Exception {
        HttpResponse<String> r = client.send(HttpRequest.newBuilder(https("/tls")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode());
        assertEquals("https TLSv1.3 null localhost []", r.body(), "the JDK client asks for HTTP/1.1 without ALPN");
    }

    @Test
    void handshakeTasksRunOnTheTlsPoolNotOnTheLoop() throws Exception {
        client.send(HttpRequest.newBuilder(https("/hello")).build(), HttpResponse.BodyHandlers.ofString());
        assertTrue(Thread.getAllStackTraces().keySet().stream().anyMatch(t -> t.getName().startsWith("gyre-tls-")),
                "the pool starts its threads for the engine's delegated tasks only (no file watch here)");
    }

    @Test
    void cleartextListenerOfTheSameServerSeesNoTls() throws Exception {
        HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + http + "/tls"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertEquals("http cleartext", r.body());
    }

    @Test
    void largeBodiesCrossManyRecordsBothWays() throws Exception {
        byte[] body = new byte[2 * 1024 * 1024 + 5];
        new Random(1).nextBytes(body);
        for (int i = 0; i < 3; i++) {
            HttpResponse<byte[]> r = client.send(HttpRequest.newBuilder(https("/echo"))
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofByteArray());
            assertArrayEquals(body, r.body());
        }
    }

    @Test
    void filesAreEncryptedThroughTheBoundedBuffer() throws Exception {
        HttpResponse<byte[]> r = client.send(HttpRequest.newBuilder(https("/file")).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertArrayEquals(Files.readAllBytes(handlers.file), r.body());
    }

    @Test
    void serverSentEventsFlowOverTls() throws Exception {
        HttpResponse<String> r = client.send(HttpRequest.newBuilder(https("/events")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals("text/event-stream", r.headers().firstValue("Content-Type").orElse("").split(";")[0]);
        assertEquals("data: tick 0\n\ndata: tick 1\n\ndata: tick 2\n\n", r.body());
    }

    @Test
    void curlWithTheCertificateAsItsAuthority() throws Exception {
        Commands.assumeInstalled("curl");
        Commands.Result r = Commands.run("curl", "-sS", "--fail", "--max-time", "20", "--http1.1",
                "--cacert", TestCerts.cert("localhost").toString(),
                "--resolve", "localhost:" + https + ":127.0.0.1", "https://localhost:" + https + "/tls");
        assertEquals(0, r.exit(), r.output());
        assertEquals("https TLSv1.3 http/1.1 localhost []", r.output());
    }

    @Test
    void curlInsecureOverTls12() throws Exception {
        Commands.assumeInstalled("curl");
        Commands.Result r = Commands.run("curl", "-sS", "--fail", "--max-time", "20", "-k", "--tlsv1.2",
                "--tls-max", "1.2", "https://127.0.0.1:" + https + "/tls");
        assertEquals(0, r.exit(), r.output());
        assertEquals("https TLSv1.2 h2 null []", r.output(), "curl offers h2 first, and gets it");
    }

    private static Commands.Result sClient(String... options) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of("openssl", "s_client", "-connect",
                "127.0.0.1:" + https, "-servername", "localhost"));
        command.addAll(List.of(options));
        return Commands.run(command, "");
    }

    @Test
    void opensslAcceptsTls13AndTls12() throws Exception {
        Commands.Result v13 = sClient("-tls1_3");
        assertEquals(0, v13.exit(), v13.output());
        // BoringSSL's TLS 1.3 suites are fixed and picked in the client's order (openssl's starts with AES-256).
        String suite13 = TestCerts.conscrypt() ? "TLS_AES_256_GCM_SHA384" : "TLS_AES_128_GCM_SHA256";
        assertTrue(v13.output().contains("New, TLSv1.3, Cipher is " + suite13), v13.output());
        Commands.Result v12 = sClient("-tls1_2");
        assertEquals(0, v12.exit(), v12.output());
        assertTrue(v12.output().contains("New, TLSv1.2, Cipher is ECDHE-ECDSA-AES128-GCM-SHA256"), v12.output());
    }

    @Test
    void opensslIsRefusedTls11AndTls10() throws Exception {
        for (String version : List.of("-tls1_1", "-tls1")) {
            Commands.Result r = sClient(version, "-cipher", "DEFAULT@SECLEVEL=0");
            assertNotEquals(0, r.exit(), r.output());
            assertTrue(r.output().contains("alert protocol version"), version + ": " + r.output());
        }
    }

    @Test
    void opensslSeesTheAlpnResult() throws Exception {
        Commands.Result offered = sClient("-alpn", "h2,http/1.1");
        assertTrue(offered.output().contains("ALPN protocol: h2"), offered.output());
        Commands.Result http11 = sClient("-alpn", "http/1.1");
        assertTrue(http11.output().contains("ALPN protocol: http/1.1"), http11.output());
        Commands.Result none = sClient();
        assertTrue(none.output().contains("No ALPN negotiated"), none.output());
        Commands.Result unknownOnly = sClient("-alpn", "spdy/3");
        if (TestCerts.conscrypt()) {
            // Conscrypt 2.5.2 cannot make BoringSSL send the alert: the handshake completes without ALPN.
            assertEquals(0, unknownOnly.exit(), unknownOnly.output());
            assertTrue(unknownOnly.output().contains("No ALPN negotiated"), unknownOnly.output());
        } else {
            assertNotEquals(0, unknownOnly.exit(), unknownOnly.output());
            assertTrue(unknownOnly.output().contains("no application protocol"), unknownOnly.output());
        }
    }

    @Test
    void opensslGetsAnAnswerAndCloseNotify() throws Exception {
        Commands.Result r = Commands.run(List.of("openssl", "s_client", "-connect", "127.0.0.1:" + https,
                "-quiet", "-ign_eof"), "GET /hello HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
        assertTrue(r.output().contains("HTTP/1.1 200 OK"), r.output());
        assertTrue(r.output().endsWith("hello"), r.output());
        assertEquals(0, r.exit(), "s_client saw a clean close (close_notify): " + r.output());
    }

    @Test
    void wssEchoesWithTheJdkWebSocketClient() throws Exception {
        CompletableFuture<String> received = new CompletableFuture<>();
        CompletableFuture<Integer> closed = new CompletableFuture<>();
        StringBuilder text = new StringBuilder();
        java.net.http.WebSocket ws = client.newWebSocketBuilder().buildAsync(
                URI.create("wss://localhost:" + https + "/ws/echo"), new java.net.http.WebSocket.Listener() {
                    @Override
                    public CompletionStage<?> onText(java.net.http.WebSocket socket, CharSequence data, boolean last) {
                        text.append(data);
                        if (last) {
                            received.complete(text.toString());
                        }
                        socket.request(1);
                        return null;
                    }

                    @Override
                    public CompletionStage<?> onClose(java.net.http.WebSocket socket, int code, String reason) {
                        closed.complete(code);
                        return null;
                    }
                }).get(10, TimeUnit.SECONDS);
        String big = "x".repeat(100_000);
        ws.sendText(big, true).get(10, TimeUnit.SECONDS);
        String echoed = received.get(10, TimeUnit.SECONDS);
        assertTrue(big.equals(echoed), "echoed " + echoed.length() + " characters");
        ws.sendClose(1000, "done").get(10, TimeUnit.SECONDS);
        assertEquals(1000, closed.get(10, TimeUnit.SECONDS));
    }
}
