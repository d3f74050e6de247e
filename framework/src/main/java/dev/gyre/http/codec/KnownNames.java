package dev.gyre.http.codec;

import dev.gyre.http.Headers;
import dev.gyre.http.Request;
import dev.gyre.http.Upgrade;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Shared {@code String}s for the methods and header field names nearly every request carries, found by
 * comparing bytes, so that parsing a typical request creates strings only for the target and the values.
 *
 * <p>Methods are case-sensitive (RFC 9110 §9.1), so only an exact match is shared. Field names are
 * case-insensitive (RFC 9110 §5.1): a name is recognised in any case, which is how the parser finds
 * {@code Host}, {@code Content-Length} and the other fields it must understand. The string handed out keeps
 * the case the client sent, as {@link Headers} promises; the common spellings (canonical and lower case)
 * are shared constants, any other spelling becomes a new string.
 */
final class KnownNames {
    /** What the parser has to do with a field beyond storing it. */
    enum Role { HOST, CONTENT_LENGTH, TRANSFER_ENCODING, CONNECTION, EXPECT, NONE }

    /** A field name the parser knows. */
    record Name(String canonical, String lower, byte[] canonicalBytes, byte[] lowerBytes, Role role, int index) {
        /** The name as sent, shared when it is spelled canonically or in lower case. */
        String as(byte[] buf, int off, int len) {
            if (Arrays.equals(buf, off, off + len, canonicalBytes, 0, len)) {
                return canonical;
            }
            if (Arrays.equals(buf, off, off + len, lowerBytes, 0, len)) {
                return lower;
            }
            return new String(buf, off, len, StandardCharsets.ISO_8859_1);
        }
    }

    private static final String[] METHODS = {"GET", "HEAD", "POST", "PUT", "DELETE", "OPTIONS", "PATCH",
            "CONNECT", "TRACE"};
    private static final byte[][] METHOD_BYTES = new byte[METHODS.length][];

    private static final Name[][] NAMES_BY_LENGTH;
    private static final int COUNT;

    static {
        for (int i = 0; i < METHODS.length; i++) {
            METHOD_BYTES[i] = METHODS[i].getBytes(StandardCharsets.US_ASCII);
        }
        List<Name> names = new ArrayList<>();
        add(names, "Host", Role.HOST);
        add(names, "Content-Length", Role.CONTENT_LENGTH);
        add(names, "Transfer-Encoding", Role.TRANSFER_ENCODING);
        add(names, "Connection", Role.CONNECTION);
        add(names, "Expect", Role.EXPECT);
        for (String common : new String[] {"Accept", "Accept-Encoding", "Accept-Language", "Accept-Charset",
                "User-Agent", "Content-Type", "Content-Encoding", "Cookie", "Authorization", "Cache-Control",
                "Pragma", "Origin", "Referer", "Upgrade", "Keep-Alive", "If-None-Match", "If-Modified-Since",
                "Range", "TE", "Trailer", "X-Forwarded-For", "X-Forwarded-Proto", "X-Request-Id",
                "Upgrade-Insecure-Requests", "Sec-WebSocket-Key", "Sec-WebSocket-Version"}) {
            add(names, common, Role.NONE);
        }
        COUNT = names.size();
        int longest = names.stream().mapToInt(n -> n.lowerBytes().length).max().orElseThrow();
        NAMES_BY_LENGTH = new Name[longest + 1][];
        for (int len = 0; len <= longest; len++) {
            final int l = len;
            NAMES_BY_LENGTH[len] = names.stream().filter(n -> n.lowerBytes().length == l).toArray(Name[]::new);
        }
    }

    private static void add(List<Name> names, String canonical, Role role) {
        String lower = canonical.toLowerCase(Locale.ROOT);
        names.add(new Name(canonical, lower, canonical.getBytes(StandardCharsets.US_ASCII),
                lower.getBytes(StandardCharsets.US_ASCII), role, names.size()));
    }

    private KnownNames() {
    }

    /** How many field names are known; their {@link Name#index()}es run from 0 to this, exclusive. */
    static int count() {
        return COUNT;
    }

    /** The method token as a string; a shared constant for the standard methods of RFC 9110 §9. */
    static String method(byte[] buf, int off, int len) {
        for (int i = 0; i < METHODS.length; i++) {
            byte[] m = METHOD_BYTES[i];
            if (Arrays.equals(buf, off, off + len, m, 0, m.length)) {
                return METHODS[i];
            }
        }
        return new String(buf, off, len, StandardCharsets.ISO_8859_1);
    }

    /** The known field name spelled by these bytes in any case, or {@code null}. */
    static Name field(byte[] buf, int off, int len) {
        if (len >= NAMES_BY_LENGTH.length) {
            return null;
        }
        for (Name n : NAMES_BY_LENGTH[len]) {
            if (HttpChars.equalsIgnoreCase(buf, off, len, n.lowerBytes())) {
                return n;
            }
        }
        return null;
    }
}
