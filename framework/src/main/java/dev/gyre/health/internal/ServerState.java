package dev.gyre.health.internal;

import java.util.function.BooleanSupplier;

/**
 * Where a server is in its life, for the probes: readiness needs start-up to be over, no drain to have
 * begun, and every loop alive.
 *
 * <pre>
 *   STARTING ──start() returns──▶ SERVING ──stop() begins──▶ DRAINING
 * </pre>
 *
 * <p>Thread-safe: the server moves it, probes read it from any thread.
 */
public final class ServerState {
    private volatile boolean started;
    private volatile boolean draining;
    private volatile BooleanSupplier loopsAlive = () -> false;

    /** Tells the state how to know the loops are alive; called once the loops exist. */
    public void watchLoops(BooleanSupplier alive) {
        this.loopsAlive = alive;
    }

    public void started() {
        started = true;
    }

    public void draining() {
        draining = true;
    }

    public boolean isStarted() {
        return started;
    }

    public boolean isDraining() {
        return draining;
    }

    public boolean loopsAlive() {
        return loopsAlive.getAsBoolean();
    }

    /** Why the server is not ready, or {@code null} when the state allows readiness (checks aside). */
    public String notReadyReason() {
        if (draining) {
            return "draining";
        }
        if (!started) {
            return "starting";
        }
        return loopsAlive() ? null : "an event loop has died";
    }
}
