package dev.gyre.handler;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Runs the annotated handler on the event loop instead of the blocking executor.
 *
 * <p>Use it for handlers that only compute (a constant, a cache hit): they skip the hand-off to another
 * thread and back. Such a handler must never block (no I/O, locks, {@code sleep}), since every other
 * connection of its loop waits while it runs. Handlers returning {@code CompletionStage} run on the
 * loop without this annotation.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface NonBlocking {
}
