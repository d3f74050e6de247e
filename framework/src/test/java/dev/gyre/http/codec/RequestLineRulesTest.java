package dev.gyre.http.codec;

import static dev.gyre.http.codec.Rules.HOST;
import static dev.gyre.http.codec.Rules.accepts;
import static dev.gyre.http.codec.Rules.chunked;
import static dev.gyre.http.codec.Rules.get;
import static dev.gyre.http.codec.Rules.rejects;
import static dev.gyre.http.codec.Rules.withHeaders;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.gyre.http.HttpLimits;
import dev.gyre.http.HttpVersion;
import dev.gyre.http.codec.ParserDriver.Outcome;
import dev.gyre.http.RequestHead;
import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

/**
 * The request-line and line-ending rules (RFC 9112, RFC 9110): one test per rule,
 * named in {@code docs/http-conformance.md}. Every input is parsed whole, byte by byte and in random splits,
 * which must all agree.
 */
class RequestLineRulesTest {
    @Test
    void methodMustBeAToken() {
        rejects(400, "G@T / HTTP/1.1\r\n" + HOST + "\r\n");
        rejects(400, "G\tT / HTTP/1.1\r\n" + HOST + "\r\n");
        rejects(400, "G\0T / HTTP/1.1\r\n" + HOST + "\r\n");
        rejects(400, ":GET / HTTP/1.1\r\n" + HOST + "\r\n");
        rejects(400, " / HTTP/1.1\r\n" + HOST + "\r\n");
    }

    @Test
    void partsAreSeparatedBySingleSpaces() {
        rejects(400, "GET  / HTTP/1.1\r\n" + HOST + "\r\n");
        rejects(400, "GET /  HTTP/1.1\r\n" + HOST + "\r\n");
        rejects(400, "GET\t/ HTTP/1.1\r\n" + HOST + "\r\n");
        rejects(400, "GET / HTTP/1.1 \r\n" + HOST + "\r\n");
        rejects(400, "GET /plaintext bar/ HTTP/1.1\r\n" + HOST + "\r\n");
        rejects(400, "GET /\r\n\r\n");
    }

    @Test
    void originFormSplitsPathAndQuery() {
        RequestHead h = accepts(get("/a/b?x=1?y=%20"));
        assertEquals("/a/b", h.path());
        assertEquals("x=1?y=%20", h.query());
        assertEquals("", accepts(get("/a?")).query());
        assertNull(accepts(get("/a")).query());
    }

    @Test
    void asteriskFormOnlyForOptions() {
        assertEquals("*", accepts("OPTIONS * HTTP/1.1\r\n" + HOST + "\r\n").path());
        rejects(400, get("*"));
        rejects(400, "M-SEARCH * HTTP/1.1\r\n" + HOST + "\r\n");
        rejects(400, "OPTIONS *x HTTP/1.1\r\n" + HOST + "\r\n");
    }

    @Test
    void absoluteFormIsAcceptedWithoutUserinfo() {
        assertEquals("/p", accepts(get("http://h/p")).path());
        assertEquals("/", accepts(get("https://h:8443")).path());
        rejects(400, get("http://user:pw@h/p"));
        rejects(400, get("http:///p"));
        rejects(400, get("ftp://h/p"));
        rejects(400, get("http:/h/p"));
    }

    @Test
    void connectAndAuthorityFormAreNotServed() {
        rejects(501, "CONNECT example.com:443 HTTP/1.1\r\nHost: example.com:443\r\n\r\n");
        rejects(400, get("example.com:443"));
        rejects(400, get("!"));
    }

    @Test
    void targetBytesAreRestricted() {
        for (String bad : new String[] {"/a\u0001", "/a\u007f", "/a\u0080", "/\u00ce\u00b4", "/a#frag",
                "/a\"b", "/a<b>", "/a\0"}) {
            rejects(400, get(bad));
        }
        for (String good : new String[] {"/a|b", "/{x}", "/a^b", "/a`b", "/a[0]", "/a\\b",
                "/!$&'()*+,;=:@-._~%41"}) {
            assertEquals(good, accepts(get(good)).path());
        }
    }

    @Test
    void versionMustBeHttp10Or11() {
        assertEquals(HttpVersion.HTTP_1_0, accepts("GET / HTTP/1.0\r\n\r\n").version());
        for (String v : new String[] {"HTTP/2.0", "HTTP/1.2", "HTTP/0.9", "HTTP/5.6"}) {
            rejects(505, "GET / " + v + "\r\n" + HOST + "\r\n");
        }
        for (String v : new String[] {"http/1.1", "HTTP/1", "HTTP/01.1", "HTTP/1.01", "HTTP/1.32",
                "ICE/1.0", "HTP/1.1", "HTTP/1.1x", "HTTP/4294967295.255", "HTTP/1.x"}) {
            rejects(400, "GET / " + v + "\r\n" + HOST + "\r\n");
        }
    }

    @Test
    void http2PrefaceIsAnUnsupportedVersion() {
        rejects(505, "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n");
    }

    @Test
    void emptyLinesBeforeTheRequestLineAreBounded() {
        String crlfs = "\r\n".repeat(RequestParser.MAX_EMPTY_LINES_BEFORE_REQUEST);
        assertEquals("/", accepts(crlfs + get("/")).path());
        rejects(400, crlfs + "\r\n" + get("/"));
        rejects(400, "\n" + get("/"));
    }

    @Test
    void requestLineLongerThanTheLimitIs414() {
        int max = HttpLimits.DEFAULT_MAX_REQUEST_LINE_LENGTH;
        String prefix = "GET /";
        String suffix = " HTTP/1.1";
        String exact = prefix + "a".repeat(max - prefix.length() - suffix.length()) + suffix;
        assertEquals(max, exact.length());
        accepts(exact + "\r\n" + HOST + "\r\n");
        String tooLong = prefix + "a".repeat(max - prefix.length() - suffix.length() + 1) + suffix;
        rejects(414, tooLong + "\r\n" + HOST + "\r\n");
    }

    @Test
    void overlongRequestLineFailsBeforeItEnds() {
        Outcome o = ParserDriver.whole(ParserDriver.bytes("GET /" + "a".repeat(9000)));
        assertEquals(414, o.errorStatus());
    }

    @Test
    void bareLfIs400Everywhere() {
        rejects(400, "GET / HTTP/1.1\n" + HOST + "\r\n");
        rejects(400, "GET / HTTP/1.1\r\nHost: a\n\r\n");
        rejects(400, "GET / HTTP/1.1\r\nHost: a\r\n\n");
        rejects(400, "GET /plaintext\nHTTP/1.1\r\n" + HOST + "\r\n");
        rejects(400, chunked("1\nA\r\n0\r\n\r\n"));
        rejects(400, chunked("1\r\nA\n0\r\n\r\n"));
        rejects(400, chunked("1\r\nA\r\n0\r\n\n"));
        rejects(400, chunked("1\r\nA\r\n0\r\nX: y\n\r\n"));
    }

    @Test
    void bareCrIs400Everywhere() {
        rejects(400, "GET / HTTP/1.1\rX: 1\r\n" + HOST + "\r\n");
        rejects(400, withHeaders(HOST + "X: keep\ralive\r\n"));
        rejects(400, withHeaders(HOST + "X:\rTransfer-Encoding: chunked\r\n"));
        rejects(400, "GET / HTTP/1.1\r\n" + HOST + "\r\rZ");
        rejects(400, "GET / HTTP/\r\r1.1\r\n" + HOST + "\r\n");
        rejects(400, chunked("5\r\r;ABCD\r\n"));
        rejects(400, chunked("1\r\nA\r\r0\r\n\r\n"));
    }

    @Test
    void crAtTheEndOfOneReadAndGarbageInTheNextIs400() {
        RequestParser parser = new RequestParser(HttpLimits.defaults());
        ByteBuffer first = ByteBuffer.wrap(ParserDriver.bytes("GET / HTTP/1.1\r"));
        assertEquals(RequestParser.Event.NEED_MORE, parser.next(first));
        assertEquals(RequestParser.Event.ERROR, parser.next(ByteBuffer.wrap(ParserDriver.bytes("X"))));
        assertEquals("bare CR", parser.errorReason());
    }
}
