package dev.gyre.openapi;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Repeatable;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A response the signature does not show: an error a handler answers with {@code HttpException}, or the body
 * of a handler that returns an untyped {@code Response}. Repeatable; one for a status the framework documents
 * itself (the success status, {@code 404} of an {@code Optional}, {@code 422}) replaces that entry.
 *
 * <pre>{@code
 * @ApiResponse(status = 409, description = "An item with this name exists")
 * @ApiResponse(status = 200, description = "The report", type = Report.class)
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
@Repeatable(ApiResponses.class)
public @interface ApiResponse {
    int status();

    /** Shown next to the status; empty: the status's reason phrase. */
    String description() default "";

    /**
     * The body's Java type. {@code void.class}, the default, means the framework's own shape: the
     * {@code HTTPError} body {@code {"detail": "..."}} for a 4xx or 5xx status, no body otherwise.
     */
    Class<?> type() default void.class;

    /** The body's media type, when {@link #type} is given. */
    String mediaType() default "application/json";
}
