package dev.gyre.transport.internal;

import dev.gyre.transport.internal.KeySource.KeyEntry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;

/**
 * The current {@link SSLContext} of a TLS listener and the rules every engine made from it follows. A
 * reload builds a whole new context from the files and swaps it in: engines made before keep the old one
 * (existing connections keep their certificates), engines made after use the new one. A failed reload
 * changes nothing.
 */
final class TlsContext {
    /**
     * The ALPN protocols the server speaks, in its order of preference. A client offering none of them fails
     * the handshake ({@code no_application_protocol}, RFC 7301 §3.2); one offering no ALPN at all gets
     * HTTP/1.1. {@code h2} comes first, so a client offering both speaks HTTP/2.
     */
    static final List<String> APPLICATION_PROTOCOLS = List.of("h2", "http/1.1");
    static final List<String> PROTOCOLS = List.of("TLSv1.3", "TLSv1.2");
    /** AEAD only; ECDHE for forward secrecy under TLS 1.2. The server's order, strongest-and-fastest first. */
    static final List<String> CIPHER_SUITES = List.of(
            "TLS_AES_128_GCM_SHA256", "TLS_AES_256_GCM_SHA384", "TLS_CHACHA20_POLY1305_SHA256",
            "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256", "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256",
            "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384", "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384",
            "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256", "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256");

    /**
     * Makes the JDK refuse a TLS 1.2 client's renegotiation with a fatal {@code handshake_failure} alert. The
     * property is JVM-wide and read once, when the JDK first runs a server handshake, so it is set here,
     * before Gyre's first engine, and only when the application has not set it either way.
     */
    static final String JDK_PROVIDER = "SunJSSE";

    static final String REJECT_RENEGOTIATION = "jdk.tls.rejectClientInitiatedRenegotiation";

    static {
        if (System.getProperty(REJECT_RENEGOTIATION) == null) {
            System.setProperty(REJECT_RENEGOTIATION, "true");
        }
    }

    private final TlsSettings tls;
    private volatile SSLContext current;

    TlsContext(TlsSettings tls) {
        this.tls = tls;
        this.current = build(tls);
    }

    /** Reads the files again and swaps the context in. */
    void reload() {
        current = build(tls);
    }

    /** Every file the context was built from. */
    List<Path> files() {
        List<Path> files = new ArrayList<>(tls.defaultKey().files());
        tls.byServerName().values().forEach(source -> files.addAll(source.files()));
        if (tls.trustedCertificates() != null) {
            files.add(tls.trustedCertificates());
        }
        return files;
    }

    SSLEngine newEngine() {
        SSLEngine engine = current.createSSLEngine();
        engine.setUseClientMode(false);
        SSLParameters parameters = engine.getSSLParameters();
        parameters.setProtocols(supported(PROTOCOLS, engine.getSupportedProtocols()));
        parameters.setCipherSuites(supported(CIPHER_SUITES, engine.getSupportedCipherSuites()));
        parameters.setUseCipherSuitesOrder(true);
        parameters.setApplicationProtocols(APPLICATION_PROTOCOLS.toArray(String[]::new));
        switch (tls.clientAuth()) {
            case NONE -> parameters.setNeedClientAuth(false);
            case REQUESTED -> parameters.setWantClientAuth(true);
            case REQUIRED -> parameters.setNeedClientAuth(true);
        }
        engine.setSSLParameters(parameters);
        return engine;
    }

    /**
     * Whether each handshake step must run on the TLS pool: a provider other than the JDK's may do its key
     * exchange and signatures inside {@code wrap}/{@code unwrap} instead of in delegated tasks.
     */
    boolean handshakeOffLoop() {
        return tls.provider() != null && !JDK_PROVIDER.equals(tls.provider().getName());
    }

    TlsSettings settings() {
        return tls;
    }

    private static String[] supported(List<String> wanted, String[] available) {
        List<String> have = Arrays.asList(available);
        return wanted.stream().filter(have::contains).toArray(String[]::new);
    }

    private static SSLContext build(TlsSettings tls) {
        String reading = String.valueOf(tls.defaultKey());
        try {
            KeyEntry defaultEntry = tls.defaultKey().load();
            Map<String, KeyEntry> byName = new HashMap<>();
            for (Map.Entry<String, KeySource> e : tls.byServerName().entrySet()) {
                reading = String.valueOf(e.getValue());
                byName.put(e.getKey(), e.getValue().load());
            }
            TrustManager[] trust = null;
            if (tls.trustedCertificates() != null) {
                reading = String.valueOf(tls.trustedCertificates());
                TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
                factory.init(PemFiles.trustStore(tls.trustedCertificates()));
                trust = factory.getTrustManagers();
            }
            SSLContext context = tls.provider() == null ? SSLContext.getInstance("TLS")
                    : SSLContext.getInstance("TLS", tls.provider());
            context.init(new KeyManager[] {new SniKeyManager(defaultEntry, byName)}, trust, null);
            return context;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read TLS files (" + reading + "): " + e.getMessage(), e);
        } catch (GeneralSecurityException | RuntimeException e) {
            throw new IllegalArgumentException("cannot use TLS files (" + reading + "): " + e.getMessage(), e);
        }
    }
}
