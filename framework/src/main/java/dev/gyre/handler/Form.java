package dev.gyre.handler;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Binds a field of an {@code application/x-www-form-urlencoded} body (an HTML form post). Any other
 * content type is answered {@code 415}. Required unless {@code Optional}, a {@code List} or defaulted.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.PARAMETER)
public @interface Form {
    /** The field name; defaults to the Java parameter name. */
    String value() default "";

    /** The value used when the field is absent; {@link Query#NONE} means no default. */
    String defaultValue() default Query.NONE;
}
