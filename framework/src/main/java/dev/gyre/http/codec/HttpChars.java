package dev.gyre.http.codec;


/**
 * The byte classes of the HTTP grammar, as lookup tables indexed by {@code b & 0xFF}.
 *
 * <p>One table per rule keeps every validation a single array load, and keeps the decisions about which
 * bytes are allowed where in one place that the conformance document can point to.
 */
public final class HttpChars {
    static final byte SP = ' ';
    static final byte HTAB = '\t';
    static final byte CR = '\r';
    static final byte LF = '\n';

    /** {@code tchar} of RFC 9110 §5.6.2: method names, field names, transfer codings, extension names. */
    private static final boolean[] TCHAR = new boolean[256];
    /**
     * Request-target bytes: visible ASCII except {@code " # < >}. These four are exactly what the WHATWG URL
     * standard always percent-encodes, so no browser sends them raw; {@code #} would start a fragment, which
     * RFC 9112 §3.2 does not allow in a request. Characters RFC 3986 excludes but browsers send unescaped in
     * queries ({@code | { } ^ ` [ ] \}) are accepted: rejecting them breaks real clients and has no framing
     * consequence. Bytes ≥ 0x80, controls and SP are never allowed.
     */
    private static final boolean[] TARGET = new boolean[256];
    /** Field value bytes of RFC 9110 §5.5: VCHAR, SP, HTAB and obs-text; every other control is refused. */
    private static final boolean[] FIELD_VALUE = new boolean[256];
    /** {@code uri-host [":" port]} of RFC 3986 §3.2.2: reg-name, IPv4 and IP-literal characters. */
    private static final boolean[] HOST = new boolean[256];
    /** {@code qdtext} of RFC 9110 §5.6.4, used by chunk extensions. */
    private static final boolean[] QDTEXT = new boolean[256];

    static {
        for (int c = '0'; c <= '9'; c++) {
            TCHAR[c] = HOST[c] = true;
        }
        for (int c = 'a'; c <= 'z'; c++) {
            TCHAR[c] = TCHAR[c - 32] = HOST[c] = HOST[c - 32] = true;
        }
        for (char c : "!#$%&'*+-.^_`|~".toCharArray()) {
            TCHAR[c] = true;
        }
        for (char c : "-._~%!$&'()*+,;=:[]".toCharArray()) {
            HOST[c] = true;
        }
        for (int c = 0x21; c <= 0x7E; c++) {
            TARGET[c] = c != '"' && c != '#' && c != '<' && c != '>';
        }
        for (int c = 0x20; c <= 0xFF; c++) {
            FIELD_VALUE[c] = c != 0x7F;
            QDTEXT[c] = c != 0x7F && c != '"' && c != '\\';
        }
        FIELD_VALUE[HTAB] = QDTEXT[HTAB] = true;
    }

    private HttpChars() {
    }

    public static boolean isTchar(byte b) {
        return TCHAR[b & 0xFF];
    }

    static boolean isTargetChar(byte b) {
        return TARGET[b & 0xFF];
    }

    public static boolean isFieldValueChar(byte b) {
        return FIELD_VALUE[b & 0xFF];
    }

    static boolean isHostChar(byte b) {
        return HOST[b & 0xFF];
    }

    static boolean isQdtext(byte b) {
        return QDTEXT[b & 0xFF];
    }

    /** Whether the byte may follow a backslash in a quoted-pair (RFC 9110 §5.6.4): HTAB, SP, VCHAR, obs-text. */
    static boolean isQuotedPairChar(byte b) {
        return FIELD_VALUE[b & 0xFF];
    }

    static boolean isOws(byte b) {
        return b == SP || b == HTAB;
    }

    static boolean isDigit(byte b) {
        return b >= '0' && b <= '9';
    }

    /** The value of a hexadecimal digit, or -1. */
    static int hexValue(byte b) {
        if (b >= '0' && b <= '9') {
            return b - '0';
        }
        int lower = b | 0x20;
        return lower >= 'a' && lower <= 'f' ? lower - 'a' + 10 : -1;
    }

    static byte toLowerAscii(byte b) {
        return b >= 'A' && b <= 'Z' ? (byte) (b + 32) : b;
    }

    /** Whether {@code buf[off, off + lower.length)} equals the lower-case ASCII bytes, ignoring case. */
    static boolean equalsIgnoreCase(byte[] buf, int off, int len, byte[] lower) {
        if (len != lower.length) {
            return false;
        }
        for (int i = 0; i < len; i++) {
            if (toLowerAscii(buf[off + i]) != lower[i]) {
                return false;
            }
        }
        return true;
    }

    /** Whether the ISO-8859-1 string {@code s} is exactly the text of {@code buf[off, off + len)}. */
    static boolean spells(String s, byte[] buf, int off, int len) {
        if (s.length() != len) {
            return false;
        }
        for (int i = 0; i < len; i++) {
            if (s.charAt(i) != (buf[off + i] & 0xFF)) {
                return false;
            }
        }
        return true;
    }

    /** Whether the comma-separated {@code list} names {@code token} (case-insensitive, optional white space). */
    public static boolean listsToken(String list, String token) {
        int start = 0;
        int len = list.length();
        while (start <= len) {
            int comma = list.indexOf(',', start);
            int end = comma < 0 ? len : comma;
            int a = start;
            int b = end;
            while (a < b && isOws(list.charAt(a))) {
                a++;
            }
            while (b > a && isOws(list.charAt(b - 1))) {
                b--;
            }
            if (b - a == token.length() && list.regionMatches(true, a, token, 0, token.length())) {
                return true;
            }
            if (comma < 0) {
                return false;
            }
            start = comma + 1;
        }
        return false;
    }

    private static boolean isOws(char c) {
        return c == ' ' || c == '\t';
    }
}
