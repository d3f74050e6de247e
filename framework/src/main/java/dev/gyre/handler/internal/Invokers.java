package dev.gyre.handler.internal;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;

/**
 * Makes the one kind of method handle the framework calls user methods through: bound to the object,
 * taking its arguments as {@code Object[]}, returning {@code Object}. Built once at start-up, so a call
 * pays no reflection; shared by HTTP routes and WebSocket endpoints.
 *
 * <p>A handler in a named module must have its package opened to Gyre ({@code setAccessible} needs it, for
 * public methods of public classes too, unless the package is exported); the error says which line to add.
 */
public final class Invokers {
    private Invokers() {
    }

    /**
     * A handle calling {@code m} on {@code target}.
     *
     * @param where the method as users know it ({@code Class#method}), for the error message
     * @throws IllegalArgumentException when the framework cannot call the method
     */
    public static MethodHandle spreading(Object target, Method m, String where) {
        try {
            m.setAccessible(true);
            MethodHandle mh = MethodHandles.lookup().unreflect(m);
            if (!Modifier.isStatic(m.getModifiers())) {
                mh = mh.bindTo(target);
            }
            return mh.asSpreader(Object[].class, m.getParameterCount())
                    .asType(MethodType.methodType(Object.class, Object[].class));
        } catch (IllegalAccessException | RuntimeException e) {
            throw new IllegalArgumentException(where + ": cannot be called by the framework: " + e.getMessage()
                    + opensHint(m.getDeclaringClass()), e);
        }
    }

    /** For a class in a named module that keeps its package closed to Gyre: the line that opens it. */
    private static String opensHint(Class<?> type) {
        Module module = type.getModule();
        Module gyre = Invokers.class.getModule();
        if (!module.isNamed() || module.isOpen(type.getPackageName(), gyre)) {
            return "";
        }
        return " (add 'opens " + type.getPackageName() + " to " + (gyre.isNamed() ? gyre.getName() : "dev.gyre")
                + ";' to the module-info of " + module.getName() + ")";
    }
}
