package dev.gyre.http.codec;

import static dev.gyre.http.codec.ParserDriver.everyWay;
import static dev.gyre.http.codec.Rules.HOST;
import static dev.gyre.http.codec.Rules.accepts;
import static dev.gyre.http.codec.Rules.chunked;
import static dev.gyre.http.codec.Rules.get;
import static dev.gyre.http.codec.Rules.post;
import static dev.gyre.http.codec.Rules.rejects;
import static dev.gyre.http.codec.Rules.withHeaders;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gyre.http.HttpLimits;
import dev.gyre.http.codec.ParserDriver.Message;
import dev.gyre.http.codec.ParserDriver.Outcome;
import java.nio.ByteBuffer;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The message framing rules: Content-Length, Transfer-Encoding, chunked bodies and the terminal error state
 * (RFC 9112, RFC 9110): one test per rule, named in {@code docs/http-conformance.md}. Every input is parsed
 * whole, byte by byte and in random splits, which must all agree.
 */
class FramingRulesTest {
    @Test
    void contentLengthMustBeDigits() {
        for (String bad : new String[] {"+5", "-5", "4 2", "0x10", "", "1Z", "5.0", "asdf", "+1_0", "5,",
                ",5", "5,,5", "\u00a05"}) {
            rejects(400, post("Content-Length: " + bad + "\r\n", "hello"));
        }
    }

    @Test
    void contentLengthAllowsLeadingZerosAndOws() {
        assertEquals(3, accepts(post("Content-Length: 003\r\n", "abc")).contentLength());
        assertEquals(10, accepts(post("Content-Length: 010\r\n", "0123456789")).contentLength());
        assertEquals(2, accepts(post("Content-Length:\t2\t  \r\n", "ab")).contentLength());
    }

    @Test
    void contentLengthRepeatsMustAgree() {
        assertEquals(5, accepts(post("Content-Length: 5\r\nContent-Length: 5\r\n", "hello")).contentLength());
        assertEquals(5, accepts(post("Content-Length: 5 , 5\r\n", "hello")).contentLength());
        rejects(400, post("Content-Length: 1\r\nContent-Length: 2\r\n", "ab"));
        rejects(400, post("Content-Length: 1\r\nContent-Length: 0\r\n", "a"));
        rejects(400, post("Content-Length: 1 , 1,2\r\n", "ab"));
        rejects(400, post("Content-Length: \r\nContent-Length: 5\r\n", "hello"));
    }

    @Test
    void contentLengthOverflowIs400() {
        rejects(400, post("Content-Length: 9223372036854775808\r\n", ""));
        rejects(400, post("Content-Length: 1000000000000000000000\r\n", ""));
    }

    @Test
    void contentLengthAboveTheBodyLimitIs413AtHead() {
        long max = HttpLimits.DEFAULT_MAX_BODY_SIZE;
        rejects(413, post("Content-Length: " + (max + 1) + "\r\n", ""));
        rejects(413, post("Content-Length: 9223372036854775807\r\n", ""));
        HttpLimits small = HttpLimits.defaults().withMaxBodySize(4);
        String exact = "POST / HTTP/1.1\r\n" + HOST + "Content-Length: 4\r\n\r\nabcd";
        assertFalse(ParserDriver.everyWay(ParserDriver.bytes(exact), small).failed());
    }

    @Test
    void transferEncodingWithContentLengthIs400() {
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
    void transferCodingMustBeAPlainToken() {
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
    void trailersAreValidatedAndKeptApartFromTheHead() {
        Outcome o = everyWay(chunked("1\r\nZ\r\n0\r\nX: GET /smuggled HTTP/1.1\r\nChecksum:  abc \r\nchecksum: d\r\n\r\n")
                + "GET /next HTTP/1.1\r\n" + HOST + "\r\n");
        assertEquals(2, o.messages().size());
        Message first = o.messages().get(0);
        assertEquals("Z", first.bodyText());
        assertEquals("GET /smuggled HTTP/1.1", first.trailers().get("x"));
        assertEquals(List.of("abc", "d"), first.trailers().all("Checksum"), "OWS trimmed, order and repeats kept");
        assertFalse(first.head().headers().contains("Checksum"), "trailers are not merged into the head");
        assertThrows(UnsupportedOperationException.class, () -> first.trailers().add("y", "z"), "read-only");
        Message next = o.messages().get(1);
        assertEquals("/next", next.head().path());
        assertTrue(next.trailers().isEmpty(), "a request without a body has no trailers");
        assertFalse(next.head().headers().contains("X"), "trailers never leak");
        rejects(400, chunked("0\r\nX : y\r\n\r\n"));
        rejects(400, chunked("0\r\n folded\r\n\r\n"));
        rejects(400, chunked("0\r\nX: a\0b\r\n\r\n"));
    }

    @Test
    void fieldsThatFrameRouteOrAuthenticateTheRequestAre400InTrailers() {
        for (String name : List.of("Content-Length", "transfer-encoding", "Host", "Authorization", "Trailer",
                "TE", "Cookie", "Expect", "Range", "If-None-Match", "Connection", "Upgrade", "Max-Forwards")) {
            Outcome o = everyWay(chunked("1\r\nZ\r\n0\r\n" + name + ": 1\r\n\r\n"));
            assertEquals(400, o.errorStatus(), name);
            assertEquals("field not allowed in trailers", o.errorReason(), name);
        }
        Outcome kept = everyWay(chunked("1\r\nZ\r\n0\r\nVary: *\r\nContent-Type: text/plain\r\n\r\n"));
        assertEquals("text/plain", kept.only().trailers().get("Content-Type"),
                "fields that do not frame, route or authenticate the request are kept (llhttp's corpus case)");
    }

    @Test
    void moreTrailerFieldsThanTheHeaderFieldLimitIs431() {
        HttpLimits limits = HttpLimits.defaults().withMaxHeaderCount(3);
        String three = chunked("0\r\na: 1\r\nb: 2\r\nc: 3\r\n\r\n");
        assertEquals(3, ParserDriver.everyWay(ParserDriver.bytes(three), limits).only().trailers().size());
        String four = chunked("0\r\na: 1\r\nb: 2\r\nc: 3\r\nd: 4\r\n\r\n");
        Outcome o = ParserDriver.everyWay(ParserDriver.bytes(four), limits);
        assertEquals(431, o.errorStatus());
        assertEquals("too many trailer fields", o.errorReason());
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
