package dev.gyre.server;

import java.time.Duration;
import java.util.Objects;

/**
 * The slowest a transfer may be: {@code bytesPerSecond} averaged from the transfer's start, enforced
 * once {@code grace} has passed (ASP.NET Core Kestrel's {@code MinRequestBodyDataRate} and
 * {@code MinResponseDataRate}, whose 240 B/s after 5 s are the defaults here). A transfer that has moved
 * {@code n} bytes is too slow from {@code max(grace, n / bytesPerSecond)} after its start, so a client
 * that trickles a byte every few seconds is cut at the end of the grace period, however often it sends.
 *
 * <p>A rate of 0 disables the check ({@link #disabled()}); the plain timeouts still apply.
 *
 * @param bytesPerSecond the minimum average rate, 0 for none
 * @param grace          how long a transfer may run before its rate is judged
 */
public record MinDataRate(long bytesPerSecond, Duration grace) {
    public static final long DEFAULT_BYTES_PER_SECOND = 240;
    public static final Duration DEFAULT_GRACE = Duration.ofSeconds(5);

    public MinDataRate {
        Objects.requireNonNull(grace, "grace");
        if (bytesPerSecond < 0 || grace.isNegative()) {
            throw new IllegalArgumentException("minimum data rate out of range: " + bytesPerSecond + " B/s after " + grace);
        }
    }

    /** 240 bytes per second after 5 seconds. */
    public static MinDataRate defaults() {
        return new MinDataRate(DEFAULT_BYTES_PER_SECOND, DEFAULT_GRACE);
    }

    /** No minimum rate. */
    public static MinDataRate disabled() {
        return new MinDataRate(0, Duration.ZERO);
    }
}
