package dev.gyre.http.codec;

import dev.gyre.http.Headers;
import dev.gyre.http.HttpStatus;
import dev.gyre.http.HttpVersion;
import dev.gyre.http.Response;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Writes a {@link Response} as HTTP/1.1 bytes: status line, header section and (optionally) the body.
 *
 * <p>The status line always says {@code HTTP/1.1}, also to HTTP/1.0 clients (RFC 9110 §2.5: a server sends
 * the highest minor version it conforms to); the request's version decides only the {@code Connection}
 * field. Handler fields come first, in order, then the fields the server owns:
 * <ul>
 *   <li>{@code Date} and {@code Server: gyre}, unless the handler set its own;</li>
 *   <li>{@code Content-Length} (or {@code Transfer-Encoding: chunked}), except for 1xx, 204 and 304,
 *       which have no content (RFC 9110 §8.6, RFC 9112 §6.1). A handler's {@code Content-Length} or
 *       {@code Transfer-Encoding} is dropped: framing is the server's job, and a wrong value would
 *       desynchronise the connection;</li>
 *   <li>the handler's {@code Trailer} field ({@code Response.trailer} sets it) only with chunked content, the
 *       one framing that has a trailer section (RFC 9112 §7.1.2): with a {@code Content-Length}, a close-delimited
 *       HTTP/1.0 body or no content it would announce fields that can never come (RFC 9110 §6.6.2);</li>
 *   <li>{@code Connection: close} when the connection will close, or {@code Connection: keep-alive} for a
 *       persistent HTTP/1.0 exchange (RFC 9112 §9.3); nothing on 1xx. A handler's {@code Connection}
 *       field (e.g. {@code Upgrade} on a 101) is kept.</li>
 * </ul>
 *
 * <p>Handler fields are written as they are: {@link Headers#add} already refused, on the handler's thread,
 * every name that is not a token and every value that could split the response. Each character of a value
 * becomes one byte (ISO-8859-1), which that check guarantees fits.
 *
 * <p>Common status lines and all the server's own field names are pre-encoded, handler fields that come
 * back as the same strings are encoded once ({@link EncodedFields}), and {@code Date} with {@code Server}
 * is one array per second: encoding a typical response builds no strings, allocates nothing and copies a
 * handful of arrays. Not thread-safe: one per event loop, like its {@link HttpDate}.
 */
public final class ResponseEncoder {
    private static final byte[] HTTP_1_1_SP = ascii("HTTP/1.1 ");
    private static final byte[][] STATUS_LINES = new byte[600][];
    private static final byte[] CRLF = ascii("\r\n");
    private static final byte[] COLON_SP = ascii(": ");
    private static final byte[] DATE = ascii("Date: ");
    private static final byte[] SERVER = ascii("Server: gyre\r\n");
    private static final byte[] NO_FIELD = new byte[0];
    private static final byte[] CONTENT_LENGTH = ascii("Content-Length: ");
    private static final byte[] CHUNKED = ascii("Transfer-Encoding: chunked\r\n");
    private static final byte[] CONNECTION_CLOSE = ascii("Connection: close\r\n");
    private static final byte[] CONNECTION_KEEP_ALIVE = ascii("Connection: keep-alive\r\n");
    private static final byte[] LAST_CHUNK = ascii("0\r\n");

    static {
        for (int status = 100; status < STATUS_LINES.length; status++) {
            String reason = HttpStatus.reason(status);
            if (!reason.isEmpty()) {
                STATUS_LINES[status] = ascii("HTTP/1.1 " + status + " " + reason + "\r\n");
            }
        }
    }

    /**
     * How the content is delimited: by {@code Content-Length}, by chunks, or by nothing the head says (a
     * close-delimited HTTP/1.0 stream, or the HEAD answer of a stream, whose length nobody knows yet).
     */
    private enum Framing { LENGTH, CHUNKED, NONE }

    private final HttpDate date;
    private final EncodedFields fields = new EncodedFields();
    /** Per handler field of the response being encoded: its cached bytes, or {@link #NO_FIELD} if none. */
    private byte[][] found = new byte[8][];
    /** The {@code Date} array {@link #dateAndServer} was built from. */
    private byte[] dateOfLine;
    /** {@code Date: <now>CRLF Server: gyre CRLF}, rebuilt when the second changes. */
    private byte[] dateAndServer;

    public ResponseEncoder(HttpDate date) {
        this.date = date;
    }

    /**
     * Appends status line and header section for {@code response} to {@code out}, then the body unless
     * {@code omitBody} (a HEAD request; 1xx, 204 and 304 never have one) or {@code !appendBody} (the
     * caller writes a large body or a file region itself, without copying). {@code Content-Length} is the body's length
     * even when the body is omitted, as a HEAD response must announce what a GET would send; a streamed
     * response's length is not known, so its HEAD answer has no {@code Content-Length} (RFC 9110 §9.3.2 lets
     * a HEAD response omit the content's fields).
     *
     * @throws IllegalArgumentException if a handler field name or value could split the response
     */
    public void encode(Response response, HttpVersion version, boolean keepAlive, boolean omitBody,
            boolean appendBody, ByteSink out) {
        Framing framing = response.isStreamed() ? Framing.NONE : Framing.LENGTH;
        writeHead(response.status(), response.headers(), version, keepAlive, framing, response.contentLength(), out);
        if (appendBody && !omitBody && hasContent(response.status())) {
            out.append(response.body());
        }
    }

    /**
     * As {@link #encode(Response, HttpVersion, boolean, boolean, boolean, ByteSink)} for the response of
     * {@code status}, {@code headers} and {@code body}, without a {@code Response}: what a route's value is sent as.
     */
    public void encode(int status, Headers headers, byte[] body, HttpVersion version, boolean keepAlive,
            boolean omitBody, boolean appendBody, ByteSink out) {
        writeHead(status, headers, version, keepAlive, Framing.LENGTH, body.length, out);
        if (appendBody && !omitBody && hasContent(status)) {
            out.append(body);
        }
    }

    /**
     * Appends a head whose content follows in chunks ({@code Transfer-Encoding: chunked}) instead of a
     * {@code Content-Length}, for streamed responses and those with trailers; the caller writes the chunks. An
     * HTTP/1.0 client does not know chunked (RFC 9112 §7), so for it the head is close-delimited instead: no
     * length, always {@code Connection: close}, and the caller writes the content unframed and then closes.
     */
    public void encodeChunkedHead(Response response, HttpVersion version, boolean keepAlive, ByteSink out) {
        if (version == HttpVersion.HTTP_1_0) {
            writeHead(response.status(), response.headers(), version, false, Framing.NONE, 0, out);
        } else {
            writeHead(response.status(), response.headers(), version, keepAlive, Framing.CHUNKED, 0, out);
        }
    }

    /**
     * Appends the size line of one chunk of {@code size} bytes (RFC 9112 §7.1); the caller appends the bytes and
     * then {@link #chunkEnd}.
     */
    public void chunkStart(long size, ByteSink out) {
        out.appendAscii(Long.toHexString(size)).append(CRLF);
    }

    /** Appends the CRLF that closes a chunk's data. */
    public void chunkEnd(ByteSink out) {
        out.append(CRLF);
    }

    /**
     * Appends the last chunk and the trailer section (RFC 9112 §7.1.2): {@code 0}, each field as the head's
     * are written (checked by {@link Headers#add}, one byte per character), and the empty line.
     */
    public void lastChunk(Headers trailers, ByteSink out) {
        out.append(LAST_CHUNK);
        for (int i = 0; i < trailers.size(); i++) {
            out.appendAscii(trailers.name(i)).append(COLON_SP).appendLatin1(trailers.value(i)).append(CRLF);
        }
        out.append(CRLF);
    }

    private void writeHead(int status, Headers headers, HttpVersion version, boolean keepAlive, Framing framing,
            long contentLength, ByteSink out) {
        int count = headers.size();
        lookUp(headers, count);
        writeStatusLine(status, out);
        boolean ownDate = true;
        boolean ownServer = true;
        boolean trailerSection = framing == Framing.CHUNKED && hasContent(status);
        for (int i = 0; i < count; i++) {
            byte[] cached = found[i];
            found[i] = null;
            if (cached != NO_FIELD) {
                out.append(cached);
                continue;
            }
            String name = headers.name(i);
            if (name.equalsIgnoreCase("Content-Length") || name.equalsIgnoreCase("Transfer-Encoding")) {
                continue;
            }
            if (name.equalsIgnoreCase("Trailer")) {
                if (trailerSection) {
                    out.appendAscii(name).append(COLON_SP).appendLatin1(headers.value(i)).append(CRLF);
                }
                continue;
            }
            boolean isDate = name.equalsIgnoreCase("Date");
            boolean isServer = name.equalsIgnoreCase("Server");
            ownDate &= !isDate;
            ownServer &= !isServer;
            String value = headers.value(i);
            out.appendAscii(name).append(COLON_SP).appendLatin1(value).append(CRLF);
            if (!isDate && !isServer) {
                fields.seen(name, value);
            }
        }
        if (ownDate && ownServer) {
            out.append(dateAndServer());
        } else if (ownDate) {
            out.append(DATE).append(date.now()).append(CRLF);
        } else if (ownServer) {
            out.append(SERVER);
        }
        if (hasContent(status)) {
            switch (framing) {
                case LENGTH -> out.append(CONTENT_LENGTH).appendDecimal(contentLength).append(CRLF);
                case CHUNKED -> out.append(CHUNKED);
                case NONE -> {
                }
            }
        }
        if (status >= 200) {
            if (!keepAlive) {
                out.append(CONNECTION_CLOSE);
            } else if (version == HttpVersion.HTTP_1_0) {
                out.append(CONNECTION_KEEP_ALIVE);
            }
        }
        out.append(CRLF);
    }

    /** Finds each handler field's cached bytes, or marks it {@link #NO_FIELD}. */
    private void lookUp(Headers headers, int count) {
        if (found.length < count) {
            found = new byte[count][];
        }
        for (int i = 0; i < count; i++) {
            byte[] cached = fields.find(headers.name(i), headers.value(i));
            found[i] = cached != null ? cached : NO_FIELD;
        }
    }

    /** {@code Date} and {@code Server} together, one array per second. */
    private byte[] dateAndServer() {
        byte[] now = date.now();
        if (now != dateOfLine) {
            ByteSink line = new ByteSink(DATE.length + now.length + CRLF.length + SERVER.length);
            line.append(DATE).append(now).append(CRLF).append(SERVER);
            dateAndServer = Arrays.copyOf(line.array(), line.size());
            dateOfLine = now;
        }
        return dateAndServer;
    }

    private static void writeStatusLine(int status, ByteSink out) {
        byte[] line = status < STATUS_LINES.length ? STATUS_LINES[status] : null;
        if (line != null) {
            out.append(line);
        } else {
            // RFC 9112 §4: the reason phrase may be empty, the SP before it may not.
            out.append(HTTP_1_1_SP).appendDecimal(status).append((byte) ' ').append(CRLF);
        }
    }

    /** Whether a response with this status carries content (RFC 9110 §6.4.1): not 1xx, 204 or 304. */
    public static boolean hasContent(int status) {
        return status >= 200 && status != 204 && status != 304;
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
