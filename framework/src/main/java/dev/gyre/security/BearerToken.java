package dev.gyre.security;

import java.util.Objects;

/**
 * The token of an {@code Authorization: Bearer <token>} field (RFC 6750 §2.1), as {@link HttpBearer} and
 * {@link OAuth2PasswordBearer} read it. Its {@code toString} hides the token, so logging it leaks nothing.
 */
public record BearerToken(String token) {
    public BearerToken {
        Objects.requireNonNull(token, "token");
    }

    /** Whether the token is {@code expected}, compared in constant time. */
    public boolean matches(String expected) {
        return Secrets.equal(token, expected);
    }

    @Override
    public String toString() {
        return "BearerToken[***]";
    }
}
