package dev.gyre.health.internal;

import dev.gyre.health.HealthCheck;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * One {@link HealthCheck} run for one probe, on a virtual thread of its own: completes with {@code null}
 * when the check passed, else with the reason it did not, at the latest after the timeout (and then
 * interrupts the thread).
 */
final class CheckRun {
    private CheckRun() {
    }

    static CompletableFuture<String> start(String name, HealthCheck check, Duration timeout) {
        CompletableFuture<String> result = new CompletableFuture<>();
        Thread thread = Thread.ofVirtual().name("gyre-health-" + name).start(() -> {
            try {
                check.check();
                result.complete(null);
            } catch (Throwable t) {
                result.complete(t.getMessage() != null ? t.getMessage() : t.getClass().getName());
            }
        });
        result.completeOnTimeout("no answer within " + timeout.toMillis() + " ms", timeout.toNanos(),
                TimeUnit.NANOSECONDS);
        result.whenComplete((reason, ignored) -> {
            if (thread.isAlive()) {
                thread.interrupt();
            }
        });
        return result;
    }
}
