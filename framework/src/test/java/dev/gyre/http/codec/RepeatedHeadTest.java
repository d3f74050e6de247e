package dev.gyre.http.codec;

import static dev.gyre.http.codec.ParserDriver.crlf;
import static dev.gyre.http.codec.ParserDriver.everyWay;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gyre.http.Headers;
import dev.gyre.http.HttpLimits;
import dev.gyre.http.codec.ParserDriver.Outcome;
import dev.gyre.http.RequestHead;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * A connection's requests share what repeats from the previous one (strings, {@link Headers}, the whole
 * {@link RequestHead}), and sharing never changes what a request reads: every sequence must parse to
 * exactly what each request gives alone.
 */
class RepeatedHeadTest {
    private static final String POLL = crlf("""
            GET /items?page=2 HTTP/1.1
            Host: localhost:8080
            Accept: application/json
            X-Api-Key: k-123

            """);

    @Test
    void aRepeatedRequestIsTheSameHead() {
        List<RequestHead> heads = heads(POLL + POLL + POLL);
        assertSame(heads.get(0), heads.get(1));
        assertSame(heads.get(0), heads.get(2));
        assertEquals("/items", heads.get(2).path());
        assertEquals("page=2", heads.get(2).query());
    }

    @Test
    void anotherTargetKeepsTheHeaders() {
        List<RequestHead> heads = heads(POLL + POLL.replace("/items?page=2", "/items/7?full=yes"));
        assertNotSame(heads.get(0), heads.get(1));
        assertSame(heads.get(0).headers(), heads.get(1).headers());
        assertEquals("/items/7", heads.get(1).path());
        assertEquals("full=yes", heads.get(1).query());
    }

    @Test
    void aChangedFieldKeepsTheStringsThatRepeat() {
        List<RequestHead> heads = heads(POLL + POLL.replace("k-123", "k-456"));
        Headers first = heads.get(0).headers();
        Headers second = heads.get(1).headers();
        assertNotSame(first, second);
        assertEquals("k-456", second.get("X-Api-Key"));
        assertSame(first.name(2), second.name(2), "the unknown field's name repeats");
        assertSame(first.value(1), second.value(1), "Accept repeats");
        assertSame(heads.get(0).target(), heads.get(1).target());
    }

    @Test
    void aTargetRepeatedByOneConnectionIsSharedWhileTheLoopSeesOthers() {
        SharedStrings loop = new SharedStrings();
        RequestParser other = new RequestParser(HttpLimits.defaults(), loop);
        RequestParser mine = new RequestParser(HttpLimits.defaults(), loop);
        RequestHead first = parseOne(mine, POLL);
        for (int i = 0; i < 8; i++) {
            parseOne(other, POLL.replace("/items?page=2", "/other").replace("k-123", "k-9"));
        }
        assertSame(first, parseOne(mine, POLL));
    }

    @Test
    void theHeadersOfARequestAreReadOnly() {
        Headers headers = heads(POLL).get(0).headers();
        assertThrows(UnsupportedOperationException.class, () -> headers.add("X-More", "1"));
        assertThrows(UnsupportedOperationException.class, () -> headers.set("Accept", "*/*"));
        assertThrows(UnsupportedOperationException.class, () -> headers.remove("Accept"));
        assertThrows(UnsupportedOperationException.class, headers::clear);
        assertEquals("application/json", headers.get("Accept"));
    }

    @Test
    void sharingNeverChangesWhatARequestReads() {
        String[] variants = {
            POLL,
            POLL.replace("k-123", "k-456"),
            POLL.replace("X-Api-Key: k-123\r\n", ""),
            POLL.replace("X-Api-Key: k-123\r\n", "X-Api-Key: k-123\r\nX-Trace: t1\r\n"),
            POLL.replace("X-Api-Key", "X-Other"),
            POLL.replace("Accept: application/json\r\n", "Connection: close\r\n"),
            POLL.replace("HTTP/1.1", "HTTP/1.0"),
            POLL.replace("GET", "HEAD"),
            POLL.replace("GET", "DELETE"),
            POLL.replace("/items?page=2", "/items"),
            POLL.replace("/items?page=2", "/items?page=3"),
            POLL.replace("/items?page=2", "http://localhost:8080/items?page=2"),
            POLL.replace("GET /items?page=2", "OPTIONS *"),
            POLL.replace("X-Api-Key: k-123", "x-api-key: k-123"),
            POLL.replace("\r\n\r\n", "\r\nContent-Length: 3\r\n\r\nabc"),
            POLL.replace("\r\n\r\n", "\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n0\r\n\r\n"),
            POLL.replace("\r\n\r\n", "\r\nExpect: 100-continue\r\nContent-Length: 1\r\n\r\nz"),
        };
        Random random = new Random(42);
        for (int round = 0; round < 200; round++) {
            StringBuilder sequence = new StringBuilder();
            StringBuilder alone = new StringBuilder();
            for (int i = 0; i < 6; i++) {
                String request = variants[random.nextInt(variants.length)];
                sequence.append(request);
                alone.append(everyWay(request).describe());
            }
            assertEquals(alone.toString(), everyWay(sequence.toString()).describe(), sequence.toString());
        }
    }

    @Test
    void aHeadRepeatedByteForByteFramesItsOwnBody() {
        String fixed = POLL.replace("GET", "POST").replace("\r\n\r\n", "\r\nContent-Length: 3\r\n\r\n");
        String chunked = POLL.replace("GET", "POST").replace("\r\n\r\n", "\r\nTransfer-Encoding: chunked\r\n\r\n");
        Outcome outcome = everyWay(fixed + "abc" + fixed + "xyz" + chunked + "2\r\nhi\r\n0\r\n\r\n"
                + chunked + "1\r\n!\r\n0\r\n\r\n" + POLL + POLL);
        assertEquals(0, outcome.errorStatus(), outcome.describe());
        List<String> bodies = outcome.messages().stream().map(ParserDriver.Message::bodyText).toList();
        assertEquals(List.of("abc", "xyz", "hi", "!", "", ""), bodies);
        assertSame(outcome.messages().get(0).head(), outcome.messages().get(1).head());
        assertSame(outcome.messages().get(4).head(), outcome.messages().get(5).head());
    }

    @Test
    void aRepeatedHeadRequestStillKnowsItIsHeadWhenItsBodyFails() {
        String head = crlf("""
                HEAD /items HTTP/1.1
                Host: localhost:8080
                Transfer-Encoding: chunked

                """);
        RequestParser parser = new RequestParser(HttpLimits.defaults());
        java.nio.ByteBuffer in = java.nio.ByteBuffer.wrap(ParserDriver.bytes(head + "0\r\n\r\n" + head + "zz\r\n"));
        assertEquals(RequestParser.Event.HEAD, parser.next(in));
        RequestHead first = parser.head();
        assertEquals(RequestParser.Event.END, parser.next(in));
        assertEquals(RequestParser.Event.HEAD, parser.next(in));
        assertSame(first, parser.head());
        assertEquals(RequestParser.Event.ERROR, parser.next(in));
        assertEquals(400, parser.errorStatus());
        assertTrue(parser.errorInHeadRequest());
    }

    @Test
    void aHeadLongerThanTheKeptBytesStillRepeatsItsHead() {
        String longHead = POLL.replace("k-123", "k-" + "7".repeat(RepeatedHeadBytes.MAX_LENGTH));
        List<RequestHead> heads = heads(longHead + longHead);
        assertSame(heads.get(0), heads.get(1));
    }

    @Test
    void optionsAsteriskIsStillCheckedWhenTheTargetRepeats() {
        Outcome outcome = everyWay(POLL.replace("GET /items?page=2", "OPTIONS *")
                + POLL.replace("GET /items?page=2", "GET *"));
        assertEquals(1, outcome.messages().size());
        assertEquals(400, outcome.errorStatus());
    }

    private static List<RequestHead> heads(String input) {
        Outcome outcome = everyWay(input);
        assertEquals(0, outcome.errorStatus(), outcome.describe());
        return outcome.messages().stream().map(ParserDriver.Message::head).toList();
    }

    private static RequestHead parseOne(RequestParser parser, String request) {
        java.nio.ByteBuffer in = java.nio.ByteBuffer.wrap(ParserDriver.bytes(request));
        assertEquals(RequestParser.Event.HEAD, parser.next(in));
        RequestHead head = parser.head();
        assertEquals(RequestParser.Event.END, parser.next(in));
        return head;
    }
}
