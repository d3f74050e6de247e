package dev.gyre.handler.internal;

import dev.gyre.handler.Problem;
import java.lang.reflect.Method;
import java.util.List;

/**
 * Checks constraint annotations ({@code @NotBlank}, {@code @Min}, …) on handler parameters and on the
 * records and classes of JSON bodies. Kept behind an interface so that Bean Validation stays an optional
 * dependency, as Jackson is: {@link #detect()} loads {@link BeanValidation} only when the API is on the
 * classpath.
 */
interface InputValidation {

    /** Checks of one route; {@code null} when the method and its bodies carry no constraint. */
    RouteChecks forRoute(Object handler, Method method, ParameterBinding[] bindings);

    /** The checks of one route, run after binding succeeded for the arguments concerned. */
    @FunctionalInterface
    interface RouteChecks {
        /**
         * Adds a problem per violated constraint.
         *
         * @param failed which arguments could not be bound (their constraints are not checked), or
         *               {@code null} when all were
         */
        void check(Object[] args, boolean[] failed, List<Problem> problems);

        /** Does now, on the calling thread, what the first {@link #check} would otherwise do first. */
        default void prepare() {
        }
    }

    /** Validation is off: no Bean Validation API or no provider on the classpath. */
    InputValidation NONE = (handler, method, bindings) -> null;

    static InputValidation detect() {
        try {
            Class.forName("jakarta.validation.Validation", false, InputValidation.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            return NONE;
        }
        return BeanValidation.shared();
    }
}
