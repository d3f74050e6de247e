package dev.gyre.security;

import java.util.Objects;

/**
 * The user name and password of an {@code Authorization: Basic …} field (RFC 7617), as {@link HttpBasic}
 * reads it. Its {@code toString} shows the user name only.
 */
public record BasicCredentials(String username, String password) {
    public BasicCredentials {
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(password, "password");
    }

    /**
     * Whether these are {@code expectedUser} and {@code expectedPassword}, both compared in constant time
     * and both always compared, so the time taken does not tell which one was wrong.
     */
    public boolean matches(String expectedUser, String expectedPassword) {
        boolean user = Secrets.equal(username, expectedUser);
        boolean password = Secrets.equal(this.password, expectedPassword);
        return user & password;
    }

    @Override
    public String toString() {
        return "BasicCredentials[username=" + username + ", password=***]";
    }
}
