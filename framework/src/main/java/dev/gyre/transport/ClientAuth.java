package dev.gyre.transport;

/** Whether a TLS listener asks clients for a certificate (mutual TLS). */
public enum ClientAuth {
    /** No certificate is asked for. */
    NONE,
    /** A certificate is asked for; a client without one is still served, with no peer certificates. */
    REQUESTED,
    /** A client without a certificate the trusted authorities signed fails the handshake. */
    REQUIRED
}
