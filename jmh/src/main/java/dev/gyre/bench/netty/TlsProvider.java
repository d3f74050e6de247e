package dev.gyre.bench.netty;

import io.netty.handler.ssl.SslProvider;
import java.security.Provider;
import org.conscrypt.Conscrypt;

/**
 * The JSSE provider behind the reference server's {@code SSLEngine}s. Both run through Netty's
 * {@link SslProvider#JDK} path ({@code JdkSslContext}, {@code SslHandler}), so the provider is the only
 * difference between them.
 *
 * <p>{@link #JDK} is the JDK's own SunJSSE, which Gyre uses: the like-for-like rival. {@link #CONSCRYPT} is
 * Google's BoringSSL-backed provider, asked for by issue 12 to see whether an optional provider would pay.
 */
enum TlsProvider {
    JDK {
        @Override
        Provider provider() {
            return null;
        }
    },
    CONSCRYPT {
        @Override
        Provider provider() {
            return Conscrypt.newProvider();
        }
    };

    /** The provider to hand {@code SslContextBuilder.sslContextProvider}, or {@code null} for the JDK's default. */
    abstract Provider provider();
}
