package dev.gyre.http;

import dev.gyre.connection.Protocol;

/**
 * Takes over a connection after a {@code 101 Switching Protocols} response (WebSocket): carried by
 * {@link Response#upgrade(Upgrade)}, called on the loop once the 101 has been written. The connection stays
 * the same (transport, outbound queue, lingering close, bookkeeping); only the protocol it carries changes.
 */
@FunctionalInterface
public interface Upgrade {

    /**
     * Makes the protocol that carries the connection from now on. The connection then starts it
     * ({@link Protocol#start}) with its {@link dev.gyre.connection.Wire} and the bytes the client sent after
     * the upgrade request. Whatever this throws closes the connection.
     */
    Protocol start(Context context);

    /** What the new protocol is told of the HTTP exchange it replaces; the socket is not part of it. */
    interface Context {
        /** The request that asked for the upgrade. */
        Request request();

        /** The loop the connection belongs to, for work the new protocol hands back to it from other threads. */
        LoopExecutor loop();
    }
}
