/**
 * HTTP/2 (RFC 9113) with HPACK (RFC 7541) as a protocol engine without a socket: {@link
 * dev.gyre.http2.Http2Connection} is fed the bytes a transport read and produces the bytes to write and the
 * events of its streams ({@link dev.gyre.http2.Http2Listener}), as the WebSocket codec does.
 *
 * <p>Public: the engine, its listener, the request head it hands out, its limits and error codes. Everything
 * else (frame codec, HPACK, streams, flow control, flood guards) is package-private so that it can change.
 * The design, the limits and what is not done yet are in {@code docs/http2.md}.
 */
package dev.gyre.http2;
