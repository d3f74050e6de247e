package dev.gyre.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gyre.server.Gyre;
import dev.gyre.server.GyreServer;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.KeyManagementException;
import java.security.NoSuchAlgorithmException;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLContextSpi;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLServerSocketFactory;
import javax.net.ssl.SSLSessionContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509ExtendedKeyManager;
import org.conscrypt.Conscrypt;
import org.junit.jupiter.api.Test;

/**
 * Conscrypt selects the certificate and signs inside {@code unwrap}/{@code wrap}, not in delegated tasks, so
 * the handshake's steps must leave the loop. The test wraps Conscrypt in a provider that records the thread on
 * which BoringSSL asks for the server's certificate: that call comes from the same native handshake step that
 * then signs the CertificateVerify. Every such thread must be a {@code gyre-tls-N} one, never a loop.
 */
class ConscryptHandshakeThreadsTest {
    private static final Set<String> choosingThreads = ConcurrentHashMap.newKeySet();

    @Test
    void everyHandshakeStepRunsOnTheTlsPool() throws Exception {
        Tls tls = TestCerts.tls("localhost").provider(new RecordingConscrypt());
        try (GyreServer server = Gyre.builder().loops(1).listen(0, tls).handlers(new TlsHandlers()).start()) {
            for (int i = 0; i < 5; i++) {
                HttpClient client = HttpClient.newBuilder().sslContext(TestCerts.trusting("localhost"))
                        .version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
                try (client) {
                    HttpResponse<String> r = client.send(HttpRequest.newBuilder(
                            URI.create("https://localhost:" + server.port() + "/tls")).build(),
                            HttpResponse.BodyHandlers.ofString());
                    assertEquals("https TLSv1.3 null localhost []", r.body());
                }
            }
        }
        assertFalse(choosingThreads.isEmpty(), "Conscrypt asked the key manager for a certificate");
        assertTrue(choosingThreads.stream().allMatch(name -> name.startsWith("gyre-tls-")),
                "the certificate was chosen (and the handshake signed) off the loop: " + choosingThreads);
    }

    /** Conscrypt's {@code SSLContext.TLS}, with a key manager that records who calls it. */
    private static final class RecordingConscrypt extends Provider {
        RecordingConscrypt() {
            super("RecordingConscrypt", "1", "Conscrypt, recording the threads that choose certificates");
            putService(new Service(this, "SSLContext", "TLS", RecordingContext.class.getName(), List.of(), Map.of()) {
                @Override
                public Object newInstance(Object constructorParameter) throws NoSuchAlgorithmException {
                    return new RecordingContext();
                }
            });
        }
    }

    private static final class RecordingContext extends SSLContextSpi {
        private final SSLContext conscrypt;

        RecordingContext() throws NoSuchAlgorithmException {
            conscrypt = SSLContext.getInstance("TLS", Conscrypt.newProvider());
        }

        @Override
        protected void engineInit(KeyManager[] km, TrustManager[] tm, SecureRandom random)
                throws KeyManagementException {
            conscrypt.init(new KeyManager[] {new RecordingKeyManager((X509ExtendedKeyManager) km[0])}, tm, random);
        }

        @Override
        protected SSLSocketFactory engineGetSocketFactory() {
            return conscrypt.getSocketFactory();
        }

        @Override
        protected SSLServerSocketFactory engineGetServerSocketFactory() {
            return conscrypt.getServerSocketFactory();
        }

        @Override
        protected SSLEngine engineCreateSSLEngine() {
            return conscrypt.createSSLEngine();
        }

        @Override
        protected SSLEngine engineCreateSSLEngine(String host, int port) {
            return conscrypt.createSSLEngine(host, port);
        }

        @Override
        protected SSLSessionContext engineGetServerSessionContext() {
            return conscrypt.getServerSessionContext();
        }

        @Override
        protected SSLSessionContext engineGetClientSessionContext() {
            return conscrypt.getClientSessionContext();
        }
    }

    private static final class RecordingKeyManager extends X509ExtendedKeyManager {
        private final X509ExtendedKeyManager keys;

        RecordingKeyManager(X509ExtendedKeyManager keys) {
            this.keys = keys;
        }

        @Override
        public String chooseEngineServerAlias(String keyType, Principal[] issuers, SSLEngine engine) {
            choosingThreads.add(Thread.currentThread().getName());
            return keys.chooseEngineServerAlias(keyType, issuers, engine);
        }

        @Override
        public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
            return keys.chooseServerAlias(keyType, issuers, socket);
        }

        @Override
        public String[] getServerAliases(String keyType, Principal[] issuers) {
            return keys.getServerAliases(keyType, issuers);
        }

        @Override
        public X509Certificate[] getCertificateChain(String alias) {
            return keys.getCertificateChain(alias);
        }

        @Override
        public PrivateKey getPrivateKey(String alias) {
            return keys.getPrivateKey(alias);
        }

        @Override
        public String[] getClientAliases(String keyType, Principal[] issuers) {
            return keys.getClientAliases(keyType, issuers);
        }

        @Override
        public String chooseClientAlias(String[] keyType, Principal[] issuers, Socket socket) {
            return keys.chooseClientAlias(keyType, issuers, socket);
        }
    }
}
