package dev.gyre.multipart;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The parameters of a header value such as {@code form-data; name="file"; filename="a b.txt"} or
 * {@code multipart/form-data; boundary=----x} (RFC 9110 §5.6.6): names are case-insensitive (kept lower-case),
 * values are tokens or quoted strings, whose backslash escapes are undone. A value that is neither (a browser's
 * unquoted file name with spaces) is taken up to the next {@code ;}, trimmed: a form must not fail for a name.
 * A parameter without {@code =} is skipped.
 */
final class HeaderParameters {
    private HeaderParameters() {
    }

    /** The lower-cased value before the first {@code ;}: {@code multipart/form-data}, {@code form-data}. */
    static String essence(String value) {
        int semi = value.indexOf(';');
        return (semi < 0 ? value : value.substring(0, semi)).trim().toLowerCase(Locale.ROOT);
    }

    /** The parameters after the essence, by lower-cased name; the first of a repeated name wins. */
    static Map<String, String> parse(String value) {
        Map<String, String> parameters = new LinkedHashMap<>();
        int i = value.indexOf(';');
        while (i >= 0 && i < value.length()) {
            i++;
            int eq = value.indexOf('=', i);
            if (eq < 0) {
                break;
            }
            int nextSemi = value.indexOf(';', i);
            if (nextSemi >= 0 && nextSemi < eq) {
                i = nextSemi;
                continue;
            }
            String name = value.substring(i, eq).trim().toLowerCase(Locale.ROOT);
            int at = skipSpaces(value, eq + 1);
            StringBuilder parameter = new StringBuilder();
            if (at < value.length() && value.charAt(at) == '"') {
                at++;
                while (at < value.length() && value.charAt(at) != '"') {
                    char c = value.charAt(at);
                    if (c == '\\' && at + 1 < value.length()) {
                        c = value.charAt(++at);
                    }
                    parameter.append(c);
                    at++;
                }
                i = value.indexOf(';', at);
            } else {
                int semi = value.indexOf(';', at);
                parameter.append(value, at, semi < 0 ? value.length() : semi);
                i = semi;
                parameters.putIfAbsent(name, parameter.toString().trim());
                continue;
            }
            parameters.putIfAbsent(name, parameter.toString());
        }
        return parameters;
    }

    private static int skipSpaces(String value, int at) {
        while (at < value.length() && (value.charAt(at) == ' ' || value.charAt(at) == '\t')) {
            at++;
        }
        return at;
    }
}
