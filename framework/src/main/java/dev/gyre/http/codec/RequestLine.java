package dev.gyre.http.codec;

import dev.gyre.http.HttpVersion;

/**
 * Parses a request-line (RFC 9112 §3) into method, target, path, query and version.
 *
 * <p>The grammar is applied strictly, because every leniency here is a place where we and a proxy in front
 * of us could read different requests from the same bytes:
 * <ul>
 *   <li>exactly one SP between the three parts (§3: no other whitespace, no runs of SP);</li>
 *   <li>the method is a token (§3.1); unknown methods pass, the router answers them;</li>
 *   <li>the version is exactly {@code HTTP/1.1} or {@code HTTP/1.0}; another well-formed
 *       {@code HTTP/d.d} is 505 (RFC 9110 §15.6.6), anything else 400 (§2.3);</li>
 *   <li>the target is origin-form, absolute-form ({@code http}/{@code https}, without userinfo, RFC 9110
 *       §4.2.4), or asterisk-form for {@code OPTIONS} only (§3.2.4); {@code CONNECT} gets 501 as an origin
 *       server does not tunnel; anything else (including authority-form for other methods) is 400;</li>
 *   <li>target bytes are restricted as described in {@link HttpChars}.</li>
 * </ul>
 *
 * <p>One instance per parser, overwritten for each request, so parsing allocates only the strings, and
 * the target not even that when it repeats ({@link SharedStrings}); a repeated target keeps the path and
 * query split from it last time.
 */
final class RequestLine {
    private static final int VERSION_LENGTH = 8;
    private static final byte[] HTTP = {'h', 't', 't', 'p'};

    String method;
    String target;
    String path;
    String query;
    HttpVersion version;

    private final SharedStrings shared;

    RequestLine(SharedStrings shared) {
        this.shared = shared;
    }

    /** Parses the line {@code buf[off, off + len)}, CRLF excluded. */
    void parse(byte[] buf, int off, int len) throws HttpParseException {
        int end = off + len;
        int sp1 = indexOf(buf, off, end, HttpChars.SP);
        if (sp1 < 0) {
            throw HttpParseException.badRequest("invalid request line");
        }
        int sp2 = indexOf(buf, sp1 + 1, end, HttpChars.SP);
        if (sp2 < 0) {
            throw HttpParseException.badRequest("missing HTTP version");
        }
        version = parseVersion(buf, sp2 + 1, end);
        if (sp1 == off) {
            throw HttpParseException.badRequest("empty method");
        }
        for (int i = off; i < sp1; i++) {
            if (!HttpChars.isTchar(buf[i])) {
                throw HttpParseException.badRequest("invalid method");
            }
        }
        method = KnownNames.method(buf, off, sp1 - off);
        if (method.equals("CONNECT")) {
            throw new HttpParseException(501, "CONNECT is not supported");
        }
        parseTarget(buf, sp1 + 1, sp2);
    }

    private static HttpVersion parseVersion(byte[] buf, int from, int to) throws HttpParseException {
        if (to - from != VERSION_LENGTH || buf[from] != 'H' || buf[from + 1] != 'T' || buf[from + 2] != 'T'
                || buf[from + 3] != 'P' || buf[from + 4] != '/' || !HttpChars.isDigit(buf[from + 5])
                || buf[from + 6] != '.' || !HttpChars.isDigit(buf[from + 7])) {
            throw HttpParseException.badRequest("invalid HTTP version");
        }
        if (buf[from + 5] == '1' && buf[from + 7] == '1') {
            return HttpVersion.HTTP_1_1;
        }
        if (buf[from + 5] == '1' && buf[from + 7] == '0') {
            return HttpVersion.HTTP_1_0;
        }
        throw new HttpParseException(505, "HTTP version not supported");
    }

    private void parseTarget(byte[] buf, int from, int to) throws HttpParseException {
        if (from == to) {
            throw HttpParseException.badRequest("empty request target");
        }
        int question = -1;
        for (int i = from; i < to; i++) {
            byte b = buf[i];
            if (!HttpChars.isTargetChar(b)) {
                throw HttpParseException.badRequest("invalid character in request target");
            }
            if (b == '?' && question < 0) {
                question = i;
            }
        }
        String sent = shared.get(SharedStrings.TARGET, buf, from, to - from, target);
        if (sent == target && buf[from] == '/') {
            return; // the previous request's target string: its path and query are already split
        }
        target = sent;
        int pathEnd = question < 0 ? to : question;
        query = question < 0 ? null : target.substring(question + 1 - from);
        if (buf[from] == '/') {
            path = question < 0 ? target : target.substring(0, pathEnd - from);
        } else if (to - from == 1 && buf[from] == '*') {
            if (!method.equals("OPTIONS")) {
                throw HttpParseException.badRequest("asterisk-form is only for OPTIONS");
            }
            path = target;
        } else {
            path = absoluteFormPath(buf, from, pathEnd);
        }
    }

    /** The path of an absolute-form target (RFC 9112 §3.2.2), {@code /} when it has none. */
    private String absoluteFormPath(byte[] buf, int from, int pathEnd) throws HttpParseException {
        int authority = schemeEnd(buf, from, pathEnd);
        if (authority < 0) {
            throw HttpParseException.badRequest("invalid request target");
        }
        int slash = indexOf(buf, authority, pathEnd, (byte) '/');
        int authorityEnd = slash < 0 ? pathEnd : slash;
        if (authorityEnd == authority) {
            throw HttpParseException.badRequest("empty authority in request target");
        }
        for (int i = authority; i < authorityEnd; i++) {
            if (!HttpChars.isHostChar(buf[i])) {
                throw HttpParseException.badRequest("invalid authority in request target");
            }
        }
        return slash < 0 ? "/" : target.substring(slash - from, pathEnd - from);
    }

    /** The index after {@code http://} or {@code https://} (scheme case-insensitive), or -1. */
    private static int schemeEnd(byte[] buf, int from, int to) {
        int i = from;
        for (byte c : HTTP) {
            if (i == to || HttpChars.toLowerAscii(buf[i++]) != c) {
                return -1;
            }
        }
        if (i < to && HttpChars.toLowerAscii(buf[i]) == 's') {
            i++;
        }
        if (to - i < 3 || buf[i] != ':' || buf[i + 1] != '/' || buf[i + 2] != '/') {
            return -1;
        }
        return i + 3;
    }

    private static int indexOf(byte[] buf, int from, int to, byte b) {
        for (int i = from; i < to; i++) {
            if (buf[i] == b) {
                return i;
            }
        }
        return -1;
    }
}
