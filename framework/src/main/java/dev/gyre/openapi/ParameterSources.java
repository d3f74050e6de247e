package dev.gyre.openapi;

import dev.gyre.handler.Body;
import dev.gyre.handler.Cookie;
import dev.gyre.handler.Header;
import dev.gyre.handler.PathParam;
import dev.gyre.handler.Query;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Which handler parameters the document shows, and where: a table from the handler layer's binding annotations
 * to the OpenAPI {@code in} of the value they bind, plus {@link Body} for the request body.
 *
 * <p>A parameter with none of these annotations is something the framework provides (the {@code Request}, an
 * injected service, background tasks) and is not part of the HTTP contract, so it is left out. A new binding
 * annotation with the usual attributes ({@code value} for the name, optionally {@code defaultValue} with
 * {@link Query#NONE} for "none") is documented by adding one line to {@link #LOCATIONS}.
 */
final class ParameterSources {
    /** Binding annotation → OpenAPI {@code in}. */
    private static final Map<Class<? extends Annotation>, String> LOCATIONS = locations();

    private ParameterSources() {
    }

    private static Map<Class<? extends Annotation>, String> locations() {
        Map<Class<? extends Annotation>, String> in = new LinkedHashMap<>();
        in.put(PathParam.class, "path");
        in.put(Query.class, "query");
        in.put(Header.class, "header");
        in.put(Cookie.class, "cookie");
        return in;
    }

    /** A parameter bound from a path segment, the query, a header or a cookie. */
    record Located(String in, String name, String defaultValue) {
    }

    /** Where this parameter comes from, or {@code null} if it is the body or is not bound from the request. */
    static Located locate(Parameter parameter) {
        for (Annotation annotation : parameter.getAnnotations()) {
            String in = LOCATIONS.get(annotation.annotationType());
            if (in != null) {
                String declared = (String) attribute(annotation, "value");
                String name = declared == null || declared.isEmpty() ? parameter.getName() : declared;
                Object defaultValue = attribute(annotation, "defaultValue");
                return new Located(in, name, Query.NONE.equals(defaultValue) ? null : (String) defaultValue);
            }
        }
        return null;
    }

    static boolean isBody(Parameter parameter) {
        return parameter.isAnnotationPresent(Body.class);
    }

    /** An annotation attribute's value, or {@code null} when the annotation has no such attribute. */
    private static Object attribute(Annotation annotation, String name) {
        try {
            Method method = annotation.annotationType().getMethod(name);
            return method.invoke(annotation);
        } catch (NoSuchMethodException e) {
            return null;
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot read " + name + " of " + annotation, e);
        }
    }
}
