package dev.gyre.handler;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A deadline for the handler: if it has not answered within {@code value} milliseconds, the client gets
 * {@code 503} with {@code Retry-After}, a blocking handler's thread is interrupted, and whatever the
 * handler returns later is discarded. Without it a handler may take as long as it likes.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Timeout {
    /** Milliseconds from the moment the request is dispatched. */
    long value();
}
