package dev.gyre.transport;

import java.security.cert.X509Certificate;
import java.util.List;

/**
 * What a TLS connection negotiated, as a handler sees it on {@code Request.tls()}.
 *
 * @param protocol            {@code TLSv1.3} or {@code TLSv1.2}
 * @param cipherSuite         the IANA name, e.g. {@code TLS_AES_128_GCM_SHA256}
 * @param applicationProtocol the ALPN result ({@code http/1.1}), or {@code null} when the client offered none
 * @param serverName          the SNI host name the client asked for, or {@code null}
 * @param peerCertificates    the client's certificate chain, leaf first; empty without client authentication
 */
public record TlsInfo(String protocol, String cipherSuite, String applicationProtocol, String serverName,
                      List<X509Certificate> peerCertificates) {
    public TlsInfo {
        peerCertificates = List.copyOf(peerCertificates);
    }
}
