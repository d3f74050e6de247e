/**
 * Which content coding a request accepts ({@link dev.gyre.coding.AcceptEncoding}), among those Gyre knows
 * ({@link dev.gyre.middleware.ContentCoding}, exported because {@code Compression.offering} takes them). The
 * {@code Compression} filter and the static files both choose through here, so a client gets the same answer
 * from either.
 */
package dev.gyre.coding;
