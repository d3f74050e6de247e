package dev.gyre.files;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/** The raw (still percent-encoded) request path, turned into a path below a mount point. */
final class RequestPaths {
    private RequestPaths() {
    }

    /**
     * Whether the raw path holds an encoded slash or backslash ({@code %2F}, {@code %5C}): decoded, it would
     * put a separator inside a segment, so no file is ever served for it.
     */
    static boolean hasEncodedSeparator(String rawPath) {
        String lower = rawPath.toLowerCase(Locale.ROOT);
        return lower.contains("%2f") || lower.contains("%5c");
    }

    /**
     * Percent-decodes a raw path as UTF-8 ({@code +} stays a plus, RFC 3986), or returns {@code null} when it
     * holds an encoded separator, a malformed escape, bytes that are not UTF-8, or a character outside ASCII
     * (RFC 3986 §2.1 wants those encoded). Separators and dots are
     * left as they are for {@link StaticFiles#isSafe} to judge, so {@code %2e%2e} is refused like {@code ..}.
     */
    static String decode(String rawPath) {
        if (hasEncodedSeparator(rawPath)) {
            return null;
        }
        ByteBuffer bytes = ByteBuffer.allocate(rawPath.length());
        for (int i = 0; i < rawPath.length(); i++) {
            char c = rawPath.charAt(i);
            if (c == '%') {
                int hi = i + 2 < rawPath.length() ? Character.digit(rawPath.charAt(i + 1), 16) : -1;
                int lo = hi >= 0 ? Character.digit(rawPath.charAt(i + 2), 16) : -1;
                if (lo < 0) {
                    return null;
                }
                bytes.put((byte) (hi << 4 | lo));
                i += 2;
            } else if (c > 0x7F) {
                return null;
            } else {
                bytes.put((byte) c);
            }
        }
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(bytes.flip())
                    .toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }
}
