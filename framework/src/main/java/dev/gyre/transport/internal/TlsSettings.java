package dev.gyre.transport.internal;

import dev.gyre.http.internal.Lent;
import dev.gyre.transport.ClientAuth;
import dev.gyre.transport.Tls;
import java.nio.file.Path;
import java.security.Provider;
import java.time.Duration;
import java.util.Map;
import java.util.function.Function;

/**
 * What a {@link Tls} asks of a listener, as the TLS engine here reads it. {@code Tls} is the application's
 * builder of these settings and shows none of them; it lends the function that reads them out here when it is
 * initialised, and this package is not exported. Immutable.
 *
 * @param defaultKey          the certificate and key for a client that names no host, or one with none of its own
 * @param byServerName        the certificate and key per SNI host name, lower case
 * @param clientAuth          whether clients are asked for a certificate
 * @param trustedCertificates the CA certificates a client certificate must chain to, or {@code null}
 * @param handshakeTimeout    how long a handshake may take
 * @param watchInterval       how often the files are checked for a change, or {@code null} for never
 * @param provider            the provider of the engines, or {@code null} for the JDK's default
 */
public record TlsSettings(KeySource defaultKey, Map<String, KeySource> byServerName, ClientAuth clientAuth,
                          Path trustedCertificates, Duration handshakeTimeout, Duration watchInterval,
                          Provider provider) {
    private static final Lent<Function<Tls, TlsSettings>> READER = new Lent<>(Tls.class);

    /** Called once, by {@link Tls}'s static initialiser. */
    public static void install(Function<Tls, TlsSettings> reader) {
        READER.lend(reader);
    }

    /** The settings {@code tls} holds. */
    public static TlsSettings of(Tls tls) {
        return READER.get().apply(tls);
    }
}
