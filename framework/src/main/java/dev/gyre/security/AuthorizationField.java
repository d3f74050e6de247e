package dev.gyre.security;

import dev.gyre.http.Request;
import java.util.Locale;

/**
 * Reads the credentials of one authentication scheme from the {@code Authorization} field
 * (RFC 9110 §11.6.2: {@code <scheme> <credentials>}, the scheme case-insensitive).
 */
final class AuthorizationField {
    private AuthorizationField() {
    }

    /**
     * The credentials after {@code scheme} and its space, or {@code null} when the request has no
     * {@code Authorization} field.
     *
     * @return {@code ""} when the field names another scheme or carries no credentials
     */
    static String credentials(Request request, String scheme) {
        String field = request.header("Authorization");
        if (field == null) {
            return null;
        }
        String value = field.strip();
        int space = value.indexOf(' ');
        if (space < 0 || !value.substring(0, space).toLowerCase(Locale.ROOT).equals(scheme)) {
            return "";
        }
        return value.substring(space + 1).strip();
    }
}
