package dev.gyre.openapi;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.annotation.JsonValue;
import java.lang.annotation.Annotation;
import java.lang.reflect.AccessibleObject;
import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Member;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;

/**
 * Reads Jackson's annotations. Loaded only when {@code jackson-annotations} is present (see
 * {@link JsonAnnotations#detect()}); no other class of the package may refer to Jackson types.
 */
final class JacksonAnnotations implements JsonAnnotations {
    @Override
    public boolean isIgnored(Annotation[] annotations) {
        JsonIgnore ignore = find(annotations, JsonIgnore.class);
        return ignore != null && ignore.value();
    }

    @Override
    public boolean isExplicitlyIncluded(Annotation[] annotations) {
        return find(annotations, JsonProperty.class) != null;
    }

    @Override
    public String name(Annotation[] annotations) {
        JsonProperty property = find(annotations, JsonProperty.class);
        return property == null || property.value().isEmpty() ? null : property.value();
    }

    @Override
    public boolean isRequired(Annotation[] annotations) {
        JsonProperty property = find(annotations, JsonProperty.class);
        return property != null && property.required();
    }

    @Override
    public String access(Annotation[] annotations) {
        JsonProperty property = find(annotations, JsonProperty.class);
        return property == null ? null : switch (property.access()) {
            case READ_ONLY -> "readOnly";
            case WRITE_ONLY -> "writeOnly";
            case AUTO, READ_WRITE -> null;
        };
    }

    @Override
    public String description(Annotation[] annotations) {
        JsonPropertyDescription description = find(annotations, JsonPropertyDescription.class);
        return description == null || description.value().isEmpty() ? null : description.value();
    }

    @Override
    public String description(Class<?> type) {
        JsonClassDescription description = type.getAnnotation(JsonClassDescription.class);
        return description == null || description.value().isEmpty() ? null : description.value();
    }

    /** Searches the class and its superclasses, then public interface methods, as Jackson does. */
    @Override
    public Member valueMember(Class<?> type) {
        for (Class<?> c = type; c != null && c != Object.class && c != Enum.class && c != Record.class;
                c = c.getSuperclass()) {
            for (Method method : c.getDeclaredMethods()) {
                if (isValueMember(method) && method.getParameterCount() == 0 && !Modifier.isStatic(method.getModifiers())
                        && !method.isBridge()) {
                    return method;
                }
            }
            for (Field field : c.getDeclaredFields()) {
                if (isValueMember(field) && !Modifier.isStatic(field.getModifiers())) {
                    return field;
                }
            }
        }
        for (Method method : type.getMethods()) {
            if (isValueMember(method) && method.getParameterCount() == 0 && !Modifier.isStatic(method.getModifiers())) {
                return method;
            }
        }
        return null;
    }

    /** {@code @JsonValue} wins over {@code @JsonProperty} on the constant, as in Jackson's enum serializer. */
    @Override
    public Object enumValue(Enum<?> constant) {
        Member member = valueMember(constant.getDeclaringClass());
        if (member != null) {
            return read(member, constant);
        }
        try {
            JsonProperty property = constant.getDeclaringClass().getField(constant.name()).getAnnotation(JsonProperty.class);
            return property == null || property.value().isEmpty() ? constant.name() : property.value();
        } catch (NoSuchFieldException e) {
            throw new IllegalStateException("Enum constant without a field: " + constant, e);
        }
    }

    private static boolean isValueMember(AccessibleObject member) {
        JsonValue value = member.getAnnotation(JsonValue.class);
        return value != null && value.value();
    }

    private static Object read(Member member, Object target) {
        try {
            AccessibleObject accessible = (AccessibleObject) member;
            accessible.trySetAccessible();
            return member instanceof Method method ? method.invoke(target) : ((Field) member).get(target);
        } catch (IllegalAccessException | InvocationTargetException e) {
            throw new IllegalStateException("Cannot read the @JsonValue " + member + " of " + target, e);
        }
    }

    private static <A extends Annotation> A find(Annotation[] annotations, Class<A> type) {
        for (Annotation annotation : annotations) {
            if (type.isInstance(annotation)) {
                return type.cast(annotation);
            }
        }
        return null;
    }
}
