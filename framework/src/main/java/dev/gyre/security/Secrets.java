package dev.gyre.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * Compares secrets in time that does not depend on where they first differ, so that a client cannot find
 * a password or token one character at a time by timing the answers ({@link MessageDigest#isEqual}).
 * {@code String.equals} returns at the first difference and must not be used for secrets.
 */
public final class Secrets {
    private Secrets() {
    }

    /** Whether {@code given} equals {@code expected}; {@code null} equals nothing. */
    public static boolean equal(String given, String expected) {
        if (given == null || expected == null) {
            return false;
        }
        return MessageDigest.isEqual(given.getBytes(StandardCharsets.UTF_8), expected.getBytes(StandardCharsets.UTF_8));
    }
}
