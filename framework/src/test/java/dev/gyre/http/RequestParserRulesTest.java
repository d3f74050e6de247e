package dev.gyre.http;

import static dev.gyre.http.ParserDriver.everyWay;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gyre.http.ParserDriver.Outcome;
import java.nio.ByteBuffer;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * One test per rule the parser enforces (RFC 9112 / RFC 9110); {@code docs/http-conformance.md} names
 * them. Every input is parsed whole, byte by byte and in random splits, which must all agree.
 */
class RequestParserRulesTest {
    private static final String HOST = "Host: a\r\n";

    /** Asserts the request is rejected with {@code status} before any request comes out. */
    static Outcome rejects(int status, String request) {
        Outcome o = everyWay(request);
        assertEquals(status, o.errorStatus(), () -> "for " + printable(request) + ": " + o.describe());
        assertTrue(o.messages().stream().noneMatch(ParserDriver.Message::ended),
                () -> "no request may complete: " + o.describe());
        return o;
    }

    static RequestHead accepts(String request) {
        Outcome o = everyWay(request);
        assertFalse(o.failed(), () -> "for " + printable(request) + ": " + o.describe());
        return o.only().head();
    }

    static String get(String target) {
        return "GET " + target + " HTTP/1.1\r\n" + HOST + "\r\n";
    }

    static String withHeaders(String fields) {
        return "GET / HTTP/1.1\r\n" + fields + "\r\n";
    }

    static String post(String fields, String body) {
        return "POST /echo HTTP/1.1\r\n" + HOST + fields + "\r\n" + body;
    }

    static String chunked(String body) {
        return post("Transfer-Encoding: chunked\r\n", body);
    }

    private static String printable(String s) {
        return s.replace("\r", "\\r").replace("\n", "\\n").replace("\0", "\\0");
    }

    @Nested
    class RequestLineRules {
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
    }

    @Nested
    class HeaderRules {
        @Test
        void headerSectionLargerThanTheLimitIs431() {
            HttpLimits limits = HttpLimits.defaults().withMaxHeaderSectionSize(64);
            // "Host: a\r\n" is 9 bytes; "X: " + value + "\r\n" is 5 + value bytes.
            String fits = "GET / HTTP/1.1\r\n" + HOST + "X: " + "v".repeat(64 - 9 - 5) + "\r\n\r\n";
            assertFalse(ParserDriver.everyWay(ParserDriver.bytes(fits), limits).failed());
            String over = "GET / HTTP/1.1\r\n" + HOST + "X: " + "v".repeat(64 - 9 - 5 + 1) + "\r\n\r\n";
            assertEquals(431, ParserDriver.everyWay(ParserDriver.bytes(over), limits).errorStatus());
            assertEquals(431, everyWay(withHeaders(HOST + "X: " + "v".repeat(20_000) + "\r\n")).errorStatus());
        }

        @Test
        void moreFieldsThanTheLimitIs431() {
            HttpLimits limits = HttpLimits.defaults().withMaxHeaderCount(3);
            String three = "GET / HTTP/1.1\r\n" + HOST + "A: 1\r\nB: 2\r\n\r\n";
            assertFalse(ParserDriver.everyWay(ParserDriver.bytes(three), limits).failed());
            String four = "GET / HTTP/1.1\r\n" + HOST + "A: 1\r\nB: 2\r\nC: 3\r\n\r\n";
            assertEquals(431, ParserDriver.everyWay(ParserDriver.bytes(four), limits).errorStatus());
            assertEquals(431, everyWay(withHeaders(HOST + "X: y\r\n".repeat(100))).errorStatus());
        }

        @Test
        void fieldNameMustBeAToken() {
            for (String bad : new String[] {"Fo@: x", "{: 1", ": x", "\u0085x: y", "a\u001bb: c", "Te\u0000st: x",
                    "Content-Length\u0085: 1", "Transfer-\r\nEncoding: chunked"}) {
                rejects(400, withHeaders(HOST + bad + "\r\n"));
            }
            assertEquals("1", accepts(withHeaders(HOST + "|~: 1\r\n")).headers().get("|~"));
        }

        @Test
        void whitespaceBetweenNameAndColonIs400() {
            rejects(400, withHeaders(HOST + "Content-Length : 0\r\n"));
            rejects(400, withHeaders(HOST + "foo\t: bar\r\n"));
        }

        @Test
        void fieldLineWithoutColonIs400() {
            rejects(400, withHeaders(HOST + "Content-Length 10\r\n"));
            rejects(400, withHeaders(HOST + "c\0\r\n"));
        }

        @Test
        void obsFoldIs400() {
            rejects(400, withHeaders(HOST + "X: a\r\n b\r\n"));
            rejects(400, withHeaders(HOST + "X: a\r\n\tb\r\n"));
            rejects(400, withHeaders(HOST + "X: a\r\n \r\n"));
            rejects(400, withHeaders(" " + HOST));
            rejects(400, withHeaders("\tContent-Length: 1\r\n" + HOST));
        }

        @Test
        void valueLosesSurroundingWhitespace() {
            Headers h = accepts(withHeaders(HOST + "X: \t a \t b \t \r\nY:z\r\nE:\r\nF: \t \r\n")).headers();
            assertEquals("a \t b", h.get("X"));
            assertEquals("z", h.get("Y"));
            assertEquals("", h.get("E"));
            assertEquals("", h.get("F"));
        }

        @Test
        void controlCharactersInValuesAre400() {
            for (String bad : new String[] {"a\0b", "a\u0001b", "hello\u000cworld", "a\u007fb", "a\u000bb",
                    "\u000bchunked"}) {
                rejects(400, withHeaders(HOST + "X: " + bad + "\r\n"));
            }
        }

        @Test
        void obsTextInValuesIsReadAsLatin1() {
            Headers h = accepts(withHeaders(HOST + "City: D\u00c3\u00bcsseldorf\r\nU: \u0085admin\u00a0\r\n"))
                    .headers();
            assertEquals("D\u00c3\u00bcsseldorf", h.get("City"));
            assertEquals("\u0085admin\u00a0", h.get("U"));
        }

        @Test
        void http11NeedsExactlyOneHost() {
            rejects(400, "GET / HTTP/1.1\r\n\r\n");
            rejects(400, withHeaders(HOST + HOST));
            rejects(400, withHeaders("Host: a\r\nhost: b\r\n"));
            rejects(400, "GET / HTTP/1.0\r\n" + HOST + HOST + "\r\n");
            assertEquals("", accepts(withHeaders("Host:\r\n")).headers().get("Host"));
            assertEquals("0.0.0.0=5000", accepts(withHeaders("Host: 0.0.0.0=5000\r\n")).headers().get("Host"));
            assertEquals("[::1]:80", accepts(withHeaders("Host: [::1]:80\r\n")).headers().get("Host"));
        }

        @Test
        void hostValueMustBeAnAuthority() {
            rejects(400, withHeaders("Host: a b\r\n"));
            rejects(400, withHeaders("Host: user@a\r\n"));
            rejects(400, withHeaders("Host: a/b\r\n"));
            rejects(400, withHeaders("Host: \u00ffa\u00ff\r\n"));
        }
    }

    @Nested
    class LineEndingRules {
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
            assertEquals(RequestParser.Event.NEED_MORE, parser.next(ByteBuffer.wrap(ParserDriver.bytes("GET / HTTP/1.1\r"))));
            assertEquals(RequestParser.Event.ERROR, parser.next(ByteBuffer.wrap(ParserDriver.bytes("X"))));
            assertEquals("bare CR", parser.errorReason());
        }
    }

    @Nested
    class ContentLengthRules {
        @Test
        void onlyDigitsAreAccepted() {
            for (String bad : new String[] {"+5", "-5", "4 2", "0x10", "", "1Z", "5.0", "asdf", "+1_0", "5,",
                    ",5", "5,,5", "\u00a05"}) {
                rejects(400, post("Content-Length: " + bad + "\r\n", "hello"));
            }
        }

        @Test
        void leadingZerosAndSurroundingWhitespaceAreFine() {
            assertEquals(3, accepts(post("Content-Length: 003\r\n", "abc")).contentLength());
            assertEquals(10, accepts(post("Content-Length: 010\r\n", "0123456789")).contentLength());
            assertEquals(2, accepts(post("Content-Length:\t2\t  \r\n", "ab")).contentLength());
        }

        @Test
        void identicalRepeatsFoldAndDifferentOnesAre400() {
            assertEquals(5, accepts(post("Content-Length: 5\r\nContent-Length: 5\r\n", "hello")).contentLength());
            assertEquals(5, accepts(post("Content-Length: 5 , 5\r\n", "hello")).contentLength());
            rejects(400, post("Content-Length: 1\r\nContent-Length: 2\r\n", "ab"));
            rejects(400, post("Content-Length: 1\r\nContent-Length: 0\r\n", "a"));
            rejects(400, post("Content-Length: 1 , 1,2\r\n", "ab"));
            rejects(400, post("Content-Length: \r\nContent-Length: 5\r\n", "hello"));
        }

        @Test
        void overflowIs400() {
            rejects(400, post("Content-Length: 9223372036854775808\r\n", ""));
            rejects(400, post("Content-Length: 1000000000000000000000\r\n", ""));
        }

        @Test
        void lengthAboveTheBodyLimitIs413BeforeTheBody() {
            long max = HttpLimits.DEFAULT_MAX_BODY_SIZE;
            rejects(413, post("Content-Length: " + (max + 1) + "\r\n", ""));
            rejects(413, post("Content-Length: 9223372036854775807\r\n", ""));
            HttpLimits small = HttpLimits.defaults().withMaxBodySize(4);
            String exact = "POST / HTTP/1.1\r\n" + HOST + "Content-Length: 4\r\n\r\nabcd";
            assertFalse(ParserDriver.everyWay(ParserDriver.bytes(exact), small).failed());
        }
    }

    @Nested
    class TransferEncodingRules {
        @Test
        void withContentLengthIs400() {
            rejects(400, post("Content-Length: 5\r\nTransfer-Encoding: chunked\r\n", "0\r\n\r\n"));
            rejects(400, post("Transfer-Encoding: chunked\r\nContent-Length: 5\r\n", "0\r\n\r\n"));
            rejects(400, post("Content-Length: 10\r\nTransfer-Encoding:\r\n", "0\r\n\r\n"));
        }

        @Test
        void chunkedMustBeTheFinalCoding() {
            rejects(400, post("Transfer-Encoding: chunked, gzip\r\n", ""));
            rejects(400, post("Transfer-Encoding: chunked\r\nTransfer-Encoding: deflate\r\n", ""));
            rejects(400, post("Transfer-Encoding: gzip\r\n", "hello"));
            rejects(400, post("Transfer-Encoding: identity\r\n", "x"));
            rejects(400, post("Transfer-Encoding:\r\n", ""));
        }

        @Test
        void otherCodingsBeforeChunkedAre501() {
            rejects(501, post("Transfer-Encoding: gzip, chunked\r\n", "0\r\n\r\n"));
            rejects(501, post("Transfer-Encoding: deflate\r\nTransfer-Encoding: chunked\r\n", "0\r\n\r\n"));
        }

        @Test
        void chunkedTwiceIs400() {
            rejects(400, post("Transfer-Encoding: chunked, chunked\r\n", "0\r\n\r\n"));
            rejects(400, post("Transfer-Encoding: chunked\r\nTransfer-Encoding: chunked\r\n", "0\r\n\r\n"));
        }

        @Test
        void codingMustBeAPlainToken() {
            for (String bad : new String[] {"xchunked", "chunkedchunked", "chunked;x", "chunked; q=1",
                    "\u00a0chunked", "chunked\u00ff", "\"chunked\""}) {
                Outcome o = everyWay(post("Transfer-Encoding: " + bad + "\r\n", "0\r\n\r\n"));
                assertTrue(o.errorStatus() == 400 || o.errorStatus() == 501, bad + ": " + o.describe());
            }
        }

        @Test
        void http10WithTransferEncodingIs400() {
            rejects(400, "POST / HTTP/1.0\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n");
        }

        @Test
        void chunkedIsCaseInsensitiveAndEmptyListElementsAreSkipped() {
            assertTrue(accepts(chunked("0\r\n\r\n").replace("chunked", "cHuNkEd")).chunked());
            assertTrue(accepts(post("Transfer-Encoding: ,chunked\r\n", "0\r\n\r\n")).chunked());
            assertTrue(accepts(post("Transfer-Encoding: , , chunked ,\r\n", "0\r\n\r\n")).chunked());
        }
    }

    @Nested
    class ChunkedBodyRules {
        @Test
        void chunkSizeIsPlainHex() {
            assertEquals("0123456789", everyWay(chunked("a\r\n0123456789\r\n0\r\n\r\n")).only().bodyText());
            assertEquals("0123456789", everyWay(chunked("A\r\n0123456789\r\n00\r\n\r\n")).only().bodyText());
            assertEquals(170, everyWay(chunked("aA\r\n" + "x".repeat(170) + "\r\n0\r\n\r\n")).only().body().length);
            for (String bad : new String[] {"0x5", "+5", "-5", " 5", "5 ", "5\t", "", "Z", "0_2e", "1x", "2 erf",
                    "-0x0", "10\0"}) {
                rejects(400, chunked(bad + "\r\nhello\r\n0\r\n\r\n"));
            }
        }

        @Test
        void chunkSizeOverflowIs400() {
            rejects(400, chunked("ffffffffffffffff\r\nabc"));
            rejects(400, chunked("9".repeat(100) + "\r\nxxx\r\n0\r\n\r\n"));
        }

        @Test
        void chunkExtensionsAreCheckedAndIgnored() {
            String[] good = {"5;a", "5;a=b", "5 ; a = b", "5;a=\"q \\\" s\";b;c=d", "5;a=\"\"", "5;a\t=\tb"};
            for (String line : good) {
                assertEquals("hello", everyWay(chunked(line + "\r\nhello\r\n0\r\n\r\n")).only().bodyText(), line);
            }
            String[] bad = {"5;", "5;=b", "5;a=", "5;a=\"open", "5;a=b c", "5;a=b ", "5;a@b", "5;a=\"\u0001\""};
            for (String line : bad) {
                rejects(400, chunked(line + "\r\nhello\r\n0\r\n\r\n"));
            }
        }

        @Test
        void chunkLineLongerThanTheLimitIs400() {
            int max = HttpLimits.DEFAULT_MAX_CHUNK_LINE_LENGTH;
            String ext = ";x=" + "y".repeat(max - 4);
            assertEquals(max, ("5" + ext).length());
            assertEquals("hello", everyWay(chunked("5" + ext + "\r\nhello\r\n0\r\n\r\n")).only().bodyText());
            rejects(400, chunked("5" + ext + "y\r\nhello\r\n0\r\n\r\n"));
        }

        @Test
        void chunkDataMustEndWithCrlf() {
            rejects(400, chunked("5\r\nABCDE0\r\n\r\n"));
            rejects(400, chunked("3\r\nxxx__1a\r\n"));
            rejects(400, chunked("3\r\nfoo\r\n\r\n"));
        }

        @Test
        void trailersAreValidatedAndDropped() {
            Outcome o = everyWay(chunked("1\r\nZ\r\n0\r\nX: GET /smuggled HTTP/1.1\r\nVary: *\r\n\r\n")
                    + "GET /next HTTP/1.1\r\n" + HOST + "\r\n");
            assertEquals(2, o.messages().size());
            assertEquals("Z", o.messages().get(0).bodyText());
            assertFalse(o.messages().get(0).head().headers().contains("Vary"));
            assertEquals("/next", o.messages().get(1).head().path());
            assertFalse(o.messages().get(1).head().headers().contains("X"), "trailers never leak");
            rejects(400, chunked("0\r\nX : y\r\n\r\n"));
            rejects(400, chunked("0\r\n folded\r\n\r\n"));
            rejects(400, chunked("0\r\nX: a\0b\r\n\r\n"));
        }

        @Test
        void trailerSectionLargerThanTheLimitIs431() {
            HttpLimits limits = HttpLimits.defaults().withMaxTrailerSectionSize(16);
            String fits = chunked("0\r\nX: " + "v".repeat(16 - 5) + "\r\n\r\n");
            assertFalse(ParserDriver.everyWay(ParserDriver.bytes(fits), limits).failed());
            String over = chunked("0\r\nX: " + "v".repeat(16 - 5 + 1) + "\r\n\r\n");
            assertEquals(431, ParserDriver.everyWay(ParserDriver.bytes(over), limits).errorStatus());
        }

        @Test
        void chunkedBodyAboveTheLimitIs413() {
            HttpLimits limits = HttpLimits.defaults().withMaxBodySize(10);
            String fits = chunked("5\r\nhello\r\n5\r\nworld\r\n0\r\n\r\n");
            assertEquals("helloworld", ParserDriver.everyWay(ParserDriver.bytes(fits), limits).only().bodyText());
            String over = chunked("5\r\nhello\r\n6\r\nworld!\r\n0\r\n\r\n");
            Outcome o = ParserDriver.everyWay(ParserDriver.bytes(over), limits);
            assertEquals(413, o.errorStatus());
            assertEquals("hello", o.only().bodyText(), "the first chunk was delivered, the second refused");
            rejects(413, chunked("7fffffffffffffff\r\n"));
        }
    }

    @Nested
    class TerminalErrorRules {
        @Test
        void nothingIsParsedAfterAnError() {
            RequestParser parser = new RequestParser(HttpLimits.defaults());
            ByteBuffer in = ByteBuffer.wrap(ParserDriver.bytes(
                    "GET / HTTP/1.1\r\nX : y\r\n\r\nGET / HTTP/1.1\r\n" + HOST + "\r\n"));
            assertEquals(RequestParser.Event.ERROR, parser.next(in));
            assertEquals(400, parser.errorStatus());
            assertEquals("whitespace before colon", parser.errorReason());
            assertNull(parser.head());
            int position = in.position();
            for (int i = 0; i < 3; i++) {
                assertEquals(RequestParser.Event.ERROR, parser.next(in));
                assertEquals(position, in.position());
            }
        }

        @Test
        void framingErrorHidesTheSmuggledRequest() {
            String smuggled = "GET /smuggled HTTP/1.1\r\n" + HOST + "\r\n";
            rejects(400, post("Content-Length: 5\r\nTransfer-Encoding: chunked\r\n", "0\r\n\r\n" + smuggled));
            rejects(400, post("Content-Length : 42\r\n", smuggled));
            rejects(400, post("Foo: bar\r\n Content-Length: 44\r\n", smuggled));
            rejects(400, post("Visible: :/\rContent-Length: 5\r\n", "hello" + smuggled));
            rejects(400, chunked("0_2e\r\n\r\n" + smuggled));
            rejects(400, chunked("INVALID!!!\r\n" + smuggled));
            rejects(400, post("Transfer-Encoding: chunked\r\n", "17\r\n0\r\n\r\n" + smuggled + "\r\n\r\n0\r\n\r\n"));
            rejects(400, post("Dummy: x\nContent-Length: 27\r\n", smuggled));
        }

        @Test
        void errorAfterAGoodRequestLeavesTheGoodOneIntact() {
            Outcome o = everyWay(get("/first") + "GET /second HTTP/1.1\r\nX: a\0\r\n\r\n" + get("/third"));
            assertEquals(400, o.errorStatus());
            assertEquals(1, o.messages().size());
            assertEquals("/first", o.messages().get(0).head().path());
        }

        @Test
        void errorReasonsAreShortAndSafeForJson() {
            String[] inputs = {get("/a#b"), withHeaders(HOST + "X : y\r\n"), chunked("zz\r\n"),
                    post("Content-Length: x\r\n", ""), "GET / HTTP/3.0\r\n\r\n"};
            for (String input : inputs) {
                String reason = everyWay(input).errorReason();
                assertTrue(reason.matches("[A-Za-z0-9 ./-]{3,60}"), reason);
            }
        }
    }
}
