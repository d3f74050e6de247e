package dev.gyre.openapi;

import java.lang.annotation.Annotation;
import java.lang.reflect.AnnotatedType;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.List;

/**
 * One JSON property of a record or class, as Java declares it, before JSON annotations rename or hide it.
 *
 * @param name the Java name: the record component, or the bean name derived from the field or accessors
 * @param type the property's type, resolved against the owner's type arguments
 * @param annotatedType the declared type with its type-use annotations, to reach those on type arguments
 * @param annotations the merged annotations of all its parts, first occurrence of each annotation type winning
 * @param component whether it is a record component, which is required unless it says it may be absent
 */
record BeanProperty(String name, Type type, AnnotatedType annotatedType, Annotation[] annotations, boolean component) {

    /** The annotations of several elements as one array, keeping the first of each annotation type. */
    static Annotation[] merge(Annotation[]... groups) {
        List<Annotation> merged = new ArrayList<>();
        for (Annotation[] group : groups) {
            for (Annotation annotation : group) {
                if (merged.stream().noneMatch(a -> a.annotationType() == annotation.annotationType())) {
                    merged.add(annotation);
                }
            }
        }
        return merged.toArray(Annotation[]::new);
    }
}
