package dev.gyre.http.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.gyre.http.codec.ParserDriver.Message;
import dev.gyre.http.codec.ParserDriver.Outcome;
import dev.gyre.http.Upgrade;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The trickiest cases of the h1probe conformance corpus ({@code conformance/corpus.json}, cases taken from
 * llhttp, http-parser, picohttpparser, h11, the HTTP Garden and smuggler), copied here so the unit tests
 * stay self-contained. Each expectation is one of the outcomes the corpus accepts, written compactly:
 * {@code path[body]} per request that ended, {@code path[body]...} for one cut short, and {@code !status}
 * when the parser stopped with an error. Targets point at the sample app's paths, as in the corpus.
 */
class CorpusCasesTest {
    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void parsesAsTheCorpusAllows(String id, String raw, String expected) {
        assertEquals(expected, compact(ParserDriver.everyWay(raw)));
    }

    static String compact(Outcome o) {
        StringBuilder sb = new StringBuilder();
        for (Message m : o.messages()) {
            sb.append(m.head().path()).append('[').append(m.bodyText().replace("\r", "\\r").replace("\n", "\\n"))
                    .append(m.ended() ? "] " : "]... ");
        }
        if (o.failed()) {
            sb.append('!').append(o.errorStatus());
        }
        return sb.toString().trim();
    }

    static Stream<Arguments> cases() {
        return Stream.of(
                // extra CRLF CRLF between pipelined requests (implicit keep-alive)
                Arguments.of("llhttp-conn-crlf-between-requests",
                        "POST /echo HTTP/1.1\r\n"
                        + "Host: www.example.com\r\n"
                        + "Content-Type: application/x-www-form-urlencoded\r\n"
                        + "Content-Length: 4\r\n"
                        + "\r\n"
                        + "q=42\r\n"
                        + "\r\n"
                        + "GET /plaintext HTTP/1.1\r\n"
                        + "Host: localhost\r\n"
                        + "\r\n",
                        "/echo[q=42] /plaintext[]"),
                // ignored Upgrade keeps Content-Length framing: body "abcd", rest "efgh" is not tunnelled
                Arguments.of("llhttp-conn-upgrade-body-framing",
                        "POST /echo HTTP/1.1\r\n"
                        + "Host: localhost\r\n"
                        + "Connection: upgrade\r\n"
                        + "Content-Length: 4\r\n"
                        + "Upgrade: ws\r\n"
                        + "\r\n"
                        + "abcdefgh",
                        "/echo[abcd]"),
                // Content-Length: 10^21 (overflow)
                Arguments.of("llhttp-cl-overflow",
                        "POST /echo HTTP/1.1\r\n"
                        + "Host: localhost\r\n"
                        + "Content-Length: 1000000000000000000000\r\n"
                        + "\r\n"
                        + "abc",
                        "!400"),
                // header block ended by CRLF CR + body (no LF)
                Arguments.of("llhttp-cl-missing-crlfcrlf",
                        "POST /echo HTTP/1.1\r\n"
                        + "Host: localhost\r\n"
                        + "Content-Length: 3\r\n"
                        + "\rabc",
                        "!400"),
                // bare LF ends "x:x" line before Transfer-Encoding: chunked
                Arguments.of("llhttp-invalid-headers-separated-by-lf",
                        "POST /echo HTTP/1.1\r\n"
                        + "Host: localhost\r\n"
                        + "x:x\n"
                        + "Transfer-Encoding: chunked\r\n"
                        + "\r\n"
                        + "1\r\n"
                        + "A\r\n"
                        + "0\r\n"
                        + "\r\n",
                        "!400"),
                // header block ended by "/r/n/rZ" + smuggled request
                Arguments.of("llhttp-invalid-headers-cr-dummy",
                        "GET /plaintext HTTP/1.1\r\n"
                        + "Connection: close\r\n"
                        + "Host: a\r\n"
                        + "\rZGET /smuggled HTTP/1.1\r\n"
                        + "Host: a\r\n"
                        + "\r\n",
                        "!400"),
                // "Dummy: x/nContent-Length: N" - LF-terminated line hides/reveals Content-Length
                Arguments.of("llhttp-invalid-missing-cr-between-headers",
                        "POST /echo HTTP/1.1\r\n"
                        + "Host: localhost\r\n"
                        + "Dummy: x\n"
                        + "Content-Length: 27\r\n"
                        + "\r\n"
                        + "GET /json HTTP/1.1\r\n"
                        + "Dummy: GET /plaintext HTTP/1.1\r\n"
                        + "Host: localhost\r\n"
                        + "\r\n",
                        "!400"),
                // LF-only request incl. LF-only chunk lines and trailer
                Arguments.of("llhttp-invalid-only-lfs",
                        "POST /echo HTTP/1.1\n"
                        + "Host: localhost\n"
                        + "Transfer-Encoding: chunked\n"
                        + "Trailer: Baz\r\n"
                        + "Foo: abc\n"
                        + "Bar: def\n"
                        + "\n"
                        + "1\n"
                        + "A\n"
                        + "1;abc\n"
                        + "B\n"
                        + "1;def=ghi\n"
                        + "C\n"
                        + "1;jkl=\"mno\"\n"
                        + "D\n"
                        + "0\n"
                        + "\n"
                        + "Baz: ghi\n"
                        + "\n",
                        "!400"),
                // obs-fold line " Content-Length: N" must not be read as a header
                Arguments.of("llhttp-invalid-obsfold-content-length",
                        "POST /echo HTTP/1.1\r\n"
                        + "Host: localhost\r\n"
                        + "Foo: bar\r\n"
                        + " Content-Length: 44\r\n"
                        + "\r\n"
                        + "GET /plaintext HTTP/1.1\r\n"
                        + "Host: localhost\r\n"
                        + "\r\n",
                        "!400"),
                // chunk line "5/r/r;ABCD" (bare CR) with Connection: close
                Arguments.of("llhttp-te-chunk-line-bare-cr-close",
                        "POST /echo HTTP/1.1\r\n"
                        + "Host: localhost\r\n"
                        + "Connection: close \r\n"
                        + "Transfer-Encoding: chunked \r\n"
                        + "\r\n"
                        + "5\r\r;ABCD\r\n"
                        + "34\r\n"
                        + "E\r\n"
                        + "0\r\n"
                        + "\r\n"
                        + "GET /json HTTP/1.1 \r\n"
                        + "Host: a\r\n"
                        + "Content-Length: 5\r\n"
                        + "\r\n"
                        + "0\r\n"
                        + "\r\n",
                        "/echo[]... !400"),
                // chunk line "2 erfrferferf" (no semicolon)
                Arguments.of("llhttp-te-no-semicolon-before-ext",
                        "POST /echo HTTP/1.1\r\n"
                        + "Host: localhost\r\n"
                        + "Transfer-encoding: chunked\r\n"
                        + "\r\n"
                        + "2 erfrferferf\r\n"
                        + "aa\r\n"
                        + "0 rrrr\r\n"
                        + "\r\n",
                        "/echo[]... !400"),
                // quoted-string chunk extension values with escapes
                Arguments.of("llhttp-te-ext-quoted-string",
                        "POST /echo HTTP/1.1\r\n"
                        + "Host: localhost\r\n"
                        + "Transfer-Encoding: chunked\r\n"
                        + "\r\n"
                        + "5;ilovew3=\"I \\\"love\\\"; \\\\extensions\\\\\";somuchlove=\"aretheseparametersfor\";blah;"
                        + "foo=bar\r\n"
                        + "hello\r\n"
                        + "6;blahblah;blah\r\n"
                        + " world\r\n"
                        + "0\r\n"
                        + "\r\n",
                        "/echo[hello world]"),
                // unterminated quoted-string in chunk extension
                Arguments.of("llhttp-te-ext-unbalanced-quote",
                        "POST /echo HTTP/1.1\r\n"
                        + "Host: localhost\r\n"
                        + "Transfer-Encoding: chunked\r\n"
                        + "\r\n"
                        + "5;ilovew3=\"abc\";somuchlove=\"def; ghi\r\n"
                        + "hello\r\n"
                        + "6;blahblah;blah\r\n"
                        + " world\r\n"
                        + "0\r\n"
                        + "\r\n",
                        "/echo[]... !400"),
                // three empty Transfer-Encoding fields + Content-Length
                Arguments.of("llhttp-te-empty-values-with-cl",
                        "POST /echo HTTP/1.1\r\n"
                        + "Host: localhost\r\n"
                        + "Content-Length: 10\r\n"
                        + "Transfer-Encoding:\r\n"
                        + "Transfer-Encoding:\r\n"
                        + "Transfer-Encoding:\r\n"
                        + "\r\n"
                        + "2\r\n"
                        + "AA\r\n"
                        + "0\r\n"
                        + "\r\n",
                        "!400"),
                // TE: deflate, chunked (unsupported coding before chunked)
                Arguments.of("llhttp-te-deflate-chunked",
                        "POST /echo HTTP/1.1\r\n"
                        + "Host: localhost\r\n"
                        + "Accept: */*\r\n"
                        + "Transfer-Encoding: deflate, chunked\r\n"
                        + "\r\n"
                        + "5\r\n"
                        + "World\r\n"
                        + "0\r\n"
                        + "\r\n",
                        "!501"),
                // "Transfer-Encoding: chunked" continued by obs-fold "abc"
                Arguments.of("llhttp-te-obsfold-after-chunked",
                        "POST /echo HTTP/1.1\r\n"
                        + "Host: localhost\r\n"
                        + "Transfer-Encoding: chunked\r\n"
                        + "  abc\r\n"
                        + "\r\n"
                        + "5\r\n"
                        + "World\r\n"
                        + "0\r\n"
                        + "\r\n",
                        "!400"),
                // PATCH /echo with body (405) then pipelined GET
                Arguments.of("llhttp-method-patch-body-consumed",
                        "PATCH /echo HTTP/1.1\r\n"
                        + "Host: localhost\r\n"
                        + "Content-Type: application/example\r\n"
                        + "If-Match: \"e0023aa4e\"\r\n"
                        + "Content-Length: 10\r\n"
                        + "\r\n"
                        + "ccccccccccGET /plaintext HTTP/1.1\r\n"
                        + "Host: localhost\r\n"
                        + "\r\n",
                        "/echo[cccccccccc] /plaintext[]"),
                // absolute-form with userinfo
                Arguments.of("llhttp-uri-userinfo",
                        "GET http://a%12:b!&*$@localhost/plaintext HTTP/1.1\r\n"
                        + "Host: localhost\r\n"
                        + "\r\n",
                        "!400"),
                // fragment in the request-target
                Arguments.of("llhttp-uri-fragment",
                        "GET /plaintext?page=1#posts-17408 HTTP/1.1\r\n"
                        + "Host: localhost\r\n"
                        + "\r\n",
                        "!400"),
                // many obs-folds incl. "Connection:/r/n close"
                Arguments.of("llhttp-sample-obsfold-crlf",
                        "GET /plaintext HTTP/1.1\r\n"
                        + "Host: localhost\r\n"
                        + "Line1:   abc\r\n"
                        + "\tdef\r\n"
                        + " ghi\r\n"
                        + "\t\tjkl\r\n"
                        + "  mno \r\n"
                        + "\t \tqrs\r\n"
                        + "Line2: \t line2\t\r\n"
                        + "Line3:\r\n"
                        + " line3\r\n"
                        + "Line4: \r\n"
                        + " \r\n"
                        + "Connection:\r\n"
                        + " close\r\n"
                        + "\r\n"
                        + "GET /plaintext HTTP/1.1\r\n"
                        + "Host: localhost\r\n"
                        + "\r\n",
                        "!400"),
                // chunk size "0_2e" + smuggled request
                Arguments.of("garden-chunk-size-underscore",
                        "POST /echo HTTP/1.1\r\n"
                        + "Host: a\r\n"
                        + "Transfer-Encoding: chunked\r\n"
                        + "\r\n"
                        + "0_2e\r\n"
                        + "\r\n"
                        + "GET /smuggled HTTP/1.1\r\n"
                        + "Host: a\r\n"
                        + "Content-Length: 5\r\n"
                        + "\r\n"
                        + "0\r\n"
                        + "\r\n",
                        "/echo[]... !400"),
                // bare CR followed by "Content-Length: 5" inside one field line
                Arguments.of("garden-value-bare-cr-hides-cl",
                        "POST /echo HTTP/1.1\r\n"
                        + "Host: localhost\r\n"
                        + "Visible: :/\rContent-Length: 5\r\n"
                        + "\r\n"
                        + "hello",
                        "!400"),
                // "Transfer-/r/nEncoding: chunked" + CL: 5
                Arguments.of("garden-te-name-split-across-lines",
                        "POST /echo HTTP/1.1\r\n"
                        + "Host: whatever\r\n"
                        + "Transfer-\r\n"
                        + "Encoding: chunked\r\n"
                        + "Content-Length: 5\r\n"
                        + "\r\n"
                        + "0\r\n"
                        + "\r\n",
                        "!400"),
                // trailer field "X:GET /smuggled HTTP/1.1"
                Arguments.of("garden-trailer-looks-like-request",
                        "POST /echo HTTP/1.1\r\n"
                        + "Host: localhost\r\n"
                        + "Transfer-Encoding: chunked\r\n"
                        + "\r\n"
                        + "0\r\n"
                        + "X:GET /smuggled HTTP/1.1\r\n"
                        + "\r\n",
                        "/echo[]"),
                // empty Content-Length then Content-Length: 43
                Arguments.of("garden-cl-empty-then-valid",
                        "POST /echo HTTP/1.1\r\n"
                        + "Host: localhost\r\n"
                        + "Content-Length: \r\n"
                        + "Content-Length: 43\r\n"
                        + "\r\n"
                        + "POST /smuggled HTTP/1.1\r\n"
                        + "Host: localhost\r\n"
                        + "Content-Length: 18\r\n"
                        + "\r\n"
                        + "GET /plaintext HTTP/1.1\r\n"
                        + "Host: localhost\r\n"
                        + "\r\n",
                        "!400"),
                // bare CR inside chunk-ext whitespace
                Arguments.of("garden-chunk-ext-bare-cr",
                        "POST /echo HTTP/1.1\r\n"
                        + "Transfer-Encoding: chunked\r\n"
                        + "Host: h2o.http-garden.us\r\n"
                        + "\r\n"
                        + "41;a=b\r\rXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX\r\n"
                        + "0\r\n"
                        + "\r\n"
                        + "GET /smuggled HTTP/1.1\r\n"
                        + "Host: a\r\n"
                        + "Content-Length: 412\r\n"
                        + "\r\n"
                        + "0\r\n"
                        + "\r\n"
                        + "GET /plaintext HTTP/1.1\r\n"
                        + "Host: h2o.http-garden.us\r\n"
                        + "\r\n",
                        "/echo[]... !400"),
                // extra CRLF between chunk and last-chunk
                Arguments.of("garden-chunk-extra-crlf-before-last",
                        "POST /echo HTTP/1.1\r\n"
                        + "Host: a\r\n"
                        + "Transfer-Encoding: chunked\r\n"
                        + "\r\n"
                        + "17\r\n"
                        + "0\r\n"
                        + "\r\n"
                        + "GET / HTTP/1.1\r\n"
                        + "\r\n"
                        + "\r\n"
                        + "\r\n"
                        + "0\r\n"
                        + "\r\n",
                        "/echo[0\\r\\n\\r\\nGET / HTTP/1.1\\r\\n\\r\\n]... !400"),
                // "Useless:/n/n" then a second request
                Arguments.of("garden-empty-value-then-lf-lf",
                        "GET /plaintext HTTP/1.1\r\n"
                        + "Host: a\r\n"
                        + "Useless:\n"
                        + "\n"
                        + "GET /plaintext HTTP/1.1\r\n"
                        + "Host: a\r\n"
                        + "\r\n",
                        "!400"),
                // Transfer-Encoding: ",chunked" (empty list element)
                Arguments.of("garden-te-comma-chunked",
                        "POST /echo HTTP/1.1\r\n"
                        + "Host: a\r\n"
                        + "Transfer-Encoding: ,chunked\r\n"
                        + "\r\n"
                        + "0\r\n"
                        + "\r\n",
                        "/echo[]"),
                // TE: ",chunked" + Content-Length: 5
                Arguments.of("garden-te-comma-chunked-with-cl",
                        "POST /echo HTTP/1.1\r\n"
                        + "Host: whatever\r\n"
                        + "Transfer-Encoding: ,chunked\r\n"
                        + "Content-Length: 5\r\n"
                        + "\r\n"
                        + "0\r\n"
                        + "\r\n",
                        "!400"),
                // one NUL byte after a complete chunked request
                Arguments.of("garden-extra-nul-after-chunked",
                        "POST /echo HTTP/1.1\r\n"
                        + "Host: whatever\r\n"
                        + "Transfer-Encoding: chunked\r\n"
                        + "\r\n"
                        + "0\r\n"
                        + "\r\n"
                        + "\u0000",
                        "/echo[]"),
                // CL:0 request + request whose 34-byte body arrives later
                Arguments.of("garden-body-in-second-write",
                        "POST /echo HTTP/1.1\r\n"
                        + "Content-Length: 0\r\n"
                        + "Connection:keep-alive\r\n"
                        + "Host: a\r\n"
                        + "id: 0\r\n"
                        + "\r\n"
                        + "POST /echo HTTP/1.1\r\n"
                        + "Host: a\r\n"
                        + "id: 1\r\n"
                        + "Content-Length: 34\r\n"
                        + "\r\n"
                        + "GET / HTTP/1.1\r\n"
                        + "Host: a\r\n"
                        + "id: 2\r\n"
                        + "\r\n",
                        "/echo[] /echo[GET / HTTP/1.1\\r\\nHost: a\\r\\nid: 2\\r\\n\\r\\n]"),
                // GET with a 10-byte body, then a pipelined GET
                Arguments.of("garden-get-with-body",
                        "GET /plaintext HTTP/1.1\r\n"
                        + "Host: localhost\r\n"
                        + "Content-Length: 10\r\n"
                        + "\r\n"
                        + "1234567890GET /plaintext HTTP/1.1\r\n"
                        + "Host: localhost\r\n"
                        + "\r\n",
                        "/plaintext[1234567890] /plaintext[]"),
                // NUL method and dotted garbage version
                Arguments.of("garden-nul-method-garbage-version",
                        "\u0000 / HTTP/............0596.7407.\r\n"
                        + "\r\n",
                        "!400"),
                // HTTP/4294967295.255
                Arguments.of("garden-version-overflow",
                        "GET /plaintext HTTP/4294967295.255\r\n"
                        + "Host: localhost\r\n"
                        + "\r\n",
                        "!400"),
                // Transfer-Encoding: /xffchunked/xff (and Host /xffa/xff)
                Arguments.of("garden-te-0xff-chunked",
                        "POST /echo HTTP/1.1\r\n"
                        + "Host: \u00ffa\u00ff\r\n"
                        + "Transfer-Encoding: \u00ffchunked\u00ff\r\n"
                        + "\r\n"
                        + "1\r\n"
                        + "Z\r\n"
                        + "0\r\n"
                        + "\r\n",
                        "!400"),
                // chunk line "1/r0/n" (bare CR, bare LF)
                Arguments.of("garden-chunk-size-bare-cr",
                        "POST /echo  HTTP/1.1\r\n"
                        + "Host: localhost\r\n"
                        + "Transfer-Encoding: chunked\r\n"
                        + "\r\n"
                        + "1\r0\n"
                        + "\r\n"
                        + "0\r\n"
                        + "\r\n",
                        "!400"),
                // invalid chunked body (size-16-f)
                Arguments.of("pico-chunked-bad-size-16-f",
                        "POST /echo HTTP/1.1\r\n"
                        + "Host: localhost\r\n"
                        + "Transfer-Encoding: chunked\r\n"
                        + "\r\n"
                        + "6\r\n"
                        + "hello \r\n"
                        + "ffffffffffffffff\r\n"
                        + "abcdefg",
                        "/echo[hello ]... !400"),
                // valid chunked body (bws-before-ext)
                Arguments.of("pico-chunked-bws-before-ext",
                        "POST /echo HTTP/1.1\r\n"
                        + "Host: localhost\r\n"
                        + "Transfer-Encoding: chunked\r\n"
                        + "\r\n"
                        + "6 ; comment\r\n"
                        + "hello \r\n"
                        + "5\r\n"
                        + "world\r\n"
                        + "0\r\n"
                        + "\r\n",
                        "/echo[hello world]"),
                // bare LF inside the trailer section (lf-trailers)
                Arguments.of("pico-chunked-trailer-lf-trailers",
                        "POST /echo HTTP/1.1\r\n"
                        + "Host: localhost\r\n"
                        + "Transfer-Encoding: chunked\r\n"
                        + "\r\n"
                        + "6\r\n"
                        + "hello \r\n"
                        + "5\r\n"
                        + "world\r\n"
                        + "0\r\n"
                        + "a: b\n"
                        + "c: d\n"
                        + "\n",
                        "/echo[hello world]... !400"),
                // chunked: nines-overflow
                Arguments.of("h11-chunked-nines-overflow",
                        "POST /echo HTTP/1.1\r\n"
                        + "Host: localhost\r\n"
                        + "Transfer-Encoding: chunked\r\n"
                        + "\r\n"
                        + "9999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999"
                        + "999999999\r\n"
                        + "xxx\r\n"
                        + "0\r\n"
                        + "\r\n",
                        "/echo[]... !400"),
                // Content-Length: "1 , 1,2"
                Arguments.of("h11-cl-list-conflict",
                        "POST /echo HTTP/1.1\r\n"
                        + "Host: localhost\r\n"
                        + "Content-Length: 1 , 1,2\r\n"
                        + "\r\n"
                        + "ab",
                        "!400"),
                // "  folded: line" directly after the request-line
                Arguments.of("h11-folded-first-line",
                        "HEAD /plaintext HTTP/1.1\r\n"
                        + "  folded: line\r\n"
                        + "Host: localhost\r\n"
                        + "\r\n",
                        "!400"),
                // TE gadget Transfer-Encoding/t:/tchunked + Content-Length: 5
                Arguments.of("smuggler-tabprefix2",
                        "POST /echo HTTP/1.1\r\n"
                        + "Transfer-Encoding\t:\tchunked\r\n"
                        + "Host: localhost\r\n"
                        + "Content-Type: application/x-www-form-urlencoded\r\n"
                        + "Content-Length: 5\r\n"
                        + "\r\n"
                        + "0\r\n"
                        + "\r\n",
                        "!400"),
                // TE gadget Transfer-Encoding:/x0bchunked + Content-Length: 5
                Arguments.of("smuggler-midspace-0b",
                        "POST /echo HTTP/1.1\r\n"
                        + "Transfer-Encoding:\u000bchunked\r\n"
                        + "Host: localhost\r\n"
                        + "Content-Type: application/x-www-form-urlencoded\r\n"
                        + "Content-Length: 5\r\n"
                        + "\r\n"
                        + "0\r\n"
                        + "\r\n",
                        "!400"),
                // TE gadget Transfer-Encoding:/xa0chunked + Content-Length: 5
                Arguments.of("smuggler-midspace-a0",
                        "POST /echo HTTP/1.1\r\n"
                        + "Transfer-Encoding:\u00a0chunked\r\n"
                        + "Host: localhost\r\n"
                        + "Content-Type: application/x-www-form-urlencoded\r\n"
                        + "Content-Length: 5\r\n"
                        + "\r\n"
                        + "0\r\n"
                        + "\r\n",
                        "!400"),
                // TE gadget /tTransfer-Encoding: chunked + Content-Length: 5
                Arguments.of("smuggler-prespace-09",
                        "POST /echo HTTP/1.1\r\n"
                        + "\tTransfer-Encoding: chunked\r\n"
                        + "Host: localhost\r\n"
                        + "Content-Type: application/x-www-form-urlencoded\r\n"
                        + "Content-Length: 5\r\n"
                        + "\r\n"
                        + "0\r\n"
                        + "\r\n",
                        "!400"),
                // TE gadget Transfer-Encoding: chunked/xff + Content-Length: 5
                Arguments.of("smuggler-endspace-ff",
                        "POST /echo HTTP/1.1\r\n"
                        + "Transfer-Encoding: chunked\u00ff\r\n"
                        + "Host: localhost\r\n"
                        + "Content-Type: application/x-www-form-urlencoded\r\n"
                        + "Content-Length: 5\r\n"
                        + "\r\n"
                        + "0\r\n"
                        + "\r\n",
                        "!400"),
                // TE gadget X: X/rTransfer-Encoding: chunked + Content-Length: 5
                Arguments.of("smuggler-xprespace-0d",
                        "POST /echo HTTP/1.1\r\n"
                        + "X: X\rTransfer-Encoding: chunked\r\n"
                        + "Host: localhost\r\n"
                        + "Content-Type: application/x-www-form-urlencoded\r\n"
                        + "Content-Length: 5\r\n"
                        + "\r\n"
                        + "0\r\n"
                        + "\r\n",
                        "!400"),
                // TE gadget X: X/nTransfer-Encoding: chunked + Content-Length: 5
                Arguments.of("smuggler-xprespace-0a",
                        "POST /echo HTTP/1.1\r\n"
                        + "X: X\n"
                        + "Transfer-Encoding: chunked\r\n"
                        + "Host: localhost\r\n"
                        + "Content-Type: application/x-www-form-urlencoded\r\n"
                        + "Content-Length: 5\r\n"
                        + "\r\n"
                        + "0\r\n"
                        + "\r\n",
                        "!400"),
                // TE gadget Transfer-Encoding: chunked/rX: X + Content-Length: 5
                Arguments.of("smuggler-endspacex-0d",
                        "POST /echo HTTP/1.1\r\n"
                        + "Transfer-Encoding: chunked\rX: X\r\n"
                        + "Host: localhost\r\n"
                        + "Content-Type: application/x-www-form-urlencoded\r\n"
                        + "Content-Length: 5\r\n"
                        + "\r\n"
                        + "0\r\n"
                        + "\r\n",
                        "!400"),
                // HTTP/2 connection preface + frames sent to an HTTP/1.1 server
                Arguments.of("robust-h2-preface",
                        "PRI * HTTP/2.0\r\n"
                        + "\r\n"
                        + "SM\r\n"
                        + "\r\n"
                        + "\u0000\u0000\u0000\u0004\u0000\u0000\u0000\u0000\u0000\u0000\u0000E\u0001\u0005\u0000\u0000"
                        + "\u0000\u0001\u0000\n"
                        + ":authority\tlocalhost\u0000\u0005:path\u0001/\u0000\u0007:method\u0003GET\u0000\u0007:schem"
                        + "e\u0004http\u0000\u0005test1\u0003\ta\t",
                        "!505"),
                // Content-Length: 10 + chunked body with extensions
                Arguments.of("httpparser-chunked-with-cl",
                        "POST /echo HTTP/1.1\r\n"
                        + "Host: localhost\r\n"
                        + "Content-Length: 10\r\n"
                        + "Transfer-Encoding: chunked\r\n"
                        + "\r\n"
                        + "5; ilovew3;whattheluck=aretheseparametersfor\r\n"
                        + "hello\r\n"
                        + "6; blahblah; blah\r\n"
                        + " world\r\n"
                        + "0\r\n"
                        + "\r\n",
                        "!400"),
                // CONNECT to a foreign authority (origin server: no tunnel)
                Arguments.of("llhttp-method-connect-http10",
                        "CONNECT 0-home0.netscape.com:443 HTTP/1.0\r\n"
                        + "User-agent: Mozilla/1.1N\r\n"
                        + "Proxy-authorization: basic aGVsbG86d29ybGQ=\r\n"
                        + "\r\n"
                        + "some data\r\n"
                        + "and yet even more data",
                        "!501"),
                // HTTP/1.0 without keep-alive: close after first response, ignore pipelined data
                Arguments.of("llhttp-conn-http10-no-restart",
                        "GET /plaintext HTTP/1.0\r\n"
                        + "\r\n"
                        + "GET /plaintext HTTP/1.1\r\n"
                        + "Host: localhost\r\n"
                        + "\r\n",
                        "/plaintext[] /plaintext[]"),
                // CRLF before the request-line
                Arguments.of("llhttp-sample-prefix-newline",
                        "\r\n"
                        + "GET /plaintext HTTP/1.1\r\n"
                        + "Host: localhost\r\n"
                        + "\r\n",
                        "/plaintext[]"));
    }
}
