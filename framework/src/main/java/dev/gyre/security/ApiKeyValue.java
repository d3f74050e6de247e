package dev.gyre.security;

import java.util.Objects;

/** The key an {@link ApiKey} scheme read from a header, the query or a cookie; {@code toString} hides it. */
public record ApiKeyValue(String key) {
    public ApiKeyValue {
        Objects.requireNonNull(key, "key");
    }

    /** Whether the key is {@code expected}, compared in constant time. */
    public boolean matches(String expected) {
        return Secrets.equal(key, expected);
    }

    @Override
    public String toString() {
        return "ApiKeyValue[***]";
    }
}
