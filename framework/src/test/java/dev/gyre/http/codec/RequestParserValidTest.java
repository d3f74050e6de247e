package dev.gyre.http.codec;

import static dev.gyre.http.codec.ParserDriver.crlf;
import static dev.gyre.http.codec.ParserDriver.everyWay;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gyre.http.HttpLimits;
import dev.gyre.http.HttpVersion;
import dev.gyre.http.codec.ParserDriver.Message;
import dev.gyre.http.codec.ParserDriver.Outcome;
import dev.gyre.http.RequestHead;
import java.nio.ByteBuffer;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Valid requests: each fixture is parsed whole, byte by byte and in seeded random splits (heap and direct
 * buffers), and every way must give the same heads and bodies ({@link ParserDriver#everyWay}).
 */
class RequestParserValidTest {
    static final String GET = crlf("""
            GET /plaintext?x=1&y=2 HTTP/1.1
            Host: localhost:8080
            User-Agent: curl/8.5.0
            Accept: */*

            """);

    static final String HEAD = crlf("""
            HEAD /plaintext HTTP/1.1
            Host: localhost

            """);

    static final String POST_FIXED = crlf("""
            POST /echo HTTP/1.1
            Host: localhost
            Content-Type: application/json
            Content-Length: 17

            {"hello":"world"}""");

    static final String POST_CHUNKED = crlf("""
            POST /echo HTTP/1.1
            Host: localhost
            Transfer-Encoding: chunked
            Trailer: Checksum

            5;name=value
            hello
            1 ; bws = "quoted \\" string"
            ,
            A;flag;x=y
            0123456789
            000;last
            Checksum: abc
            X-Other: def

            """);

    static final String HTTP_1_0 = crlf("""
            GET /old HTTP/1.0
            User-Agent: ApacheBench/2.3

            """);

    static final String ABSOLUTE_FORM = crlf("""
            GET http://example.com:8080/a/b?c=d HTTP/1.1
            Host: example.com:8080

            """);

    static final String OPTIONS_ASTERISK = crlf("""
            OPTIONS * HTTP/1.1
            Host: localhost

            """);

    @Test
    void simpleGet() {
        Message m = everyWay(GET).only();
        RequestHead h = m.head();
        assertSame("GET", h.method());
        assertEquals("/plaintext?x=1&y=2", h.target());
        assertEquals("/plaintext", h.path());
        assertEquals("x=1&y=2", h.query());
        assertEquals(HttpVersion.HTTP_1_1, h.version());
        assertEquals(3, h.headers().size());
        assertEquals("localhost:8080", h.headers().get("host"));
        assertEquals("*/*", h.headers().get("Accept"));
        assertEquals(-1, h.contentLength());
        assertFalse(h.chunked());
        assertFalse(h.hasBody());
        assertTrue(h.keepAlive());
        assertFalse(h.expectContinue());
        assertEquals(0, m.body().length);
        assertTrue(m.ended());
    }

    @Test
    void headRequest() {
        RequestHead h = everyWay(HEAD).only().head();
        assertSame("HEAD", h.method());
        assertEquals("/plaintext", h.path());
        assertNull(h.query());
    }

    @Test
    void postWithFixedLengthBody() {
        Message m = everyWay(POST_FIXED).only();
        assertEquals(17, m.head().contentLength());
        assertFalse(m.head().chunked());
        assertEquals("{\"hello\":\"world\"}", m.bodyText());
    }

    @Test
    void postChunkedWithExtensionsAndTrailers() {
        Message m = everyWay(POST_CHUNKED).only();
        assertTrue(m.head().chunked());
        assertEquals(-1, m.head().contentLength());
        assertEquals("hello,0123456789", m.bodyText());
        assertFalse(m.head().headers().contains("Checksum"), "trailers are dropped");
    }

    @Test
    void http10WithoutHostClosesByDefault() {
        RequestHead h = everyWay(HTTP_1_0).only().head();
        assertEquals(HttpVersion.HTTP_1_0, h.version());
        assertFalse(h.keepAlive());
    }

    @Test
    void absoluteFormTargetYieldsItsPath() {
        RequestHead h = everyWay(ABSOLUTE_FORM).only().head();
        assertEquals("http://example.com:8080/a/b?c=d", h.target());
        assertEquals("/a/b", h.path());
        assertEquals("c=d", h.query());
    }

    @Test
    void absoluteFormWithoutPathIsRoot() {
        RequestHead h = everyWay(crlf("GET HTTPS://example.com?q HTTP/1.1\nHost: example.com\n\n")).only().head();
        assertEquals("/", h.path());
        assertEquals("q", h.query());
    }

    @Test
    void optionsAsterisk() {
        RequestHead h = everyWay(OPTIONS_ASTERISK).only().head();
        assertSame("OPTIONS", h.method());
        assertEquals("*", h.target());
        assertEquals("*", h.path());
    }

    @Test
    void pipelinedRequestsComeOutInOrderWithTheirBodies() {
        Outcome o = everyWay(GET + POST_FIXED + POST_CHUNKED + HEAD + HTTP_1_0);
        List<Message> m = o.messages();
        assertEquals(5, m.size());
        assertEquals("/plaintext", m.get(0).head().path());
        assertEquals("{\"hello\":\"world\"}", m.get(1).bodyText());
        assertEquals("hello,0123456789", m.get(2).bodyText());
        assertSame("HEAD", m.get(3).head().method());
        assertEquals("/old", m.get(4).head().path());
        assertFalse(o.failed());
        m.forEach(x -> assertTrue(x.ended()));
    }

    @Test
    void threePipelinedPostsSeparatedByExtraCrlf() {
        Outcome o = everyWay(crlf("""
                POST /echo HTTP/1.1
                Host: localhost
                Content-Length: 3

                AAA
                POST /echo HTTP/1.1
                Host: localhost
                Content-Length: 4

                BBBB

                POST /echo HTTP/1.1
                Host: localhost
                Content-Length: 5

                CCCCC"""));
        assertEquals(List.of("AAA", "BBBB", "CCCCC"), o.messages().stream().map(Message::bodyText).toList());
    }

    @Test
    void requestWithoutContentLengthOrTransferEncodingHasNoBody() {
        Outcome o = everyWay(crlf("POST /echo HTTP/1.1\nHost: a\n\nGET /next HTTP/1.1\nHost: a\n\n"));
        assertEquals(2, o.messages().size());
        assertEquals(0, o.messages().get(0).body().length);
        assertEquals(-1, o.messages().get(0).head().contentLength());
        assertEquals("/next", o.messages().get(1).head().path());
    }

    @Test
    void contentLengthZeroHasNoBody() {
        Message m = everyWay(crlf("POST /echo HTTP/1.1\nHost: a\nContent-Length: 0\n\n")).only();
        assertEquals(0, m.head().contentLength());
        assertFalse(m.head().hasBody());
        assertTrue(m.ended());
    }

    @Test
    void endFollowsHeadWithoutConsumingAndLeavesPipelinedBytes() {
        RequestParser parser = new RequestParser(HttpLimits.defaults());
        ByteBuffer in = ByteBuffer.wrap(ParserDriver.bytes(HEAD + GET));
        assertEquals(RequestParser.Event.HEAD, parser.next(in));
        int afterHead = in.position();
        assertEquals(HEAD.length(), afterHead);
        assertEquals(RequestParser.Event.END, parser.next(in));
        assertEquals(afterHead, in.position(), "END of a bodiless request consumes nothing");
        assertEquals(RequestParser.Event.HEAD, parser.next(in));
        assertEquals("/plaintext", parser.head().path());
        assertEquals(RequestParser.Event.END, parser.next(in));
        assertFalse(in.hasRemaining());
        assertEquals(RequestParser.Event.NEED_MORE, parser.next(in));
    }

    @Test
    void bodyIsASliceOfTheInputNotACopy() {
        RequestParser parser = new RequestParser(HttpLimits.defaults());
        byte[] raw = ParserDriver.bytes(POST_FIXED);
        ByteBuffer in = ByteBuffer.wrap(raw);
        assertEquals(RequestParser.Event.HEAD, parser.next(in));
        assertEquals(RequestParser.Event.BODY, parser.next(in));
        ByteBuffer body = parser.body();
        assertTrue(body.hasArray());
        assertSame(raw, body.array(), "shares the caller's storage");
        assertEquals(17, body.remaining());
        assertEquals(raw.length, in.position());
        assertEquals(RequestParser.Event.END, parser.next(in));
    }

    @Test
    void leadingEmptyLinesAreIgnored() {
        assertEquals("/plaintext", everyWay("\r\n\r\n" + HEAD).only().head().path());
    }

    @Test
    void keepAliveFollowsVersionAndConnection() {
        assertTrue(keepAlive("HTTP/1.1", null));
        assertFalse(keepAlive("HTTP/1.1", "close"));
        assertFalse(keepAlive("HTTP/1.1", "Close\t"));
        assertFalse(keepAlive("HTTP/1.1", "keep-alive, close"));
        assertTrue(keepAlive("HTTP/1.1", "keep-alive, upgrade"));
        assertFalse(keepAlive("HTTP/1.0", null));
        assertTrue(keepAlive("HTTP/1.0", "Keep-Alive"));
        assertFalse(keepAlive("HTTP/1.0", "keep-alive, close"));
    }

    @Test
    void upgradeIsWhetherConnectionListsTheUpgradeToken() {
        assertFalse(upgrade(null));
        assertFalse(upgrade("keep-alive"));
        assertTrue(upgrade("Upgrade"));
        assertTrue(upgrade("keep-alive, UPGRADE"));
        assertTrue(upgrade("Upgrade, HTTP2-Settings"));
        assertFalse(upgrade("upgraded"));
        String twoFields = "GET / HTTP/1.1\r\nHost: a\r\nConnection: keep-alive\r\nConnection: upgrade\r\n\r\n";
        assertTrue(everyWay(twoFields).only().head().upgrade());
        assertFalse(everyWay("GET / HTTP/1.1\r\nHost: a\r\nUpgrade: h2c\r\n\r\n").only().head().upgrade(),
                "Upgrade without Connection: upgrade asks for nothing");
    }

    private static boolean upgrade(String connection) {
        String request = "GET / HTTP/1.1\r\nHost: a\r\n"
                + (connection == null ? "" : "Connection: " + connection + "\r\n") + "\r\n";
        return everyWay(request).only().head().upgrade();
    }

    private static boolean keepAlive(String version, String connection) {
        String request = "GET / " + version + "\r\nHost: a\r\n"
                + (connection == null ? "" : "Connection: " + connection + "\r\n") + "\r\n";
        return everyWay(request).only().head().keepAlive();
    }

    @Test
    void expectContinueOnlyInHttp11() {
        String body = "Content-Length: 1\r\n\r\nx";
        assertTrue(everyWay("POST / HTTP/1.1\r\nHost: a\r\nExpect: 100-Continue\r\n" + body).only().head()
                .expectContinue());
        assertFalse(everyWay("POST / HTTP/1.0\r\nExpect: 100-continue\r\n" + body).only().head()
                .expectContinue());
        assertFalse(everyWay("POST / HTTP/1.1\r\nHost: a\r\nExpect: something\r\n" + body).only().head()
                .expectContinue());
    }

    @Test
    void commonMethodsAndFieldNamesAreSharedStrings() {
        RequestHead first = everyWay("GET / HTTP/1.1\r\nhost: a\r\nContent-Type: x\r\nX-Custom: y\r\n\r\n")
                .only().head();
        RequestHead second = everyWay("GET / HTTP/1.1\r\nhost: a\r\nContent-Type: x\r\nX-Custom: y\r\n\r\n")
                .only().head();
        assertSame("GET", first.method());
        assertSame(first.headers().name(0), second.headers().name(0));
        assertEquals("host", first.headers().name(0), "the case the client sent is kept");
        assertSame("Content-Type", first.headers().name(1));
        assertEquals("X-Custom", first.headers().name(2));
        RequestHead odd = everyWay("GET / HTTP/1.1\r\nhOsT: a\r\n\r\n").only().head();
        assertEquals("hOsT", odd.headers().name(0), "an unusual spelling is kept, and still counts as Host");
    }

    @Test
    void unknownMethodTokensPassToTheRouter() {
        assertEquals("MKCOLA", everyWay("MKCOLA / HTTP/1.1\r\nHost: a\r\n\r\n").only().head().method());
        assertEquals("C******", everyWay("C****** / HTTP/1.1\r\nHost: a\r\n\r\n").only().head().method());
    }
}
