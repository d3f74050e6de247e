package dev.gyre.openapi;

import java.lang.annotation.Annotation;
import java.lang.reflect.Member;

/**
 * What JSON-mapping annotations say about a property, a class or an enum constant.
 *
 * <p>The default methods describe a world without Jackson: properties keep their Java names and nothing is
 * hidden. {@link #detect()} returns the Jackson reader only when {@code jackson-annotations} is on the class path;
 * otherwise that reader's class is never loaded, so its references to Jackson types never fail to link.
 *
 * <p>Property methods take the merged annotations of everything the property is made of (record component,
 * field, getter, setter, and the annotations on the use of its type), first occurrence of each type winning.
 */
interface JsonAnnotations {
    /** The reader for the annotations on the class path. */
    static JsonAnnotations detect() {
        return Classpath.isPresent("com.fasterxml.jackson.annotation.JsonProperty") ? new JacksonAnnotations()
                : new JsonAnnotations() { };
    }

    /** Whether the property is left out of JSON ({@code @JsonIgnore}). */
    default boolean isIgnored(Annotation[] annotations) {
        return false;
    }

    /** Whether a non-public field or method is made a property by annotation ({@code @JsonProperty}). */
    default boolean isExplicitlyIncluded(Annotation[] annotations) {
        return false;
    }

    /** The property's JSON name, or {@code null} to use the Java name. */
    default String name(Annotation[] annotations) {
        return null;
    }

    /** Whether deserialisation insists on the property ({@code @JsonProperty(required = true)}). */
    default boolean isRequired(Annotation[] annotations) {
        return false;
    }

    /** {@code "readOnly"} or {@code "writeOnly"} for a property that travels in one direction only, else null. */
    default String access(Annotation[] annotations) {
        return null;
    }

    /** A description of the property, or {@code null}. */
    default String description(Annotation[] annotations) {
        return null;
    }

    /** A description of the class, or {@code null}. */
    default String description(Class<?> type) {
        return null;
    }

    /** The field or method whose value is written instead of the object ({@code @JsonValue}), or {@code null}. */
    default Member valueMember(Class<?> type) {
        return null;
    }

    /** The JSON value of an enum constant: its name, or what its annotations make of it. */
    default Object enumValue(Enum<?> constant) {
        return constant.name();
    }
}
