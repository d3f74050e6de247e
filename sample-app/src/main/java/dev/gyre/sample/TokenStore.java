package dev.gyre.sample;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The sample's bearer tokens: 256 random bits each, kept in memory only as their SHA-256 digests, so neither
 * a heap dump nor the time a lookup takes gives a valid token away. A token lasts {@link #LIFETIME}, and at
 * most {@link #MOST_TOKENS} are kept (the oldest goes first), so a client logging in in a loop cannot grow
 * the heap. Thread-safe.
 */
final class TokenStore {
    static final Duration LIFETIME = Duration.ofHours(1);
    static final int MOST_TOKENS = 10_000;

    private record Issued(String user, long expiresAtNanos) {
    }

    private final SecureRandom random = new SecureRandom();
    private final Map<String, Issued> byDigest = new LinkedHashMap<>();

    /** A new token for {@code user}. */
    synchronized String issue(String user) {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        byDigest.put(digest(token), new Issued(user, System.nanoTime() + LIFETIME.toNanos()));
        for (Iterator<Issued> oldest = byDigest.values().iterator(); oldest.hasNext(); ) {
            Issued issued = oldest.next();
            if (byDigest.size() <= MOST_TOKENS && !expired(issued)) {
                break;
            }
            oldest.remove();
        }
        return token;
    }

    /** The user {@code token} was issued to, or {@code null} when it is unknown or has expired. */
    synchronized String user(String token) {
        Issued issued = byDigest.get(digest(token));
        return issued == null || expired(issued) ? null : issued.user();
    }

    private static boolean expired(Issued issued) {
        return System.nanoTime() - issued.expiresAtNanos() > 0;
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
