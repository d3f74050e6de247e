package dev.gyre.http2;

import dev.gyre.http.Headers;
import dev.gyre.http.internal.ParsedHeaders;
import dev.gyre.http.internal.TrailerNames;
import java.util.Arrays;

/**
 * Collects the fields of one request header block or trailer block as HPACK decodes them, and checks them
 * against RFC 9113 §8.2 and §8.3.1. A block that breaks a rule is <em>malformed</em>: a stream error
 * PROTOCOL_ERROR (§8.1.1), reported by {@link #malformed()} rather than thrown, because the rest of the block
 * must still be decoded to keep the HPACK table in step.
 *
 * <table>
 *   <caption>What makes a block malformed</caption>
 *   <tr><td>a field name with an upper-case letter or a character outside {@code token}
 *       (§8.2.1, RFC 9110 §5.1)</td></tr>
 *   <tr><td>a value with NUL, CR, LF or another control but HTAB (§8.2.1, RFC 9110 §5.5), or starting or
 *       ending with a space or tab (§8.2.1); a {@code :method}
 *       or {@code :scheme} that is not a token; a {@code :path} or {@code :authority} with a space, a control
 *       or a non-ASCII character</td></tr>
 *   <tr><td>{@code connection}, {@code keep-alive}, {@code proxy-connection}, {@code transfer-encoding},
 *       {@code upgrade}, or {@code te} other than {@code trailers} (§8.2.2)</td></tr>
 *   <tr><td>a pseudo-header after a regular field, repeated, unknown, a response one, or any in trailers
 *       (§8.3)</td></tr>
 *   <tr><td>no {@code :method}; no {@code :scheme} or {@code :path} (not CONNECT); an empty {@code :path}, or one
 *       not starting with {@code /} (other than {@code *} for OPTIONS); CONNECT with {@code :scheme},
 *       {@code :path} or without {@code :authority} (§8.3.1, §8.5)</td></tr>
 *   <tr><td>an {@code :authority} with userinfo, or a {@code host} that differs from it (§8.3.1)</td></tr>
 *   <tr><td>a {@code content-length} that is not a number, or several that differ (RFC 9110 §8.6)</td></tr>
 *   <tr><td>in trailers, a field that frames, routes, qualifies or authenticates the request, which RFC 9110
 *       §6.5.1 keeps out of them ({@link TrailerNames#isRefusedOnReceipt}: {@code content-length}, {@code host},
 *       {@code authorization} …)</td></tr>
 * </table>
 *
 * <p>The regular fields become read-only {@link Headers}, as HTTP/1.1's parser makes them: each name and value is
 * checked here, by rules that include those of {@link Headers#add}, so they are not checked a second time (nor,
 * for the same two strings out of the HPACK table, on the next request: {@link CheckedFields}). A
 * request without {@code host} gets one from {@code :authority}, as the handlers know it from HTTP/1.1.
 *
 * <p>One instance per block; not thread-safe.
 */
final class RequestFields implements HpackDecoder.FieldSink {
    private final boolean trailers;
    private final CheckedFields checked;
    /** The regular fields so far, name and value interleaved, as {@link ParsedHeaders#copyOf} takes them. */
    private String[] fields = new String[16];
    private int fieldCount;
    private String method;
    private String scheme;
    private String authority;
    private String path;
    private String cookie;
    private long contentLength = -1;
    private boolean regularSeen;
    private String malformed;

    /**
     * @param trailers whether this is a trailer block, where no pseudo-header may appear
     * @param checked  the connection's fields that passed the checks of their strings before
     */
    RequestFields(boolean trailers, CheckedFields checked) {
        this.trailers = trailers;
        this.checked = checked;
    }

    @Override
    public void field(String name, String value) {
        if (malformed != null) {
            return;
        }
        boolean known = checked.contains(name, value);
        if (!name.isEmpty() && name.charAt(0) == ':') {
            pseudo(name, value, known);
        } else {
            regularSeen = true;
            if (!known && !validName(name)) {
                malformed = "field name '" + name + "'";
            } else if (!known && !validValue(value)) {
                malformed = "value of " + name;
            } else {
                if (!known) {
                    checked.add(name, value);
                }
                regular(name, value);
            }
        }
    }

    private void pseudo(String name, String value, boolean known) {
        if (trailers || regularSeen) {
            malformed = name + (trailers ? " in trailers" : " after a regular field");
            return;
        }
        switch (name) {
            case ":method" -> method = once(method, name, value, known || isToken(value));
            case ":scheme" -> scheme = once(scheme, name, value, known || isToken(value));
            case ":authority" -> authority = once(authority, name, value, known || isVisibleAscii(value));
            case ":path" -> path = once(path, name, value, known || isVisibleAscii(value));
            default -> malformed = "pseudo-header " + name;
        }
        if (!known && malformed == null) {
            checked.add(name, value);
        }
    }

    /** The value of a pseudo-header seen for the first time, with a valid value; else the block is malformed. */
    private String once(String current, String name, String value, boolean valid) {
        if (current != null) {
            malformed = "repeated " + name;
        } else if (!valid) {
            malformed = "value of " + name;
        }
        return value;
    }

    private void regular(String name, String value) {
        if (trailers && TrailerNames.isRefusedOnReceipt(name)) {
            malformed = name + " in trailers";
            return;
        }
        if (ConnectionSpecificFields.contains(name)) {
            malformed = "connection-specific field " + name;
        }
        switch (name) {
            case "te" -> {
                if (!value.equals("trailers")) {
                    malformed = "te: " + value;
                }
            }
            case "content-length" -> {
                long length = parseLength(value);
                if (length < 0 || (contentLength >= 0 && contentLength != length)) {
                    malformed = "content-length: " + value;
                }
                contentLength = length;
            }
            case "cookie" -> {
                cookie = cookie == null ? value : cookie + "; " + value;
                return;
            }
            default -> {
            }
        }
        append(name, value);
    }

    private void append(String name, String value) {
        if (2 * fieldCount == fields.length) {
            fields = Arrays.copyOf(fields, 2 * fields.length);
        }
        fields[2 * fieldCount] = name;
        fields[2 * fieldCount + 1] = value;
        fieldCount++;
    }

    /** The value of the first regular field named {@code name} (lower case), or null. */
    private String first(String name) {
        for (int i = 0; i < fieldCount; i++) {
            if (fields[2 * i].equals(name)) {
                return fields[2 * i + 1];
            }
        }
        return null;
    }

    /** Why the block is malformed, or {@code null} if it is not (check after the whole block is decoded). */
    String malformed() {
        if (malformed != null || trailers) {
            return malformed;
        }
        if (method == null) {
            return "no :method";
        }
        if (method.equals("CONNECT")) {
            if (scheme != null || path != null || authority == null) {
                return "CONNECT needs :authority alone";
            }
        } else if (scheme == null || path == null) {
            return "no " + (scheme == null ? ":scheme" : ":path");
        } else if (!path.startsWith("/") && !(path.equals("*") && method.equals("OPTIONS"))) {
            return ":path '" + path + "'";
        }
        if (authority != null && authority.indexOf('@') >= 0) {
            return ":authority with userinfo";
        }
        String host = first("host");
        if (host != null && authority != null && !host.equals(authority)) {
            return "host differs from :authority";
        }
        return null;
    }

    /** The request, once {@link #malformed()} returned {@code null}. */
    Http2Request request() {
        finishCookie();
        String host = first("host");
        if (host == null && authority != null) {
            append("host", authority);
        }
        return new Http2Request(method, scheme, authority != null ? authority : host, path,
                ParsedHeaders.copyOf(fields, fieldCount), contentLength);
    }

    /** The trailer fields, once {@link #malformed()} returned {@code null}. */
    Headers trailers() {
        finishCookie();
        return ParsedHeaders.copyOf(fields, fieldCount);
    }

    private void finishCookie() {
        if (cookie != null) {
            append("cookie", cookie);
            cookie = null;
        }
    }

    /** A field name: a token without upper-case letters (§8.2.1). */
    private static boolean validName(String name) {
        if (!isToken(name)) {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c >= 'A' && c <= 'Z') {
                return false;
            }
        }
        return true;
    }

    /** RFC 9110 §5.6.2 {@code token}. */
    private static boolean isToken(String s) {
        if (s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || "!#$%&'*+-.^_`|~".indexOf(c) >= 0;
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    /** Printable US-ASCII without spaces, as a request target and an authority are (RFC 9112 §3.2). */
    private static boolean isVisibleAscii(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c <= 0x20 || c >= 0x7F) {
                return false;
            }
        }
        return true;
    }

    /**
     * RFC 9110 §5.5 field-value: VCHAR, SP, HTAB and obs-text, which rules out the NUL, CR and LF of RFC 9113
     * §8.2.1 and every other control; and no leading or trailing whitespace.
     */
    private static boolean validValue(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if ((c < 0x20 && c != '\t') || c == 0x7F) {
                return false;
            }
        }
        return value.isEmpty() || !(isBlank(value.charAt(0)) || isBlank(value.charAt(value.length() - 1)));
    }

    private static boolean isBlank(char c) {
        return c == ' ' || c == '\t';
    }

    private static long parseLength(String value) {
        if (value.isEmpty() || value.length() > 18) {
            return -1;
        }
        long n = 0;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            n = n * 10 + (c - '0');
        }
        return n;
    }
}
