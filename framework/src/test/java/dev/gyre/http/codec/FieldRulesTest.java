package dev.gyre.http.codec;

import static dev.gyre.http.codec.ParserDriver.everyWay;
import static dev.gyre.http.codec.Rules.HOST;
import static dev.gyre.http.codec.Rules.accepts;
import static dev.gyre.http.codec.Rules.get;
import static dev.gyre.http.codec.Rules.rejects;
import static dev.gyre.http.codec.Rules.withHeaders;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.gyre.http.Headers;
import dev.gyre.http.HttpLimits;
import org.junit.jupiter.api.Test;

/**
 * The header field rules (RFC 9112, RFC 9110): one test per rule,
 * named in {@code docs/http-conformance.md}. Every input is parsed whole, byte by byte and in random splits,
 * which must all agree.
 */
class FieldRulesTest {
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
