package dev.gyre.http.internal;

import dev.gyre.connection.Protocol;

/**
 * A {@link Protocol} of the framework's own (HTTP/2 after an h2c upgrade, WebSocket), which keeps to the loop by
 * construction and so gets its connection's {@code Wire} as it is. Any other protocol an upgrade starts gets the
 * wire behind a loop-thread check (see {@code server.LoopConfinedWire}).
 */
public interface FrameworkProtocol extends Protocol {
}
