package dev.gyre.sample;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.gyre.server.GyreServer;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The sample app started as docs/tls.md says, with a self-signed certificate made by openssl: every route
 * answers over HTTPS beside the cleartext port, and the TLS options go together.
 */
class SampleHttpsTest {
    private static SelfSignedCertificate certificate;
    private static GyreServer server;
    private static HttpClient client;
    private static int https;

    @BeforeAll
    static void start() throws Exception {
        certificate = SelfSignedCertificate.make();
        SampleApp.Options options = certificate.options();
        server = SampleApp.start(options);
        https = server.addresses().get(1).getPort();
        client = HttpClient.newBuilder().sslContext(trusting(certificate.cert()))
                .connectTimeout(Duration.ofSeconds(5)).build();
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            client.shutdownNow();
            server.stop(Duration.ofSeconds(1));
        }
    }

    private static SSLContext trusting(Path cert) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        try (InputStream in = Files.newInputStream(cert)) {
            store.setCertificateEntry("sample", CertificateFactory.getInstance("X.509").generateCertificate(in));
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(store);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, tmf.getTrustManagers(), null);
        return context;
    }

    private static URI https(String path) {
        return URI.create("https://localhost:" + https + path);
    }

    @Test
    void bothListenersServeEveryRoute() throws Exception {
        assertEquals(2, server.urls().size());
        assertTrue(server.urls().get(1).startsWith("https://"));
        for (URI uri : List.of(https("/plaintext"), URI.create(server.urls().get(0) + "/plaintext"))) {
            assertEquals("Hello, World!", client.send(HttpRequest.newBuilder(uri).build(),
                    HttpResponse.BodyHandlers.ofString()).body());
        }
        HttpResponse<String> created = client.send(HttpRequest.newBuilder(https("/items"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"pen\",\"price\":2.5}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(201, created.statusCode(), created.body());
        assertEquals(200, client.send(HttpRequest.newBuilder(https("/openapi.json")).build(),
                HttpResponse.BodyHandlers.ofString()).statusCode());
    }

    @Test
    void curlReadsTheSseClockOverHttps() throws Exception {
        Process curl;
        try {
            curl = new ProcessBuilder("curl", "-sS", "-N", "--max-time", "20", "--cacert",
                    certificate.cert().toString(), "https://localhost:" + https + "/events/clock")
                    .redirectErrorStream(true).start();
        } catch (java.io.IOException notInstalled) {
            assumeTrue(false, "curl is not installed");
            return;
        }
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(curl.getInputStream(),
                StandardCharsets.UTF_8))) {
            String line = lines.readLine();
            assertTrue(line != null && line.startsWith("data:") || line != null && line.startsWith("event:")
                    || line != null && line.startsWith("id:"), "an event arrived: " + line);
        } finally {
            curl.destroyForcibly();
            curl.waitFor(5, TimeUnit.SECONDS);
        }
    }

    @Test
    void conscryptServesTheHttpsPortWhenAskedFor() throws Exception {
        SampleApp.Options options = SampleApp.Options.parse(new String[] {"--port", "0", "--loops", "1",
                "--https-port", "0", "--tls-cert", certificate.cert().toString(), "--tls-key",
                certificate.key().toString(), "--tls-provider", "conscrypt"}, null);
        assertTrue(options.https().conscrypt());
        GyreServer onConscrypt = SampleApp.start(options);
        try {
            URI uri = URI.create("https://localhost:" + onConscrypt.addresses().get(1).getPort() + "/plaintext");
            HttpResponse<String> r = client.send(HttpRequest.newBuilder(uri).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals("Hello, World!", r.body());
            // The JDK's client offers AES-256 first: BoringSSL takes the client's order, the JDK its own.
            assertEquals("TLS_AES_256_GCM_SHA384", r.sslSession().orElseThrow().getCipherSuite());
            HttpResponse<String> onJdk = client.send(HttpRequest.newBuilder(https("/plaintext")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals("TLS_AES_128_GCM_SHA256", onJdk.sslSession().orElseThrow().getCipherSuite());
        } finally {
            onConscrypt.stop(Duration.ofSeconds(1));
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SampleApp.Options.parse(
                new String[] {"--tls-provider", "boringssl"}, null));
        assertTrue(e.getMessage().contains("jdk or conscrypt"), e.getMessage());
    }

    @Test
    void theTlsOptionsGoTogether() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SampleApp.Options.parse(new String[] {"--https-port", "8443"}, null));
        assertTrue(e.getMessage().contains("go together"), e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> SampleApp.Options.parse(new String[] {"--tls-provider", "conscrypt"}, null));
        assertEquals(null, SampleApp.Options.parse(new String[] {"--port", "1"}, null).https());
    }
}
