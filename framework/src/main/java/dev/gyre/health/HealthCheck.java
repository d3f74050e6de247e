package dev.gyre.health;

/**
 * One thing readiness depends on: a database pool, a downstream service, a warm cache. Registered on the
 * builder with {@code healthCheck(name, check)}.
 *
 * <p>Runs on a virtual thread of its own, never on a loop, so it may block; all checks of one probe run at
 * the same time. Returning normally means up; any exception means down, its message the reason given; a
 * check still running after {@link HealthOptions#checkTimeout()} counts as down (its thread is interrupted).
 */
@FunctionalInterface
public interface HealthCheck {
    void check() throws Exception;
}
