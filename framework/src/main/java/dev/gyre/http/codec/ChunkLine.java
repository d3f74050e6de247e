package dev.gyre.http.codec;

/**
 * Parses a chunk-size line (RFC 9112 §7.1): {@code chunk-size [ chunk-ext ]}.
 *
 * <p>The size is {@code 1*HEXDIG} and nothing else: no sign, no {@code 0x}, no surrounding whitespace,
 * and a value beyond {@code long} is 400 — each of these is a known way to make two parsers disagree about
 * where a chunk ends. Extensions (§7.1.1) are checked against their grammar, with BWS allowed where the
 * grammar has it, and then ignored; we implement none.
 */
final class ChunkLine {
    private ChunkLine() {
    }

    /** The chunk size declared by {@code buf[off, off + length)}. */
    static long parse(byte[] buf, int off, int length) throws HttpParseException {
        int len = off + length;
        int i = off;
        long size = 0;
        int digit;
        while (i < len && (digit = HttpChars.hexValue(buf[i])) >= 0) {
            if (size > (Long.MAX_VALUE >> 4)) {
                throw HttpParseException.badRequest("chunk size too large");
            }
            size = size << 4 | digit;
            i++;
        }
        if (i == off) {
            throw HttpParseException.badRequest("invalid chunk size");
        }
        checkExtensions(buf, i, len);
        return size;
    }

    /** {@code *( BWS ";" BWS ext-name [ BWS "=" BWS ext-val ] )}, ext-val being a token or quoted-string. */
    private static void checkExtensions(byte[] buf, int i, int len) throws HttpParseException {
        boolean first = true;
        while (i < len) {
            i = skipBws(buf, i, len);
            if (i == len || buf[i] != ';') {
                throw HttpParseException.badRequest(first ? "invalid chunk size" : "invalid chunk extension");
            }
            first = false;
            i = skipBws(buf, i + 1, len);
            int name = i;
            i = skipToken(buf, i, len);
            if (i == name) {
                throw HttpParseException.badRequest("invalid chunk extension");
            }
            int afterName = skipBws(buf, i, len);
            if (afterName < len && buf[afterName] == '=') {
                i = skipBws(buf, afterName + 1, len);
                if (i < len && buf[i] == '"') {
                    i = skipQuotedString(buf, i + 1, len);
                } else {
                    int value = i;
                    i = skipToken(buf, i, len);
                    if (i == value) {
                        throw HttpParseException.badRequest("invalid chunk extension");
                    }
                }
            }
        }
    }

    /** The index after the closing quote of a quoted-string whose content starts at {@code i}. */
    private static int skipQuotedString(byte[] buf, int i, int len) throws HttpParseException {
        while (i < len) {
            byte b = buf[i];
            if (b == '"') {
                return i + 1;
            }
            if (b == '\\' && i + 1 < len && HttpChars.isQuotedPairChar(buf[i + 1])) {
                i += 2;
            } else if (HttpChars.isQdtext(b)) {
                i++;
            } else {
                break;
            }
        }
        throw HttpParseException.badRequest("invalid quoted string in chunk extension");
    }

    private static int skipToken(byte[] buf, int i, int len) {
        while (i < len && HttpChars.isTchar(buf[i])) {
            i++;
        }
        return i;
    }

    private static int skipBws(byte[] buf, int i, int len) {
        while (i < len && HttpChars.isOws(buf[i])) {
            i++;
        }
        return i;
    }
}
