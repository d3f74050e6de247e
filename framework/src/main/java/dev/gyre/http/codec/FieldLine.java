package dev.gyre.http.codec;

/**
 * Splits and validates one field line (RFC 9112 §5) of a header or trailer section.
 *
 * <ul>
 *   <li>A line starting with SP or HTAB is obs-fold (§5.2), or whitespace before the first field (§2.2):
 *       both are rejected with 400 rather than unfolded or skipped, since either choice disagrees with
 *       someone.</li>
 *   <li>The name is a non-empty token followed directly by {@code :}; whitespace before the colon is 400
 *       (§5.1, a MUST).</li>
 *   <li>The value loses its leading and trailing OWS (§5); what remains may hold VCHAR, SP, HTAB and
 *       obs-text (0x80–0xFF, read as ISO-8859-1); any other control, NUL included, is 400 (RFC 9110
 *       §5.5).</li>
 * </ul>
 *
 * <p>The results are indexes into the array holding the line, so the caller makes only the strings it keeps.
 */
final class FieldLine {
    int nameEnd;
    int valueStart;
    int valueEnd;

    /** Splits the non-empty line {@code buf[off, off + len)}. */
    void parse(byte[] buf, int off, int len) throws HttpParseException {
        if (HttpChars.isOws(buf[off])) {
            throw HttpParseException.badRequest("obsolete line folding");
        }
        int lineEnd = off + len;
        int i = off;
        while (i < lineEnd && HttpChars.isTchar(buf[i])) {
            i++;
        }
        if (i == lineEnd) {
            throw HttpParseException.badRequest("missing colon in field line");
        }
        if (buf[i] != ':') {
            throw HttpParseException.badRequest(HttpChars.isOws(buf[i])
                    ? "whitespace before colon" : "invalid field name");
        }
        if (i == off) {
            throw HttpParseException.badRequest("empty field name");
        }
        nameEnd = i;
        int start = i + 1;
        int end = lineEnd;
        while (start < end && HttpChars.isOws(buf[start])) {
            start++;
        }
        while (end > start && HttpChars.isOws(buf[end - 1])) {
            end--;
        }
        if (!ByteScan.isFieldValue(buf, start, end)) {
            throw HttpParseException.badRequest("invalid character in field value");
        }
        valueStart = start;
        valueEnd = end;
    }
}
