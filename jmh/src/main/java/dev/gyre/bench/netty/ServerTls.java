package dev.gyre.bench.netty;

import io.netty.handler.ssl.ApplicationProtocolConfig;
import io.netty.handler.ssl.ApplicationProtocolNames;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import java.util.List;
import javax.net.ssl.SSLException;

/**
 * The reference server's TLS context, configured as Gyre's listeners are (docs/tls.md): TLS 1.3 and 1.2 and
 * the same AEAD suites in the same order.
 * Netty's defaults are otherwise kept (session cache and tickets included, as the JDK keeps them for Gyre).
 */
final class ServerTls {
    private static final List<String> PROTOCOLS = List.of("TLSv1.3", "TLSv1.2");
    private static final List<String> CIPHERS = List.of(
            "TLS_AES_128_GCM_SHA256", "TLS_AES_256_GCM_SHA384", "TLS_CHACHA20_POLY1305_SHA256",
            "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256", "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384",
            "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256", "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256",
            "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384", "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256");

    private ServerTls() {
    }

    /**
     * The context of a TLS port. ALPN is configured only when HTTP/2 is served: HTTP/1.1 alone needs none (a
     * client that offers ALPN gets no answer and speaks HTTP/1.1), and Netty's ALPN over Conscrypt fails with
     * a {@code NullPointerException} on every client that offers no ALPN (wrk).
     */
    static SslContext context(ServerOptions.TlsOptions tls, boolean http2) throws SSLException {
        return SslContextBuilder.forServer(tls.certificate().toFile(), tls.key().toFile())
                .sslProvider(SslProvider.JDK)
                .sslContextProvider(tls.provider().provider())
                .protocols(PROTOCOLS)
                .ciphers(CIPHERS)
                .applicationProtocolConfig(http2 ? new ApplicationProtocolConfig(
                        ApplicationProtocolConfig.Protocol.ALPN,
                        ApplicationProtocolConfig.SelectorFailureBehavior.NO_ADVERTISE,
                        ApplicationProtocolConfig.SelectedListenerFailureBehavior.ACCEPT,
                        ApplicationProtocolNames.HTTP_2, ApplicationProtocolNames.HTTP_1_1)
                        : ApplicationProtocolConfig.DISABLED)
                .build();
    }
}
