package dev.gyre.handler.internal;

import dev.gyre.handler.Problem;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ElementKind;
import jakarta.validation.MessageInterpolator;
import jakarta.validation.NoProviderFoundException;
import jakarta.validation.Path;
import jakarta.validation.Validation;
import jakarta.validation.ValidationException;
import jakarta.validation.Validator;
import jakarta.validation.metadata.MethodDescriptor;
import java.lang.reflect.Method;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link InputValidation} through Jakarta Bean Validation (Hibernate Validator in practice).
 *
 * <p>Per route, the metadata is asked once, just after the server has started (or at the route's first request
 * if that comes sooner), whether anything is constrained; from then on a route with no constraint pays one
 * volatile read per request. Two kinds of checks:
 * <ul>
 *   <li>parameter constraints ({@code @Query @Min(1) int limit}, {@code @Valid @Body Item item}) through
 *       {@code ExecutableValidator.validateParameters};</li>
 *   <li>the object graph of a JSON body whose class (or element class, for a {@code List} body) carries
 *       constraints, checked even without {@code @Valid}, because FastAPI always validates its models.</li>
 * </ul>
 * Every violation becomes a {@code value_error} problem at the location of the value, e.g.
 * {@code ["body","items",0,"price"]}, with the provider's message ({@code must be greater than 0}).
 *
 * <p>The validator factory is built once per class loader and is thread-safe. Building it costs about 350 ms
 * of CPU (Hibernate Validator loads some 500 classes), so it is not built while a server starts:
 * {@link #prepare()} builds it on a background thread once the server listens, and a request that needs it
 * first waits for it. A provider that cannot start (no Jakarta EL and no fallback) is logged at ERROR then,
 * and the routes that need it answer {@code 500}; none is let through unchecked.
 */
final class BeanValidation implements InputValidation {
    private static final Logger log = LoggerFactory.getLogger(BeanValidation.class);
    private static final String TYPE = "value_error";

    private static final BeanValidation INSTANCE = new BeanValidation();

    private BeanValidation() {
    }

    /** The validator, built when first used; {@code null} when no provider is on the class path. */
    private static final class Shared {
        static final Validator VALIDATOR = create();
    }

    static InputValidation shared() {
        return INSTANCE;
    }

    /**
     * Builds the validator now, on the calling thread, unless it is built already.
     *
     * @return whether a validator is there to ask; false when there is no provider or it cannot start
     */
    static boolean prepare() {
        try {
            return Shared.VALIDATOR != null;
        } catch (LinkageError e) {
            log.error("Bean Validation cannot start; routes with constraints answer 500", e);
            return false;
        }
    }

    private static Validator create() {
        try {
            return Validation.buildDefaultValidatorFactory().getValidator();
        } catch (NoProviderFoundException e) {
            log.warn("jakarta.validation is on the classpath but no provider is: constraint annotations are "
                    + "NOT checked; add org.hibernate.validator:hibernate-validator");
            return null;
        } catch (ValidationException e) {
            log.info("Bean Validation cannot use Jakarta EL ({}); messages are interpolated without it",
                    e.getMessage());
            return withoutEl();
        }
    }

    /** Hibernate Validator without an EL implementation: its parameter-only interpolator. */
    private static Validator withoutEl() {
        try {
            MessageInterpolator interpolator = (MessageInterpolator) Class
                    .forName("org.hibernate.validator.messageinterpolation.ParameterMessageInterpolator")
                    .getDeclaredConstructor().newInstance();
            return Validation.byDefaultProvider().configure().messageInterpolator(interpolator)
                    .buildValidatorFactory().getValidator();
        } catch (ReflectiveOperationException | ValidationException e) {
            throw new IllegalStateException("Bean Validation cannot start: add org.glassfish.expressly:expressly "
                    + "(Jakarta EL) next to the validation provider", e);
        }
    }

    @Override
    public RouteChecks forRoute(Object handler, Method method, ParameterBinding[] bindings) {
        return new DeferredChecks(() -> Shared.VALIDATOR == null ? null
                : checksFor(Shared.VALIDATOR, handler, method, bindings));
    }

    private static RouteChecks checksFor(Validator validator, Object handler, Method method,
                                         ParameterBinding[] bindings) {
        MethodDescriptor md = validator.getConstraintsForClass(method.getDeclaringClass())
                .getConstraintsForMethod(method.getName(), method.getParameterTypes());
        boolean parameters = md != null && md.hasConstrainedParameters();
        List<Integer> bodies = new ArrayList<>();
        for (int i = 0; i < bindings.length; i++) {
            boolean cascaded = md != null && md.getParameterDescriptors().get(i).isCascaded();
            if (bindings[i].body() && !cascaded && constrained(validator, method.getGenericParameterTypes()[i])) {
                bodies.add(i);
            }
        }
        if (!parameters && bodies.isEmpty()) {
            return null;
        }
        int[] bodyIndexes = bodies.stream().mapToInt(Integer::intValue).toArray();
        return (args, failed, problems) -> {
            Set<Problem> found = new LinkedHashSet<>();
            if (parameters) {
                for (ConstraintViolation<Object> v : validator.forExecutables().validateParameters(handler, method, args)) {
                    int index = parameterIndex(v);
                    if (failed == null || index < 0 || !failed[index]) {
                        found.add(parameterProblem(v, index, bindings));
                    }
                }
            }
            for (int i : bodyIndexes) {
                if ((failed == null || !failed[i]) && args[i] != null) {
                    checkBody(validator, args[i], bindings[i].loc(), found);
                }
            }
            problems.addAll(found);
        };
    }

    /** Whether a body type, or the element type of a collection body, has constraints on its graph. */
    private static boolean constrained(Validator validator, Type type) {
        Class<?> raw = ResultWriter.rawClass(type);
        if (Collection.class.isAssignableFrom(raw) && type instanceof ParameterizedType pt) {
            return constrained(validator, pt.getActualTypeArguments()[0]);
        }
        return !raw.isPrimitive() && !raw.getName().startsWith("java.")
                && validator.getConstraintsForClass(raw).isBeanConstrained();
    }

    private static void checkBody(Validator validator, Object body, List<Object> loc, Set<Problem> found) {
        if (body instanceof Collection<?> items) {
            int index = 0;
            for (Object item : items) {
                List<Object> at = new ArrayList<>(loc);
                at.add(index++);
                if (item != null) {
                    checkBody(validator, item, at, found);
                }
            }
            return;
        }
        for (ConstraintViolation<Object> v : validator.validate(body)) {
            List<Object> at = new ArrayList<>(loc);
            appendPath(v.getPropertyPath(), at, false);
            found.add(new Problem(at, v.getMessage(), TYPE));
        }
    }

    /**
     * A route's checks, found when the server has started ({@link #prepare()}, on the thread that builds the
     * factory) or at the route's first request, whichever comes first: then the metadata is asked and the
     * answer kept, checks or none. Whoever comes meanwhile waits for it.
     */
    private static final class DeferredChecks implements RouteChecks {
        private static final RouteChecks NO_CHECKS = (args, failed, problems) -> { };
        private final Supplier<RouteChecks> find;
        private volatile RouteChecks found;

        DeferredChecks(Supplier<RouteChecks> find) {
            this.find = find;
        }

        @Override
        public void check(Object[] args, boolean[] failed, List<Problem> problems) {
            RouteChecks checks = found;
            (checks != null ? checks : find()).check(args, failed, problems);
        }

        /** Asks the metadata now; a failure is logged here and left for the route's requests to meet. */
        @Override
        public void prepare() {
            try {
                find();
            } catch (RuntimeException | LinkageError e) {
                log.error("the constraints of a route cannot be read; its requests will fail", e);
            }
        }

        private synchronized RouteChecks find() {
            if (found == null) {
                RouteChecks checks = find.get();
                found = checks != null ? checks : NO_CHECKS;
            }
            return found;
        }
    }

    /** The index of the parameter a violation is about; -1 for a cross-parameter constraint. */
    private static int parameterIndex(ConstraintViolation<Object> v) {
        for (Path.Node node : v.getPropertyPath()) {
            if (node.getKind() == ElementKind.PARAMETER) {
                return node.as(Path.ParameterNode.class).getParameterIndex();
            }
        }
        return -1;
    }

    private static Problem parameterProblem(ConstraintViolation<Object> v, int index, ParameterBinding[] bindings) {
        List<Object> at = new ArrayList<>();
        if (index >= 0) {
            List<Object> loc = bindings[index].loc();
            at.addAll(loc != null ? loc : List.of("parameter", index));
        }
        appendPath(v.getPropertyPath(), at, true);
        return new Problem(at, v.getMessage(), TYPE);
    }

    /** Appends the property and container-element nodes: {@code items[0].price} → {@code items, 0, price}. */
    private static void appendPath(Path path, List<Object> at, boolean skipExecutableNodes) {
        for (Path.Node node : path) {
            ElementKind kind = node.getKind();
            if (skipExecutableNodes && (kind == ElementKind.METHOD || kind == ElementKind.PARAMETER
                    || kind == ElementKind.CROSS_PARAMETER)) {
                continue;
            }
            if (node.isInIterable()) {
                at.add(node.getIndex() != null ? node.getIndex() : node.getKey() != null ? node.getKey() : "*");
            }
            if (kind == ElementKind.PROPERTY && node.getName() != null) {
                at.add(node.getName());
            }
        }
    }
}
