package dev.gyre.transport;

import dev.gyre.transport.internal.KeySource;
import dev.gyre.transport.internal.TlsSettings;
import java.nio.file.Path;
import java.security.Provider;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * How a listener speaks TLS: its certificates, client authentication and handshake timeout. Immutable; each
 * method returns a changed copy.
 *
 * <pre>{@code
 * Gyre.builder()
 *     .listen(8080)
 *     .listen(8443, Tls.pem(Path.of("cert.pem"), Path.of("key.pem"))
 *             .serverName("api.example.com", Tls.pem(Path.of("api.pem"), Path.of("api-key.pem")))
 *             .watchFiles(Duration.ofSeconds(10)))
 * }</pre>
 *
 * <p>What every TLS listener does, fixed: TLS 1.3 and 1.2 only; AEAD suites only (AES-GCM, ChaCha20-Poly1305,
 * ECDHE key exchange under TLS 1.2), in the server's order; ALPN {@code http/1.1} (a client offering no ALPN
 * gets HTTP/1.1 too); client-initiated renegotiation refused. See {@code docs/tls.md}.
 *
 * <p>The engines come from the JDK's own provider (SunJSSE) unless {@link #provider(Provider)} names another,
 * for example Conscrypt: {@code tls.provider(Conscrypt.newProvider())}.
 */
public final class Tls {
    /** How long a client may take to finish its handshake before it is closed. */
    public static final Duration DEFAULT_HANDSHAKE_TIMEOUT = Duration.ofSeconds(10);

    static {
        TlsSettings.install(tls -> new TlsSettings(tls.defaultKey, tls.byServerName, tls.clientAuth,
                tls.trustedCertificates, tls.handshakeTimeout, tls.watchInterval, tls.provider));
    }

    private final KeySource defaultKey;
    private final Map<String, KeySource> byServerName;
    private final ClientAuth clientAuth;
    private final Path trustedCertificates;
    private final Duration handshakeTimeout;
    private final Duration watchInterval;
    private final Provider provider;

    private Tls(KeySource defaultKey, Map<String, KeySource> byServerName, ClientAuth clientAuth,
                Path trustedCertificates, Duration handshakeTimeout, Duration watchInterval, Provider provider) {
        this.defaultKey = defaultKey;
        this.byServerName = Map.copyOf(byServerName);
        this.clientAuth = clientAuth;
        this.trustedCertificates = trustedCertificates;
        this.handshakeTimeout = handshakeTimeout;
        this.watchInterval = watchInterval;
        this.provider = provider;
    }

    /**
     * A certificate chain (PEM, leaf first) and its private key (PEM, unencrypted PKCS#8:
     * {@code -----BEGIN PRIVATE KEY-----}; RSA, EC or EdDSA). The files are read when the server starts and at
     * each reload.
     */
    public static Tls pem(Path certificateChain, Path privateKey) {
        return new Tls(new KeySource.Pem(Objects.requireNonNull(certificateChain), Objects.requireNonNull(privateKey)),
                Map.of(), ClientAuth.NONE, null, DEFAULT_HANDSHAKE_TIMEOUT, null, null);
    }

    /** The first key entry of a PKCS#12 key store, with the key protected by the store's password. */
    public static Tls pkcs12(Path keyStore, char[] password) {
        return new Tls(new KeySource.Pkcs12(Objects.requireNonNull(keyStore), password.clone()),
                Map.of(), ClientAuth.NONE, null, DEFAULT_HANDSHAKE_TIMEOUT, null, null);
    }

    /**
     * Serves the default certificate of {@code certificateOf} to clients that ask for {@code hostName} by SNI
     * ({@code *.example.com} matches one label); clients asking for another name, or none, get this one's.
     */
    public Tls serverName(String hostName, Tls certificateOf) {
        Map<String, KeySource> names = new LinkedHashMap<>(byServerName);
        names.put(hostName.toLowerCase(Locale.ROOT), certificateOf.defaultKey);
        return new Tls(defaultKey, names, clientAuth, trustedCertificates, handshakeTimeout, watchInterval, provider);
    }

    /**
     * Asks clients for a certificate signed by one of the authorities in {@code trustedCertificates} (PEM);
     * the chain a client presents is on {@code Request.tls()}.
     */
    public Tls clientAuth(ClientAuth mode, Path trustedCertificates) {
        Objects.requireNonNull(mode);
        if (mode != ClientAuth.NONE) {
            Objects.requireNonNull(trustedCertificates, "client authentication needs trusted certificates");
        }
        return new Tls(defaultKey, byServerName, mode, trustedCertificates, handshakeTimeout, watchInterval, provider);
    }

    /** How long a handshake may take; default {@link #DEFAULT_HANDSHAKE_TIMEOUT}. */
    public Tls handshakeTimeout(Duration timeout) {
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("the handshake timeout must be positive: " + timeout);
        }
        return new Tls(defaultKey, byServerName, clientAuth, trustedCertificates, timeout, watchInterval, provider);
    }

    /**
     * Looks at the key and certificate files every {@code interval} and reloads when one changed (as
     * {@code GyreServer.reloadTls()} does). Off by default.
     */
    public Tls watchFiles(Duration interval) {
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("the watch interval must be positive: " + interval);
        }
        return new Tls(defaultKey, byServerName, clientAuth, trustedCertificates, handshakeTimeout, interval, provider);
    }

    /**
     * Makes the listener's {@code SSLContext} with {@code jsseProvider} instead of the JDK's, for example
     * {@code Conscrypt.newProvider()} (the application adds {@code org.conscrypt:conscrypt-openjdk-uber}). A
     * provider other than the JDK's SunJSSE runs each handshake step, {@code wrap} and {@code unwrap}
     * included, on the {@code gyre-tls-N} pool: such a provider (Conscrypt does) may sign and agree keys
     * inside those calls rather than in delegated tasks, and the loop must not. Protocols, suites, ALPN and
     * client authentication stay as above; the provider must offer {@code SSLContext.getInstance("TLS")}.
     */
    public Tls provider(Provider jsseProvider) {
        Objects.requireNonNull(jsseProvider);
        if (jsseProvider.getService("SSLContext", "TLS") == null) {
            throw new IllegalArgumentException("the provider " + jsseProvider.getName() + " offers no SSLContext TLS");
        }
        return new Tls(defaultKey, byServerName, clientAuth, trustedCertificates, handshakeTimeout, watchInterval,
                jsseProvider);
    }
}
