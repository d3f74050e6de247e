package dev.gyre.proxy;

/**
 * A family of forwarding headers a trusted proxy may set. Only the families an operator names are read:
 * a proxy sets one family and passes the other through from the client unless told to strip it, so
 * believing a family the proxy does not write is believing the client.
 */
public enum ForwardingHeaders {
    /** {@code Forwarded} (RFC 7239): {@code for}, {@code proto} and {@code host} of each hop. */
    FORWARDED,
    /** {@code X-Forwarded-For}, {@code X-Forwarded-Proto} and {@code X-Forwarded-Host} (nginx, HAProxy, ALB). */
    X_FORWARDED
}
