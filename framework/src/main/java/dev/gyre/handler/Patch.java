package dev.gyre.handler;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** Routes PATCH requests for the path template (e.g. {@code /items/{id}}) to the annotated method. */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Patch {
    /** The path template, relative to the class's {@link Path} prefix if it has one. */
    String value();
}
