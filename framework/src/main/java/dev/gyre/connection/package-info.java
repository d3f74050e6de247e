/**
 * The seam between a connection and the protocol it carries: a {@link dev.gyre.connection.Protocol} is fed
 * bytes and answers through its {@link dev.gyre.connection.Wire}. The connection itself (transport, outbound
 * queue, lingering close, deadlines, bookkeeping) is machinery of {@code dev.gyre.server}.
 */
package dev.gyre.connection;
