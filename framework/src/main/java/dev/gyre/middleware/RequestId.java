package dev.gyre.middleware;

import dev.gyre.http.Request;
import java.security.SecureRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The id that ties a request's log lines, its error body and its {@code X-Request-Id} header together.
 *
 * <p>Made on first use and kept as a request attribute, so a request that never logs or fails pays
 * nothing. A fresh id is a per-process random prefix plus a counter ({@code k3f9qz-1a}): unique across
 * restarts and replicas in practice, and far cheaper than a random UUID per request. The
 * {@link RequestIdFilter} adopts a well-formed id sent by the client or a proxy instead.
 */
public final class RequestId {
    /** The request attribute holding the id. */
    public static final String ATTRIBUTE = "gyre.requestId";
    public static final String HEADER = "X-Request-Id";
    private static final int MAX_LENGTH = 128;

    private static final String PREFIX = randomPrefix();
    private static final AtomicLong COUNTER = new AtomicLong();

    private RequestId() {
    }

    /** The id of {@code request}, made now if it has none yet. */
    public static String of(Request request) {
        String id = request.attribute(ATTRIBUTE);
        if (id == null) {
            id = next();
            request.attribute(ATTRIBUTE, id);
        }
        return id;
    }

    static String next() {
        return PREFIX + Long.toString(COUNTER.incrementAndGet(), 36);
    }

    /**
     * Whether a client-sent id can be adopted: 1 to 128 characters among letters, digits and
     * {@code - _ . :}, so it cannot forge log lines or header syntax.
     */
    static boolean wellFormed(String id) {
        if (id == null || id.isEmpty() || id.length() > MAX_LENGTH) {
            return false;
        }
        for (int i = 0; i < id.length(); i++) {
            char c = id.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '-' || c == '_' || c == '.' || c == ':';
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    private static String randomPrefix() {
        return Long.toString((new SecureRandom().nextLong() >>> 1) % (36L * 36 * 36 * 36 * 36 * 36), 36) + "-";
    }
}
