/**
 * Content codings: which ones Gyre knows ({@link dev.gyre.coding.ContentCoding}) and which one a request
 * accepts ({@link dev.gyre.coding.AcceptEncoding}). The {@code Compression} filter and the static files both
 * choose through here, so a client gets the same answer from either.
 */
package dev.gyre.coding;
