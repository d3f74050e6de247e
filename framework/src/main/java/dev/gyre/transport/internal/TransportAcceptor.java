package dev.gyre.transport.internal;

import dev.gyre.loop.EventLoop;
import java.io.IOException;

/** Starts a protocol on a connection whose transport is ready (at once for TCP, after the handshake for TLS). */
@FunctionalInterface
public interface TransportAcceptor {

    /** Called on {@code loop}'s thread, which owns the connection from now on. */
    void accepted(Transport transport, EventLoop loop) throws IOException;
}
