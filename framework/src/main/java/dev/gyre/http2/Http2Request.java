package dev.gyre.http2;

import dev.gyre.http.Headers;

/**
 * A request's head as it arrived on one stream, its pseudo-header fields checked (RFC 9113 §8.3.1).
 *
 * @param method        {@code :method}
 * @param scheme        {@code :scheme}; {@code null} for CONNECT
 * @param authority     {@code :authority}, or the {@code host} field when that is absent; may be {@code null}
 * @param path          {@code :path}; {@code null} for CONNECT
 * @param headers       the regular fields, names in lower case; several {@code cookie} fields joined with
 *                      {@code "; "} (§8.2.3)
 * @param contentLength the {@code content-length} field, or -1 if absent; DATA is checked against it
 */
public record Http2Request(String method, String scheme, String authority, String path, Headers headers,
                           long contentLength) {
}
