package dev.gyre.openapi;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * What the OpenAPI document says about one handler method, beyond what its signature already tells.
 *
 * <p>Every attribute is optional: without this annotation the summary is made from the method name
 * ({@code findItem} becomes "Find Item"), there is no description, and the tags come from the class
 * ({@link Tag}, else its simple name).
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Operation {
    /** A short line, shown next to the path in Swagger UI; empty: made from the method name. */
    String summary() default "";

    /** Longer text (CommonMark allowed), shown when the operation is opened; empty: none. */
    String description() default "";

    /** The groups the operation is listed under; empty: the class's tag. */
    String[] tags() default {};
}
