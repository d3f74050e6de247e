package dev.gyre.http.internal;

import dev.gyre.transport.TlsInfo;
import java.net.InetSocketAddress;

/**
 * The connection a request came on, as a {@link dev.gyre.http.Request} reports it: the peer's address and
 * what TLS negotiated ({@code null} on cleartext). Immutable; a protocol makes one per connection and gives it
 * to each of its requests ({@link Requests#whole}), so a request pays one reference for both.
 */
public record Peer(InetSocketAddress address, TlsInfo tls) {
}
