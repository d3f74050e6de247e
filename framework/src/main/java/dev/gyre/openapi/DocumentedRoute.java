package dev.gyre.openapi;

import dev.gyre.handler.internal.Route;
import dev.gyre.route.PathTemplate;
import java.lang.reflect.Method;

/**
 * What the document needs to know of a route: its method, path and Java method. Everything else is read from
 * the Java method's signature and annotations, so the document cannot disagree with the binding it describes.
 */
record DocumentedRoute(String httpMethod, PathTemplate template, Method method) {

    static DocumentedRoute of(Route route) {
        return new DocumentedRoute(route.httpMethod(), route.template(), route.method());
    }

    @Override
    public String toString() {
        return httpMethod + " " + template.text() + " -> " + method.getDeclaringClass().getSimpleName() + "#"
                + method.getName();
    }
}
