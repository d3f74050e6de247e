package dev.gyre.health;

import java.time.Duration;
import java.util.Objects;

/**
 * Where the probes answer and how readiness behaves.
 *
 * @param livePath     the liveness probe; default {@value #DEFAULT_LIVE_PATH}
 * @param readyPath    the readiness probe; default {@value #DEFAULT_READY_PATH}
 * @param checkTimeout how long a readiness probe waits for each {@link HealthCheck}; default 2 s
 * @param drainDelay   how long {@code stop} keeps serving after readiness turned 503, before it stops
 *                     accepting, so that load balancers notice first; default 0
 */
public record HealthOptions(String livePath, String readyPath, Duration checkTimeout, Duration drainDelay) {
    public static final String DEFAULT_LIVE_PATH = "/health/live";
    public static final String DEFAULT_READY_PATH = "/health/ready";
    public static final Duration DEFAULT_CHECK_TIMEOUT = Duration.ofSeconds(2);

    public HealthOptions {
        requirePath(livePath);
        requirePath(readyPath);
        if (livePath.equals(readyPath)) {
            throw new IllegalArgumentException("liveness and readiness need two paths: " + livePath);
        }
        if (checkTimeout.isNegative() || checkTimeout.isZero()) {
            throw new IllegalArgumentException("the check timeout must be positive: " + checkTimeout);
        }
        if (drainDelay.isNegative()) {
            throw new IllegalArgumentException("the drain delay cannot be negative: " + drainDelay);
        }
    }

    public static HealthOptions defaults() {
        return new HealthOptions(DEFAULT_LIVE_PATH, DEFAULT_READY_PATH, DEFAULT_CHECK_TIMEOUT, Duration.ZERO);
    }

    public HealthOptions paths(String live, String ready) {
        return new HealthOptions(live, ready, checkTimeout, drainDelay);
    }

    public HealthOptions checkTimeout(Duration timeout) {
        return new HealthOptions(livePath, readyPath, timeout, drainDelay);
    }

    public HealthOptions drainDelay(Duration delay) {
        return new HealthOptions(livePath, readyPath, checkTimeout, delay);
    }

    private static void requirePath(String path) {
        Objects.requireNonNull(path, "path");
        if (!path.startsWith("/") || path.indexOf('?') >= 0) {
            throw new IllegalArgumentException("a probe path starts with '/' and has no query: " + path);
        }
    }
}
