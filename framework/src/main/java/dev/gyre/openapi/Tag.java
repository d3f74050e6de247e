package dev.gyre.openapi;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The group under which every operation of a handler class is listed, instead of the class's simple name.
 * A description, if given, is shown under the group's heading in Swagger UI.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface Tag {
    String value();

    String description() default "";
}
