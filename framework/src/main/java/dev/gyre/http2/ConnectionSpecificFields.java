package dev.gyre.http2;

import java.util.Set;

/**
 * HTTP/1.1's connection-specific fields, which HTTP/2 does not carry (RFC 9113 §8.2.2): a request that has one is
 * malformed, a handler's response loses them, and an {@code h2c} upgrade's request drops them for stream 1.
 * Public only for {@code dev.gyre.server}'s upgrade; this package is not exported.
 */
public final class ConnectionSpecificFields {
    private static final Set<String> NAMES =
            Set.of("connection", "keep-alive", "proxy-connection", "transfer-encoding", "upgrade");

    private ConnectionSpecificFields() {
    }

    /** Whether {@code lowerCaseName} is one of them. */
    public static boolean contains(String lowerCaseName) {
        return NAMES.contains(lowerCaseName);
    }
}
