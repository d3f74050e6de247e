package dev.gyre.server;

/**
 * Work the application does when the server starts or stops (FastAPI's lifespan): open a pool, warm a
 * cache, flush a buffer. Registered with {@link Gyre.Builder#onStart} and {@link Gyre.Builder#onStop}; runs on
 * the thread calling {@code start()} or {@code stop()}.
 */
@FunctionalInterface
public interface LifecycleHook {
    void run() throws Exception;
}
