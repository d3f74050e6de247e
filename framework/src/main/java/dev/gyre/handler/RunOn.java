package dev.gyre.handler;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Runs the annotated blocking handler on the executor registered under this name with
 * {@code Gyre.builder().executor(name, pool)} instead of on a virtual thread, e.g. CPU-bound work on a
 * fixed pool of as many platform threads as there are cores (see {@code docs/sync-vs-async.md}).
 *
 * <p>Such a request does not pass the blocking limiter: the pool's own queue bounds it, and when the
 * pool refuses the task ({@code RejectedExecutionException}) the request is answered {@code 503} with
 * {@code Retry-After}. A name no executor is registered under, or the annotation on a handler that runs
 * on the event loop ({@link NonBlocking}, {@code CompletionStage}), fails start-up naming the method.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface RunOn {
    /** The name the executor was registered under. */
    String value();
}
