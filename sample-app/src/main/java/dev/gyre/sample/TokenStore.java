package dev.gyre.sample;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The sample's bearer tokens: 256 random bits each, kept in memory only as their SHA-256 digests, so neither
 * a heap dump nor the time a lookup takes gives a valid token away. Thread-safe.
 */
final class TokenStore {
    private final SecureRandom random = new SecureRandom();
    private final Map<String, String> userByDigest = new ConcurrentHashMap<>();

    /** A new token for {@code user}. */
    String issue(String user) {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        userByDigest.put(digest(token), user);
        return token;
    }

    /** The user {@code token} was issued to, or {@code null}. */
    String user(String token) {
        return userByDigest.get(digest(token));
    }

    private static String digest(String token) {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(sha256.digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
