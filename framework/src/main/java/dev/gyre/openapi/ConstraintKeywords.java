package dev.gyre.openapi;

import java.lang.annotation.Annotation;
import java.util.Map;

/**
 * Turns constraint annotations on a value into JSON Schema validation keywords.
 *
 * <p>The default methods describe a world without Bean Validation: no constraints. {@link #detect()} returns the
 * Bean Validation reader only when {@code jakarta.validation-api} is on the class path; otherwise that reader's
 * class is never loaded, so its references to the API never fail to link.
 */
interface ConstraintKeywords {
    /** The reader for the annotations on the class path. */
    static ConstraintKeywords detect() {
        return Classpath.isPresent("jakarta.validation.constraints.NotNull") ? new BeanValidationKeywords()
                : new ConstraintKeywords() { };
    }

    /**
     * Adds the keywords the annotations imply to an inline {@code schema}, choosing them by its {@code type}
     * ({@code minLength} for a string, {@code minItems} for an array, …). Annotations that do not fit the type are
     * skipped, as a validator would reject them anyway.
     */
    default void apply(Annotation[] annotations, Map<String, Object> schema) {
    }

    /** Whether the annotations forbid a missing or null value ({@code @NotNull}, {@code @NotBlank}, {@code @NotEmpty}). */
    default boolean requiresValue(Annotation[] annotations) {
        return false;
    }
}
