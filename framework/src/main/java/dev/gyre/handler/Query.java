package dev.gyre.handler;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Binds a query parameter. Required unless the parameter is an {@code Optional} or has a default value.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.PARAMETER)
public @interface Query {
    /** The query key; defaults to the Java parameter name. */
    String value() default "";

    /** The value used when the key is absent; {@link #NONE} means the parameter has no default. */
    String defaultValue() default NONE;

    /** Marks "no default"; a string no client would send as a value on purpose. */
    String NONE = "\u0000gyre:none";
}
