package dev.gyre.server;

import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The application's start and stop hooks, in the one order they were registered, run like a stack:
 * start hooks in registration order, stop hooks newest first. A stop hook belongs to the start hooks
 * registered before it, so when a start hook fails, exactly the stop hooks registered before that hook run
 * (what was opened is released, nothing else), and {@code start()} fails.
 *
 * <pre>
 *   onStart(a) onStop(A) onStart(b) onStop(B)
 *   start: a, b                    stop: B, A
 *   b fails at start: A, then start() throws
 * </pre>
 *
 * <p>Not thread-safe; the server runs it from {@code start()} and once from {@code stop()}. A stop hook that
 * fails is logged and the others still run.
 */
final class Lifespan {
    private static final Logger log = LoggerFactory.getLogger(Lifespan.class);

    private record Hook(boolean atStart, LifecycleHook hook, int ordinal) {
    }

    private final List<Hook> hooks;
    /** How many of the hooks (start and stop) are covered by start hooks that ran; stop runs those. */
    private int started;

    Lifespan(List<Hook> hooks) {
        this.hooks = List.copyOf(hooks);
    }

    /** Collects hooks in registration order. */
    static final class Builder {
        private final List<Hook> hooks = new ArrayList<>();
        private int starts;
        private int stops;

        void onStart(LifecycleHook hook) {
            hooks.add(new Hook(true, hook, ++starts));
        }

        void onStop(LifecycleHook hook) {
            hooks.add(new Hook(false, hook, ++stops));
        }

        Lifespan build() {
            return new Lifespan(hooks);
        }
    }

    /**
     * Runs the start hooks in order.
     *
     * @throws IllegalStateException when one fails, after the stop hooks registered before it have run
     */
    void start() {
        for (int i = 0; i < hooks.size(); i++) {
            Hook h = hooks.get(i);
            if (h.atStart()) {
                try {
                    h.hook().run();
                } catch (Exception e) {
                    stop();
                    throw new IllegalStateException("start hook #" + h.ordinal() + " failed: " + e.getMessage(), e);
                }
            }
            started = i + 1;
        }
    }

    /** Runs the stop hooks of the start hooks that ran, newest first, once. */
    void stop() {
        for (int i = started - 1; i >= 0; i--) {
            Hook h = hooks.get(i);
            if (!h.atStart()) {
                try {
                    h.hook().run();
                } catch (Exception e) {
                    log.warn("stop hook #{} failed", h.ordinal(), e);
                }
            }
        }
        started = 0;
    }
}
