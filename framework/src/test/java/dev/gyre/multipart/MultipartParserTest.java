package dev.gyre.multipart;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The parser's contract on hand-written bodies, each fed whole, byte by byte and in every piece size in between
 * (as Netty's codec tests do): the same parts, or the same failure, whatever the split.
 */
class MultipartParserTest {
    private static final String B = "XyZ-42";
    private static final MultipartLimits DEFAULTS = MultipartLimits.defaults();

    static final String FORM = """
            --XyZ-42\r
            Content-Disposition: form-data; name="note"\r
            \r
            hello\r
            --XyZ-42\r
            Content-Disposition: form-data; name="file"; filename="../../etc/passwd"\r
            Content-Type: application/octet-stream\r
            \r
            a\r\nb\r\n--XyZ-4\r\r\n-\r
            --XyZ-42--\r
            """;

    private static List<String> everySplit(String body, MultipartLimits limits) {
        byte[] bytes = body.getBytes(StandardCharsets.ISO_8859_1);
        List<String> whole = RecordingListener.parse(B, bytes, bytes.length, limits);
        for (int piece = 1; piece < bytes.length; piece++) {
            assertEquals(whole, RecordingListener.parse(B, bytes, piece, limits), "in pieces of " + piece);
        }
        return whole;
    }

    @Test
    void partsKeepEveryByteThatIsNotADelimiter() {
        assertEquals(List.of("note|null|text/plain=hello",
                        "file|../../etc/passwd|application/octet-stream=a\r\nb\r\n--XyZ-4\r\r\n-"),
                everySplit(FORM, DEFAULTS));
    }

    @Test
    void directBuffersParseAsHeapOnesDo() throws Exception {
        byte[] bytes = FORM.getBytes(StandardCharsets.ISO_8859_1);
        for (int piece : new int[] {1, 7, bytes.length}) {
            RecordingListener listener = new RecordingListener();
            MultipartParser parser = new MultipartParser(B, DEFAULTS, listener);
            for (int at = 0; at < bytes.length; at += piece) {
                int n = Math.min(piece, bytes.length - at);
                parser.feed(ByteBuffer.allocateDirect(n).put(bytes, at, n).flip());
            }
            parser.finish();
            assertEquals(everySplit(FORM, DEFAULTS), listener.parts, "in direct pieces of " + piece);
        }
    }

    @Test
    void preambleEpilogueAndTransportPaddingAreIgnored() {
        String body = "this is a preamble\r\n--XyZ-42  \t\r\nContent-Disposition: form-data; name=a\r\n\r\n1\r\n"
                + "--XyZ-42\r\ncontent-disposition: FORM-DATA; NAME=\"b\\\"q\"\r\n\r\n\r\n--XyZ-42--epilogue\r\n--XyZ-42";
        assertEquals(List.of("a|null|text/plain=1", "b\"q|null|text/plain="), everySplit(body, DEFAULTS));
        assertEquals(List.of("n|a b.txt|text/plain=x"), everySplit("--XyZ-42\r\nContent-Disposition: form-data; flag; "
                + "name=n; filename= a b.txt \r\n\r\nx\r\n--XyZ-42--", DEFAULTS));
    }

    @Test
    void anEmptyFormHasOnlyItsClosingDelimiter() {
        assertEquals(List.of(), everySplit("--XyZ-42--", DEFAULTS));
    }

    @Test
    void aBodyThatEndsInsideAPartIsRefused() {
        List<String> parts = everySplit(FORM.substring(0, FORM.indexOf("a\r\nb")), DEFAULTS);
        assertEquals("400: malformed multipart body: part 'file' is not terminated: the body ended before its boundary",
                parts.getLast());
        assertEquals("400: malformed multipart body: the body ended before its first boundary",
                everySplit("no boundary here", DEFAULTS).getLast());
        assertEquals("400: malformed multipart body: the body ended before its closing boundary",
                everySplit("--XyZ-42\r\nContent-Disposition: form-data; name=a\r\n", DEFAULTS).getLast());
    }

    @Test
    void malformedStructureIsRefused() {
        assertEquals("400: malformed multipart body: a boundary is followed by something other than CRLF or '--'",
                everySplit("--XyZ-42x\r\n", DEFAULTS).getLast());
        assertEquals("400: malformed multipart body: part #1 has no name",
                everySplit("--XyZ-42\r\nContent-Disposition: form-data\r\n\r\nx\r\n--XyZ-42--", DEFAULTS).getLast());
        assertEquals("400: malformed multipart body: part #1 has no Content-Disposition: form-data",
                everySplit("--XyZ-42\r\nContent-Type: text/plain\r\n\r\nx\r\n--XyZ-42--", DEFAULTS).getLast());
        assertEquals("400: malformed multipart body: a part header line does not end with CRLF",
                everySplit("--XyZ-42\r\nContent-Disposition: form-data; name=a\n\r\nx\r\n--XyZ-42--", DEFAULTS)
                        .getLast());
        assertEquals("400: malformed multipart body: bad part header line: no colon",
                everySplit("--XyZ-42\r\nno colon\r\n\r\nx\r\n--XyZ-42--", DEFAULTS).getLast());
    }

    @Test
    void headerValuesAreUtf8AsSentAndNamesAreTokens() {
        assertEquals(List.of("file|报告 é.pdf|text/plain=x"), everySplit(new String(("--XyZ-42\r\nContent-Disposition: "
                + "form-data; name=file; filename=\"报告 é.pdf\"\r\n\r\nx\r\n--XyZ-42--").getBytes(StandardCharsets.UTF_8),
                StandardCharsets.ISO_8859_1), DEFAULTS));
        assertEquals("400: malformed multipart body: bad part header line: Conten\uFFFDt-Disposition: form-data",
                everySplit("--XyZ-42\r\nConten\u00fft-Disposition: form-data\r\n\r\n\r\n--XyZ-42--", DEFAULTS).getLast());
    }

    @Test
    void limitsAnswer413NamingThePart() {
        assertEquals("413: part 'file' is larger than 5 bytes",
                everySplit(FORM, DEFAULTS.withMaxFileSize(5)).getLast());
        assertEquals("413: part 'note' is larger than 4 bytes", everySplit(FORM, DEFAULTS.withMaxFieldSize(4)).getLast());
        assertEquals("413: too many files: part 'file' is one more than 0",
                everySplit(FORM, DEFAULTS.withMaxFiles(0)).getLast());
        assertEquals("413: too many fields: part 'note' is one more than 0",
                everySplit(FORM, DEFAULTS.withMaxFields(0)).getLast());
        assertEquals("413: the headers of part #1 are larger than 64 bytes", everySplit("--XyZ-42\r\nContent-Disposition: "
                + "form-data; name=\"" + "n".repeat(64) + "\"\r\n\r\n\r\n--XyZ-42--", DEFAULTS.withMaxPartHeaderSize(64))
                .getLast());
        assertEquals(List.of("note|null|text/plain=hello", "413: the form is larger than 200 bytes (at part 'file')"),
                everySplit(FORM, DEFAULTS.withMaxFormSize(200)));
        assertEquals(2, everySplit(FORM + "an epilogue is not part of the form".repeat(9),
                DEFAULTS.withMaxFormSize(FORM.length())).size());
    }

    @Test
    void aFailedParserKeepsFailing() throws Exception {
        MultipartParser parser = new MultipartParser(B, DEFAULTS, new RecordingListener());
        MultipartException first = assertThrows(MultipartException.class,
                () -> parser.feed(ByteBuffer.wrap("--XyZ-42?".getBytes(StandardCharsets.US_ASCII))));
        assertEquals(first, assertThrows(MultipartException.class, parser::finish));
        assertTrue(!parser.isComplete());
    }

    @Test
    void theBoundaryComesFromTheContentTypeAndMustBeValid() {
        assertEquals("a'b(c)+_,-./:=? d", MultipartParser.boundaryOf("Multipart/Form-Data; charset=x; boundary=\"a'b(c)+_,-./:=? d\""));
        assertEquals("----WebKitFormBoundary7MA4YWxkTrZu0gW",
                MultipartParser.boundaryOf("multipart/form-data; boundary=----WebKitFormBoundary7MA4YWxkTrZu0gW"));
        assertEquals(400, assertThrows(MultipartException.class,
                () -> MultipartParser.boundaryOf("multipart/form-data")).status());
        assertEquals(400, assertThrows(MultipartException.class,
                () -> MultipartParser.boundaryOf("multipart/mixed; boundary=x")).status());
        assertEquals(400, assertThrows(MultipartException.class,
                () -> MultipartParser.boundaryOf(null)).status());
        for (String bad : List.of("a\rb", "x".repeat(71), "ends ", "semi;colon", "é")) {
            assertEquals(400, assertThrows(MultipartException.class,
                    () -> new MultipartParser(bad, DEFAULTS, new RecordingListener())).status(), bad);
        }
    }
}
