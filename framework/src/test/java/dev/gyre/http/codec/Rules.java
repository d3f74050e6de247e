package dev.gyre.http.codec;

import static dev.gyre.http.codec.ParserDriver.everyWay;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gyre.http.codec.ParserDriver.Outcome;
import dev.gyre.http.RequestHead;

/** Request builders and accept/reject assertions shared by the rule tests; every input is parsed every way. */
final class Rules {
    private Rules() {
    }

    static final String HOST = "Host: a\r\n";

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
}
