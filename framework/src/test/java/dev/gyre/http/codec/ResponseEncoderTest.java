package dev.gyre.http.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gyre.http.HttpVersion;
import dev.gyre.http.Response;
import dev.gyre.http.Upgrade;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ResponseEncoderTest {
    /** 1994-11-06T08:49:37Z, the example of RFC 9110 §5.6.7. */
    private static final long RFC_EXAMPLE_MILLIS = 784111777_000L;
    private static final String DATE = "Date: Sun, 06 Nov 1994 08:49:37 GMT\r\n";

    private final ResponseEncoder encoder = new ResponseEncoder(new HttpDate(() -> RFC_EXAMPLE_MILLIS));

    private String encode(Response response, HttpVersion version, boolean keepAlive, boolean omitBody) {
        ByteSink out = new ByteSink(16);
        encoder.encode(response, version, keepAlive, omitBody, true, out);
        return new String(out.array(), 0, out.size(), StandardCharsets.ISO_8859_1);
    }

    @Test
    void simpleOk() {
        assertEquals("HTTP/1.1 200 OK\r\n"
                + "Content-Type: text/plain; charset=utf-8\r\n"
                + DATE
                + "Server: gyre\r\n"
                + "Content-Length: 13\r\n"
                + "\r\n"
                + "Hello, World!", encode(Response.text("Hello, World!"), HttpVersion.HTTP_1_1, true, false));
    }

    @Test
    void headKeepsContentLengthButOmitsTheBody() {
        assertEquals("HTTP/1.1 200 OK\r\nContent-Type: text/plain; charset=utf-8\r\n" + DATE
                + "Server: gyre\r\nContent-Length: 13\r\n\r\n",
                encode(Response.text("Hello, World!"), HttpVersion.HTTP_1_1, true, true));
    }

    @Test
    void noContentHasNeitherLengthNorBody() {
        assertEquals("HTTP/1.1 204 No Content\r\n" + DATE + "Server: gyre\r\n\r\n",
                encode(Response.of(204).body(new byte[] {1, 2}), HttpVersion.HTTP_1_1, true, false));
        assertEquals("HTTP/1.1 304 Not Modified\r\nETag: \"x\"\r\n" + DATE + "Server: gyre\r\n\r\n",
                encode(Response.of(304).header("ETag", "\"x\""), HttpVersion.HTTP_1_1, true, false));
    }

    @Test
    void interimResponsesHaveNoLengthAndNoConnectionField() {
        assertEquals("HTTP/1.1 100 Continue\r\n" + DATE + "Server: gyre\r\n\r\n",
                encode(Response.of(100), HttpVersion.HTTP_1_1, false, false));
        assertEquals("HTTP/1.1 101 Switching Protocols\r\nConnection: Upgrade\r\nUpgrade: websocket\r\n" + DATE
                + "Server: gyre\r\n\r\n", encode(Response.of(101).header("Connection", "Upgrade")
                .header("Upgrade", "websocket"), HttpVersion.HTTP_1_1, true, false));
    }

    @Test
    void connectionFieldFollowsVersionAndKeepAlive() {
        String head = "HTTP/1.1 404 Not Found\r\n" + DATE + "Server: gyre\r\nContent-Length: 0\r\n";
        Response r = Response.of(404);
        assertEquals(head + "\r\n", encode(r, HttpVersion.HTTP_1_1, true, false));
        assertEquals(head + "Connection: close\r\n\r\n", encode(r, HttpVersion.HTTP_1_1, false, false));
        assertEquals(head + "Connection: keep-alive\r\n\r\n", encode(r, HttpVersion.HTTP_1_0, true, false));
        assertEquals(head + "Connection: close\r\n\r\n", encode(r, HttpVersion.HTTP_1_0, false, false));
    }

    @Test
    void appendBodyFalseLeavesTheBodyToTheCaller() {
        ByteSink out = new ByteSink();
        encoder.encode(Response.bytes(new byte[100_000], "application/octet-stream"), HttpVersion.HTTP_1_1, true,
                false, false, out);
        String text = new String(out.array(), 0, out.size(), StandardCharsets.ISO_8859_1);
        assertTrue(text.endsWith("Content-Length: 100000\r\n\r\n"), text);
    }

    @Test
    void unknownStatusGetsAnEmptyReasonPhrase() {
        assertEquals("HTTP/1.1 299 \r\n" + DATE + "Server: gyre\r\nContent-Length: 0\r\n\r\n",
                encode(Response.of(299), HttpVersion.HTTP_1_1, true, false));
        assertEquals("HTTP/1.1 999 \r\n", encode(Response.of(999), HttpVersion.HTTP_1_1, true, false)
                .substring(0, 15));
    }

    @Test
    void handlerFramingFieldsAreIgnoredAndDateAndServerCanBeReplaced() {
        Response r = Response.of(200).body(new byte[] {'a', 'b'})
                .header("content-length", "999")
                .header("Transfer-Encoding", "chunked")
                .header("Server", "custom")
                .header("Date", "Mon, 07 Nov 1994 08:49:37 GMT");
        assertEquals("HTTP/1.1 200 OK\r\nServer: custom\r\nDate: Mon, 07 Nov 1994 08:49:37 GMT\r\n"
                + "Content-Length: 2\r\n\r\nab", encode(r, HttpVersion.HTTP_1_1, true, false));
    }

    @Test
    void headerInjectionIsRejectedWhereTheFieldIsSet() {
        String[][] bad = {
                {"X", "a\r\nSet-Cookie: evil=1"}, {"X", "a\nb"}, {"X", "a\rb"}, {"X", "a\0b"}, {"X", "a\u0001"},
                {"X", "a\u007f"}, {"X", "\u0100"}, {"X", "\u20ac"}, {"X-A\r\nB", "v"}, {"X A", "v"}, {"X:", "v"},
                {"", "v"}, {"\u00c4", "v"}};
        for (String[] field : bad) {
            Response r = Response.of(200).header("Kept", "yes");
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> r.header(field[0], field[1]), field[0]);
            assertTrue(field[0].isEmpty() || e.getMessage().contains(field[0].replace("\r\n", "\\u000D\\u000A")),
                    "the message names the header: " + e.getMessage());
            assertFalse(e.getMessage().contains("\r") || e.getMessage().contains("\n"), "one line: " + e.getMessage());
            assertEquals(1, r.headers().size(), "the headers are unchanged");
            assertThrows(IllegalArgumentException.class, () -> r.headers().set(field[0], field[1]));
            assertEquals("yes", r.headers().get("Kept"), "a refused set removes nothing");
        }
        String ok = encode(Response.of(200).header("X", "a\tb \u00e9\u00ff"), HttpVersion.HTTP_1_1, true, false);
        assertTrue(ok.startsWith("HTTP/1.1 200 OK\r\nX: a\tb \u00e9\u00ff\r\n"), ok);
    }

    @Test
    void chunkedHeadForHttp11() {
        ByteSink out = new ByteSink();
        encoder.encodeChunkedHead(Response.of(200).header("Content-Type", "text/event-stream"),
                HttpVersion.HTTP_1_1, true, out);
        assertEquals("HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\n" + DATE + "Server: gyre\r\n"
                + "Transfer-Encoding: chunked\r\n\r\n", new String(out.array(), 0, out.size(),
                StandardCharsets.ISO_8859_1));
    }

    @Test
    void chunkedHeadForHttp10IsCloseDelimited() {
        ByteSink out = new ByteSink();
        encoder.encodeChunkedHead(Response.of(200), HttpVersion.HTTP_1_0, true, out);
        assertEquals("HTTP/1.1 200 OK\r\n" + DATE + "Server: gyre\r\nConnection: close\r\n\r\n",
                new String(out.array(), 0, out.size(), StandardCharsets.ISO_8859_1));
    }

    @Test
    void encodedResponseIsParsedBackByAStrictReader() {
        ByteSink out = new ByteSink();
        encoder.encode(Response.text("hi"), HttpVersion.HTTP_1_1, false, false, true, out);
        String text = new String(out.array(), 0, out.size(), StandardCharsets.ISO_8859_1);
        String[] parts = text.split("\r\n\r\n", 2);
        assertEquals("hi", parts[1]);
        for (String line : parts[0].split("\r\n")) {
            assertFalse(line.contains("\n") || line.contains("\r"), line);
        }
    }
}
