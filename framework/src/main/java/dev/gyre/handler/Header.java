package dev.gyre.handler;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** Binds a request header field (case-insensitive). Required unless {@code Optional} or defaulted. */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.PARAMETER)
public @interface Header {
    /** The field name, e.g. {@code User-Agent}; defaults to the Java parameter name. */
    String value() default "";

    /** The value used when the field is absent; {@link Query#NONE} means no default. */
    String defaultValue() default Query.NONE;
}
