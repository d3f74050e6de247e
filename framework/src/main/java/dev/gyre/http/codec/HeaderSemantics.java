package dev.gyre.http.codec;

import dev.gyre.http.HttpVersion;

/**
 * The part of a header section the parser itself must understand — {@code Host}, {@code Content-Length},
 * {@code Transfer-Encoding}, {@code Connection}, {@code Expect} — checked as each field arrives and once
 * more when the section ends.
 *
 * <p>Message framing follows RFC 9112 §6.3 with every ambiguity treated as an error, since a request whose
 * length two parsers could judge differently is how requests are smuggled:
 * <ul>
 *   <li>{@code Content-Length} is {@code 1*DIGIT} (leading zeros allowed, decimal); repeats, and the list
 *       form {@code 5, 5} a proxy produces when it combines them, are accepted only when every value is the
 *       same (RFC 9110 §8.6); a value beyond {@code long} is 400; one above {@code maxBodySize} is 413 before
 *       any body byte is read.</li>
 *   <li>{@code Transfer-Encoding} together with {@code Content-Length} is 400 (§6.3, item 3); in an
 *       HTTP/1.0 request it is 400 (§6.1: the framing is faulty). Codings are read as one list across all
 *       fields, empty list elements skipped (RFC 9110 §5.6.1); a coding must be a bare token (no
 *       parameters); {@code chunked} must come last (400, §6.3) and only once (400, §6.1); any other coding
 *       is 501, as chunked is the only one we implement (§6.1).</li>
 *   <li>Exactly one {@code Host} in HTTP/1.1, at most one in HTTP/1.0, with a value made of {@code uri-host
 *       [":" port]} characters; otherwise 400 (§3.2).</li>
 *   <li>Persistence per §9.3; {@code Expect: 100-continue} counts only in HTTP/1.1 (RFC 9110 §10.1.1: an
 *       HTTP/1.0 expectation MUST be ignored). Other expectations are ignored.</li>
 * </ul>
 */
final class HeaderSemantics {
    private static final byte[] CHUNKED = {'c', 'h', 'u', 'n', 'k', 'e', 'd'};

    private int hostCount;
    private long contentLength;
    private boolean transferEncoding;
    private int codings;
    private int chunkedCount;
    private boolean lastCodingChunked;
    private boolean otherCoding;
    private boolean close;
    private boolean keepAliveToken;
    private boolean upgradeToken;
    private boolean expectContinue;

    HeaderSemantics() {
        reset();
    }

    void reset() {
        hostCount = 0;
        contentLength = -1;
        transferEncoding = false;
        codings = 0;
        chunkedCount = 0;
        lastCodingChunked = false;
        otherCoding = false;
        close = false;
        keepAliveToken = false;
        upgradeToken = false;
        expectContinue = false;
    }

    /** Takes note of one field; {@code buf[start, end)} is its trimmed value, {@code value} the same as text. */
    void onField(KnownNames.Role role, byte[] buf, int start, int end, String value) throws HttpParseException {
        switch (role) {
            case HOST -> {
                hostCount++;
                for (int i = start; i < end; i++) {
                    if (!HttpChars.isHostChar(buf[i])) {
                        throw HttpParseException.badRequest("invalid Host field");
                    }
                }
            }
            case CONTENT_LENGTH -> onContentLength(buf, start, end);
            case TRANSFER_ENCODING -> onTransferEncoding(buf, start, end);
            case CONNECTION -> {
                close |= HttpChars.listsToken(value, "close");
                keepAliveToken |= HttpChars.listsToken(value, "keep-alive");
                upgradeToken |= HttpChars.listsToken(value, "upgrade");
            }
            case EXPECT -> expectContinue |= HttpChars.listsToken(value, "100-continue");
            case NONE -> {
            }
        }
    }

    private void onContentLength(byte[] buf, int start, int end) throws HttpParseException {
        int i = start;
        while (true) {
            i = skipOws(buf, i, end);
            int digits = i;
            long v = 0;
            while (i < end && HttpChars.isDigit(buf[i])) {
                int d = buf[i++] - '0';
                if (v > (Long.MAX_VALUE - d) / 10) {
                    throw HttpParseException.badRequest("invalid Content-Length");
                }
                v = v * 10 + d;
            }
            if (i == digits) {
                throw HttpParseException.badRequest("invalid Content-Length");
            }
            if (contentLength >= 0 && v != contentLength) {
                throw HttpParseException.badRequest("conflicting Content-Length");
            }
            contentLength = v;
            i = skipOws(buf, i, end);
            if (i == end) {
                return;
            }
            if (buf[i++] != ',') {
                throw HttpParseException.badRequest("invalid Content-Length");
            }
        }
    }

    private void onTransferEncoding(byte[] buf, int start, int end) throws HttpParseException {
        transferEncoding = true;
        int i = start;
        while (i <= end) {
            int comma = i;
            while (comma < end && buf[comma] != ',') {
                comma++;
            }
            int a = skipOws(buf, i, comma);
            int b = comma;
            while (b > a && HttpChars.isOws(buf[b - 1])) {
                b--;
            }
            if (a < b) {
                for (int j = a; j < b; j++) {
                    if (!HttpChars.isTchar(buf[j])) {
                        throw HttpParseException.badRequest("invalid Transfer-Encoding");
                    }
                }
                codings++;
                lastCodingChunked = HttpChars.equalsIgnoreCase(buf, a, b - a, CHUNKED);
                if (lastCodingChunked) {
                    chunkedCount++;
                } else {
                    otherCoding = true;
                }
            }
            i = comma + 1;
        }
    }

    private static int skipOws(byte[] buf, int i, int end) {
        while (i < end && HttpChars.isOws(buf[i])) {
            i++;
        }
        return i;
    }

    /** The checks that need the whole section. */
    void finish(HttpVersion version, long maxBodySize) throws HttpParseException {
        if (hostCount > 1) {
            throw HttpParseException.badRequest("multiple Host fields");
        }
        if (hostCount == 0 && version == HttpVersion.HTTP_1_1) {
            throw HttpParseException.badRequest("missing Host field");
        }
        if (transferEncoding) {
            if (version == HttpVersion.HTTP_1_0) {
                throw HttpParseException.badRequest("Transfer-Encoding in an HTTP/1.0 request");
            }
            if (contentLength >= 0) {
                throw HttpParseException.badRequest("both Content-Length and Transfer-Encoding");
            }
            if (codings == 0) {
                throw HttpParseException.badRequest("empty Transfer-Encoding");
            }
            if (!lastCodingChunked) {
                throw HttpParseException.badRequest("chunked is not the final transfer coding");
            }
            if (chunkedCount > 1) {
                throw HttpParseException.badRequest("chunked applied more than once");
            }
            if (otherCoding) {
                throw new HttpParseException(501, "unsupported transfer coding");
            }
        } else if (contentLength > maxBodySize) {
            throw new HttpParseException(413, "request body too large");
        }
    }

    boolean chunked() {
        return transferEncoding;
    }

    /** The declared length, -1 when there is none (or the body is chunked, which {@link #finish} ensures). */
    long contentLength() {
        return contentLength;
    }

    /** Whether {@code Connection} lists {@code upgrade}: a protocol upgrade may be asked for. */
    boolean upgrade() {
        return upgradeToken;
    }

    boolean keepAlive(HttpVersion version) {
        return !close && (version == HttpVersion.HTTP_1_1 || keepAliveToken);
    }

    boolean expectContinue(HttpVersion version) {
        return expectContinue && version == HttpVersion.HTTP_1_1;
    }
}
