package dev.gyre.handler;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** Binds a request cookie by name. Required unless {@code Optional} or defaulted. */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.PARAMETER)
public @interface Cookie {
    /** The cookie name; defaults to the Java parameter name. */
    String value() default "";

    /** The value used when the cookie is absent; {@link Query#NONE} means no default. */
    String defaultValue() default Query.NONE;
}
