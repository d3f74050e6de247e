package dev.gyre.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gyre.middleware.Hsts;
import dev.gyre.middleware.HttpsRedirect;
import dev.gyre.server.Gyre;
import dev.gyre.server.GyreServer;
import java.io.InputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The cleartext listener redirects to the TLS one, which alone sends HSTS; curl follows the redirect. */
class HstsAndRedirectTest {
    private static GyreServer server;
    private static int http;
    private static int https;
    private static HttpClient client;

    @BeforeAll
    static void start() throws Exception {
        int httpsPort;
        try (java.net.ServerSocket free = new java.net.ServerSocket(0)) {
            httpsPort = free.getLocalPort();
        }
        server = Gyre.builder().loops(1).listen(0).listen(httpsPort, TestCerts.tls("localhost"))
                .filter(HttpsRedirect.toPort(httpsPort))
                .filter(Hsts.maxAge(Duration.ofDays(365)).includeSubDomains())
                .handlers(new TlsHandlers()).start();
        http = server.addresses().get(0).getPort();
        https = server.addresses().get(1).getPort();
        client = HttpClient.newBuilder().sslContext(TestCerts.trusting("localhost"))
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    @AfterAll
    static void stop() {
        client.shutdownNow();
        server.stop();
    }

    @Test
    void cleartextIsRedirectedWithTheTargetAndWithoutHsts() throws Exception {
        HttpResponse<String> r = client.send(HttpRequest.newBuilder(
                URI.create("http://localhost:" + http + "/tls?x=1")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(308, r.statusCode());
        assertEquals("https://localhost:" + https + "/tls?x=1", r.headers().firstValue("Location").orElseThrow());
        assertTrue(r.headers().firstValue("Strict-Transport-Security").isEmpty());
    }

    @Test
    void tlsResponsesCarryHsts() throws Exception {
        HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create("https://localhost:" + https + "/hello"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertEquals("hello", r.body());
        assertEquals("max-age=31536000; includeSubDomains",
                r.headers().firstValue("Strict-Transport-Security").orElseThrow());
    }

    @Test
    void aHostThatIsNotAHostNameIsRefusedRatherThanRedirected() throws Exception {
        try (Socket s = new Socket("127.0.0.1", http)) {
            s.getOutputStream().write("GET / HTTP/1.1\r\nHost: evil.test/@x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            InputStream in = s.getInputStream();
            String status = new String(in.readNBytes(12), StandardCharsets.US_ASCII);
            assertEquals("HTTP/1.1 400", status);
        }
    }

    @Test
    void curlFollowsTheRedirectToHttps() throws Exception {
        Commands.assumeInstalled("curl");
        Commands.Result r = Commands.run("curl", "-sS", "--fail", "-L", "--max-time", "20",
                "--cacert", TestCerts.cert("localhost").toString(), "http://localhost:" + http + "/tls");
        assertEquals(0, r.exit(), r.output());
        assertTrue(r.output().startsWith("https TLSv1.3 h2 localhost"), r.output());
    }
}
