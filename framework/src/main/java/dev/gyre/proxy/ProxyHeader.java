package dev.gyre.proxy;

import java.net.InetSocketAddress;

/**
 * What a PROXY protocol header said about a connection: the client the proxy accepted ({@code source}) and
 * the address that client connected to ({@code destination}), or both {@code null} when the header asks to
 * keep the connection's own addresses ({@link #LOCAL}: a v1 {@code UNKNOWN}, a v2 {@code LOCAL} health check,
 * or a family Gyre does not serve, such as {@code UNIX}).
 */
record ProxyHeader(InetSocketAddress source, InetSocketAddress destination) {
    static final ProxyHeader LOCAL = new ProxyHeader(null, null);
}
