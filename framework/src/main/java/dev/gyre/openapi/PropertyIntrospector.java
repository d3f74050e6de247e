package dev.gyre.openapi;

import java.lang.annotation.Annotation;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.AnnotatedType;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Finds the properties Jackson would see on a record or a class, with default visibility.
 *
 * <ul>
 *   <li>A record's properties are its components, in declaration order. Its extra methods are not properties.
 *   <li>A class's properties are its public getters ({@code getX()}, and {@code isX()} returning
 *       {@code boolean}), public setters ({@code void setX(v)}), public non-transient fields, and any field
 *       annotated to be included ({@code @JsonProperty}). Names follow Jackson's default mangling:
 *       {@code getURL()} is {@code url}. Properties backed by a field come first in field order, superclass fields
 *       first; the others follow in alphabetical order, since the JVM does not promise an order for methods.
 * </ul>
 *
 * A property's type comes from its getter, else its field, else its setter. Its annotations are merged from all
 * its parts, including non-public fields, so that {@code @NotNull private String name} with a public getter is
 * documented as Bean Validation would validate it.
 */
final class PropertyIntrospector {
    private final JsonAnnotations json;

    PropertyIntrospector(JsonAnnotations json) {
        this.json = json;
    }

    List<BeanProperty> properties(Type type) {
        Class<?> raw = Types.raw(type);
        Map<TypeVariable<?>, Type> bindings = Types.hierarchyBindings(type);
        return raw.isRecord() ? recordProperties(raw, bindings) : beanProperties(raw, bindings);
    }

    private static List<BeanProperty> recordProperties(Class<?> raw, Map<TypeVariable<?>, Type> bindings) {
        List<BeanProperty> properties = new ArrayList<>();
        for (RecordComponent component : raw.getRecordComponents()) {
            Annotation[] annotations = BeanProperty.merge(component.getAccessor().getAnnotations(),
                    annotationsOf(declaredField(raw, component.getName())), component.getAnnotations(),
                    component.getAnnotatedType().getAnnotations());
            properties.add(new BeanProperty(component.getName(), Types.resolve(component.getGenericType(), bindings),
                    component.getAnnotatedType(), annotations, true));
        }
        return properties;
    }

    /** The parts one bean property is made of; any of them may be missing. */
    private static final class Parts {
        Field field;
        Method getter;
        Method setter;
    }

    private List<BeanProperty> beanProperties(Class<?> raw, Map<TypeVariable<?>, Type> bindings) {
        Map<String, Parts> byName = new LinkedHashMap<>();
        for (Class<?> c : superclassesFirst(raw)) {
            for (Field field : c.getDeclaredFields()) {
                if (!Modifier.isStatic(field.getModifiers()) && !field.isSynthetic()) {
                    byName.computeIfAbsent(field.getName(), n -> new Parts()).field = field;
                }
            }
        }
        Map<String, Parts> methodOnly = new TreeMap<>();
        for (Method method : raw.getMethods()) {
            if (Modifier.isStatic(method.getModifiers()) || method.isBridge() || method.isSynthetic()
                    || method.getDeclaringClass() == Object.class) {
                continue;
            }
            String getter = getterName(method);
            String setter = setterName(method);
            String name = getter != null ? getter : setter;
            if (name != null) {
                Parts parts = byName.containsKey(name) ? byName.get(name) : methodOnly.computeIfAbsent(name, n -> new Parts());
                if (getter != null && (parts.getter == null || parts.getter.getName().startsWith("is"))) {
                    parts.getter = method;
                } else if (setter != null && parts.setter == null) {
                    parts.setter = method;
                }
            }
        }
        byName.putAll(methodOnly);
        List<BeanProperty> properties = new ArrayList<>();
        byName.forEach((name, parts) -> {
            if (isVisible(parts)) {
                properties.add(property(name, parts, bindings));
            }
        });
        return properties;
    }

    private boolean isVisible(Parts parts) {
        if (parts.getter != null || parts.setter != null) {
            return true;
        }
        int modifiers = parts.field.getModifiers();
        return Modifier.isPublic(modifiers) && !Modifier.isTransient(modifiers)
                || json.isExplicitlyIncluded(parts.field.getAnnotations());
    }

    private static BeanProperty property(String name, Parts parts, Map<TypeVariable<?>, Type> bindings) {
        Type type;
        AnnotatedType annotated;
        if (parts.getter != null) {
            type = parts.getter.getGenericReturnType();
            annotated = parts.getter.getAnnotatedReturnType();
        } else if (parts.field != null) {
            type = parts.field.getGenericType();
            annotated = parts.field.getAnnotatedType();
        } else {
            type = parts.setter.getGenericParameterTypes()[0];
            annotated = parts.setter.getAnnotatedParameterTypes()[0];
        }
        Annotation[] annotations = BeanProperty.merge(annotationsOf(parts.getter), annotationsOf(parts.field),
                annotationsOf(parts.setter), annotated.getAnnotations());
        return new BeanProperty(name, Types.resolve(type, bindings), annotated, annotations, false);
    }

    private static List<Class<?>> superclassesFirst(Class<?> raw) {
        List<Class<?>> chain = new ArrayList<>();
        for (Class<?> c = raw; c != null && c != Object.class; c = c.getSuperclass()) {
            chain.addFirst(c);
        }
        return chain;
    }

    private static String getterName(Method method) {
        String name = method.getName();
        if (method.getParameterCount() != 0 || method.getReturnType() == void.class) {
            return null;
        }
        if (name.startsWith("get") && name.length() > 3) {
            return mangle(name.substring(3));
        }
        return name.startsWith("is") && name.length() > 2 && method.getReturnType() == boolean.class
                ? mangle(name.substring(2)) : null;
    }

    private static String setterName(Method method) {
        String name = method.getName();
        return name.startsWith("set") && name.length() > 3 && method.getParameterCount() == 1
                && method.getReturnType() == void.class ? mangle(name.substring(3)) : null;
    }

    /** Jackson's default ("legacy") naming: the leading run of upper-case letters is lower-cased. */
    private static String mangle(String suffix) {
        int upper = 0;
        while (upper < suffix.length() && Character.isUpperCase(suffix.charAt(upper))) {
            upper++;
        }
        return suffix.substring(0, upper).toLowerCase(java.util.Locale.ROOT) + suffix.substring(upper);
    }

    private static Field declaredField(Class<?> owner, String name) {
        try {
            return owner.getDeclaredField(name);
        } catch (NoSuchFieldException e) {
            return null;
        }
    }

    private static Annotation[] annotationsOf(AnnotatedElement element) {
        return element == null ? new Annotation[0] : element.getAnnotations();
    }
}
