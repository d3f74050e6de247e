package dev.gyre.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gyre.server.Gyre;
import dev.gyre.server.GyreServer;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which certificate a handshake sees: SNI, reloads, file watches, PKCS#12, client certificates, bad files. */
class TlsCertificatesTest {

    /** Trusts anything, recording nothing: the tests read the chain from the session. Test-only. */
    private static final X509TrustManager TRUST_ALL = new X509TrustManager() {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    };

    private static SSLSocket connect(int port, String serverName, SSLContext context) throws Exception {
        SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket("127.0.0.1", port);
        socket.setSoTimeout(10_000);
        if (serverName != null) {
            SSLParameters parameters = socket.getSSLParameters();
            parameters.setServerNames(List.of(new SNIHostName(serverName)));
            socket.setSSLParameters(parameters);
        }
        socket.startHandshake();
        return socket;
    }

    private static SSLContext client(KeyManagerFactory keys) throws Exception {
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keys == null ? null : keys.getKeyManagers(), new TrustManager[] {TRUST_ALL}, null);
        return context;
    }

    /** The common name of the certificate the server presents to a handshake asking for {@code serverName}. */
    private static String servedName(int port, String serverName) throws Exception {
        try (SSLSocket socket = connect(port, serverName, client(null))) {
            return commonName((X509Certificate) socket.getSession().getPeerCertificates()[0]);
        }
    }

    private static String commonName(X509Certificate c) {
        return c.getSubjectX500Principal().getName().replaceFirst("^CN=", "");
    }

    /** One request on an open TLS socket; returns the body. */
    private static String get(SSLSocket socket, String path) throws Exception {
        OutputStream out = socket.getOutputStream();
        out.write(("GET " + path + " HTTP/1.1\r\nHost: x\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
        InputStream in = socket.getInputStream();
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            head.append((char) in.read());
        }
        int length = Integer.parseInt(head.toString().replaceAll("(?s).*Content-Length: (\\d+).*", "$1"));
        return new String(in.readNBytes(length), StandardCharsets.UTF_8);
    }

    /** Puts the test pair {@code name} at {@code cert.pem} and {@code key.pem} in {@code dir}, replacing them. */
    private static void replacePair(Path dir, String name) throws Exception {
        Files.copy(TestCerts.cert(name), dir.resolve("cert.pem"), StandardCopyOption.REPLACE_EXISTING);
        Files.copy(TestCerts.key(name), dir.resolve("key.pem"), StandardCopyOption.REPLACE_EXISTING);
    }

    /** A server whose TLS files are copies of the localhost pair in {@code dir}, which the test may replace. */
    private static GyreServer startOnCopies(Path dir, java.util.function.UnaryOperator<Tls> configure)
            throws Exception {
        replacePair(dir, "localhost");
        Tls tls = configure.apply(TestCerts.onTestedProvider(Tls.pem(dir.resolve("cert.pem"), dir.resolve("key.pem"))));
        return Gyre.builder().loops(1).listen(0, tls).handlers(new TlsHandlers()).start();
    }

    @Test
    void sniPicksTheCertificateAndFallsBackToTheDefault() throws Exception {
        Tls tls = TestCerts.tls("localhost").serverName("other.test", TestCerts.tls("other"))
                .serverName("*.wild.test", TestCerts.tls("other"));
        try (GyreServer server = Gyre.builder().loops(1).listen(0, tls).handlers(new TlsHandlers()).start()) {
            assertEquals("other.test", servedName(server.port(), "other.test"));
            assertEquals("other.test", servedName(server.port(), "OTHER.test"));
            assertEquals("other.test", servedName(server.port(), "a.wild.test"));
            assertEquals("localhost", servedName(server.port(), "a.b.wild.test"), "a wildcard spans one label");
            assertEquals("localhost", servedName(server.port(), "localhost"));
            assertEquals("localhost", servedName(server.port(), "unknown.test"));
            assertEquals("localhost", servedName(server.port(), null));
            try (SSLSocket socket = connect(server.port(), "other.test", client(null))) {
                assertTrue(get(socket, "/tls").contains(" other.test "), "the request sees the SNI name");
            }
        }
    }

    @Test
    void reloadServesTheNewCertificateToNewHandshakesOnly(@TempDir Path dir) throws Exception {
        try (GyreServer server = startOnCopies(dir, tls -> tls);
             SSLSocket before = connect(server.port(), null, client(null))) {
            assertEquals("localhost", servedName(server.port(), null));
            replacePair(dir, "other");
            assertEquals("localhost", servedName(server.port(), null), "nothing changes before the reload");
            server.reloadTls();
            assertEquals("other.test", servedName(server.port(), null));
            assertEquals("hello", get(before, "/hello"), "the connection made before still works");
            assertEquals("localhost", commonName((X509Certificate) before.getSession().getPeerCertificates()[0]));
        }
    }

    @Test
    void aFailedReloadKeepsTheCurrentCertificate(@TempDir Path dir) throws Exception {
        try (GyreServer server = startOnCopies(dir, tls -> tls)) {
            Files.copy(TestCerts.key("other"), dir.resolve("key.pem"), StandardCopyOption.REPLACE_EXISTING);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, server::reloadTls);
            assertTrue(e.getMessage().contains("is not the key of the first certificate"), e.getMessage());
            assertEquals("localhost", servedName(server.port(), null));
        }
    }

    @Test
    void theFileWatchReloadsAfterAChange(@TempDir Path dir) throws Exception {
        try (GyreServer server = startOnCopies(dir, tls -> tls.watchFiles(Duration.ofMillis(100)))) {
            assertEquals("localhost", servedName(server.port(), null));
            Path stagedCert = dir.resolve("cert.new");
            Path stagedKey = dir.resolve("key.new");
            Files.copy(TestCerts.cert("other"), stagedCert);
            Files.copy(TestCerts.key("other"), stagedKey);
            Files.move(stagedKey, dir.resolve("key.pem"), StandardCopyOption.REPLACE_EXISTING,
                    StandardCopyOption.ATOMIC_MOVE);
            Files.move(stagedCert, dir.resolve("cert.pem"), StandardCopyOption.REPLACE_EXISTING,
                    StandardCopyOption.ATOMIC_MOVE);
            long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
            String served = "localhost";
            while (!served.equals("other.test") && System.nanoTime() < deadline) {
                Thread.sleep(100);
                served = servedName(server.port(), null);
            }
            assertEquals("other.test", served);
        }
    }

    @Test
    void pkcs12KeyStoreServes() throws Exception {
        Tls tls = TestCerts.onTestedProvider(Tls.pkcs12(TestCerts.DIR.resolve("localhost.p12"), "secret".toCharArray()));
        try (GyreServer server = Gyre.builder().loops(1).listen(0, tls).handlers(new TlsHandlers()).start()) {
            assertEquals("localhost", servedName(server.port(), null));
        }
    }

    @Test
    void aTraditionalOpensslKeyIsRefusedWithTheCommandThatConvertsIt() {
        Tls tls = Tls.pem(TestCerts.cert("other"), TestCerts.DIR.resolve("rsa-traditional.pem"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Gyre.builder().loops(1).listen(0, tls).handlers(new TlsHandlers()).start());
        assertTrue(e.getMessage().contains("openssl pkcs8 -topk8 -nocrypt"), e.getMessage());
    }

    @Test
    void anRsaKeyServesToo() throws Exception {
        try (GyreServer server = Gyre.builder().loops(1).listen(0, TestCerts.tls("other")).handlers(new TlsHandlers())
                .start()) {
            assertEquals("other.test", servedName(server.port(), null));
        }
    }

    private static KeyManagerFactory clientKeys() throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(TestCerts.DIR.resolve("client.p12"))) {
            store.load(in, "secret".toCharArray());
        }
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(store, "secret".toCharArray());
        return kmf;
    }

    @Test
    void requiredClientAuthenticationRefusesClientsWithoutACertificate() throws Exception {
        Tls tls = TestCerts.tls("localhost").clientAuth(ClientAuth.REQUIRED, TestCerts.cert("ca"));
        try (GyreServer server = Gyre.builder().loops(1).listen(0, tls).handlers(new TlsHandlers()).start()) {
            try (SSLSocket socket = connect(server.port(), null, client(clientKeys()))) {
                assertEquals("https TLSv1.3 null null [CN=client]", get(socket, "/tls"));
            }
            assertThrows(java.io.IOException.class, () -> {
                try (SSLSocket anonymous = connect(server.port(), null, client(null))) {
                    get(anonymous, "/tls");
                }
            });
            Commands.Result r = Commands.run(List.of("openssl", "s_client", "-connect", "127.0.0.1:" + server.port(),
                    "-cert", TestCerts.cert("localhost").toString(), "-key", TestCerts.key("localhost").toString(),
                    "-quiet"), "GET /tls HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
            assertTrue(!r.output().contains("200 OK"), "a certificate from an unknown authority is refused: " + r.output());
        }
    }

    @Test
    void requestedClientAuthenticationServesClientsWithoutACertificate() throws Exception {
        Tls tls = TestCerts.tls("localhost").clientAuth(ClientAuth.REQUESTED, TestCerts.cert("ca"));
        try (GyreServer server = Gyre.builder().loops(1).listen(0, tls).handlers(new TlsHandlers()).start()) {
            try (SSLSocket anonymous = connect(server.port(), null, client(null))) {
                assertEquals("https TLSv1.3 null null []", get(anonymous, "/tls"));
            }
            try (SSLSocket socket = connect(server.port(), null, client(clientKeys()))) {
                assertEquals("https TLSv1.3 null null [CN=client]", get(socket, "/tls"));
            }
        }
    }

    @Test
    void handshakeFailuresAreTheClientsOnly() throws Exception {
        try (GyreServer server = Gyre.builder().loops(1).listen(0, TestCerts.tls("localhost"))
                .handlers(new TlsHandlers()).start();
             HttpClient strictClient = HttpClient.newBuilder().sslContext(TestCerts.trusting("other")).build()) {
            assertThrows(SSLHandshakeException.class, () -> strictClient.send(
                    HttpRequest.newBuilder(java.net.URI.create("https://localhost:" + server.port() + "/hello")).build(),
                    HttpResponse.BodyHandlers.ofString()));
            assertEquals("localhost", servedName(server.port(), null));
        }
    }
}
