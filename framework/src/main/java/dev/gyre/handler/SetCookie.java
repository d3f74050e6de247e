package dev.gyre.handler;

import dev.gyre.http.Response;
import java.time.Duration;
import java.util.Objects;

/**
 * A {@code Set-Cookie} field (RFC 6265 §4.1) built without string concatenation mistakes:
 * {@code SetCookie.of("session", id).withHttpOnly().withSecure().withMaxAge(Duration.ofHours(1)).addTo(response)}.
 * Immutable; each option returns a new value.
 */
public record SetCookie(String name, String value, String path, String domain, Duration maxAge, boolean httpOnly,
                        boolean secure, String sameSite) {

    public SetCookie {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(value, "value");
        if (name.isEmpty() || !token(name)) {
            throw new IllegalArgumentException("not a cookie name: " + name);
        }
        if (!cookieValue(value)) {
            throw new IllegalArgumentException("a cookie value may not hold spaces, quotes, commas, semicolons or "
                    + "backslashes: " + value);
        }
        checkAttribute("Path", path);
        checkAttribute("Domain", domain);
        if (sameSite != null && !sameSite.equals("Strict") && !sameSite.equals("Lax") && !sameSite.equals("None")) {
            throw new IllegalArgumentException("SameSite of cookie " + name + " must be Strict, Lax or None: "
                    + sameSite);
        }
    }

    /**
     * An attribute value may hold neither a control nor {@code ;} (RFC 6265 §4.1.1 {@code path-value}),
     * which would end it and let the rest pass for another attribute; nor anything beyond ASCII.
     */
    private void checkAttribute(String attribute, String attributeValue) {
        if (attributeValue == null) {
            return;
        }
        for (int i = 0; i < attributeValue.length(); i++) {
            char c = attributeValue.charAt(i);
            if (c < 0x20 || c >= 0x7f || c == ';') {
                throw new IllegalArgumentException(attribute + " of cookie " + name + " may hold no control, "
                        + "';' or non-ASCII character (index " + i + ")");
            }
        }
    }

    /** A session cookie for the whole site: {@code Path=/}, no other attribute. */
    public static SetCookie of(String name, String value) {
        return new SetCookie(name, value, "/", null, null, false, false, null);
    }

    public SetCookie withPath(String path) {
        return new SetCookie(name, value, path, domain, maxAge, httpOnly, secure, sameSite);
    }

    public SetCookie withDomain(String domain) {
        return new SetCookie(name, value, path, domain, maxAge, httpOnly, secure, sameSite);
    }

    public SetCookie withMaxAge(Duration maxAge) {
        return new SetCookie(name, value, path, domain, maxAge, httpOnly, secure, sameSite);
    }

    public SetCookie withHttpOnly() {
        return new SetCookie(name, value, path, domain, maxAge, true, secure, sameSite);
    }

    public SetCookie withSecure() {
        return new SetCookie(name, value, path, domain, maxAge, httpOnly, true, sameSite);
    }

    /** {@code Strict}, {@code Lax} or {@code None}. */
    public SetCookie withSameSite(String sameSite) {
        return new SetCookie(name, value, path, domain, maxAge, httpOnly, secure, sameSite);
    }

    /** Adds this cookie to {@code response}, next to any other {@code Set-Cookie} field. */
    public Response addTo(Response response) {
        return response.header("Set-Cookie", toString());
    }

    /** The field value, e.g. {@code session=abc; Path=/; Max-Age=3600; HttpOnly}. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(name).append('=').append(value);
        if (path != null) {
            sb.append("; Path=").append(path);
        }
        if (domain != null) {
            sb.append("; Domain=").append(domain);
        }
        if (maxAge != null) {
            sb.append("; Max-Age=").append(maxAge.toSeconds());
        }
        if (httpOnly) {
            sb.append("; HttpOnly");
        }
        if (secure) {
            sb.append("; Secure");
        }
        if (sameSite != null) {
            sb.append("; SameSite=").append(sameSite);
        }
        return sb.toString();
    }

    private static boolean token(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c <= 0x20 || c >= 0x7f || "()<>@,;:\\\"/[]?={}".indexOf(c) >= 0) {
                return false;
            }
        }
        return true;
    }

    private static boolean cookieValue(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c <= 0x20 || c >= 0x7f || c == '"' || c == ',' || c == ';' || c == '\\') {
                return false;
            }
        }
        return true;
    }
}
