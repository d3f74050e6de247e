package dev.gyre.handler.internal;

import dev.gyre.handler.Body;
import dev.gyre.handler.Delete;
import dev.gyre.handler.Get;
import dev.gyre.handler.NonBlocking;
import dev.gyre.handler.Options;
import dev.gyre.handler.Patch;
import dev.gyre.handler.Path;
import dev.gyre.handler.Post;
import dev.gyre.handler.Put;
import dev.gyre.handler.RunOn;
import dev.gyre.handler.Status;
import dev.gyre.inject.internal.Providers;
import dev.gyre.json.JsonCodec;
import dev.gyre.loop.BufferBudget;
import dev.gyre.multipart.MultipartLimits;
import dev.gyre.route.PathTemplate;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Parameter;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

/**
 * Reads the route annotations of handler objects once and compiles each method into a {@link Route}:
 * its binders, constraint checks, filter chain, invoker and result writer. Every mistake a user can
 * make in a handler's signature (an unbindable type, a parameter without provider, a bad default, a route
 * annotation on a method that is not public) fails here, at start-up, with the method named.
 */
public final class HandlerCompiler {
    private final Supplier<JsonCodec> json;
    private final Providers providers;
    private final List<FilterRegistration> filters;
    private final ExceptionHandlers errors;
    private final Map<String, Executor> executors;
    private InputValidation validation;
    private MultipartLimits uploads = MultipartLimits.defaults();
    private BufferBudget uploadMemory = BufferBudget.UNLIMITED;
    /** The checks of the routes compiled so far, for {@link #prepareValidation()}; written by the compiling thread. */
    private final List<InputValidation.RouteChecks> routeChecks = new ArrayList<>();

    /**
     * @param json      the JSON codec, asked for only when some route needs JSON
     * @param providers the dependencies handlers may ask for
     * @param filters   every filter registration, in order; each route gets those that apply to it
     * @param errors    turns failures inside filter chains into responses
     */
    public HandlerCompiler(Supplier<JsonCodec> json, Providers providers, List<FilterRegistration> filters,
                           ExceptionHandlers errors) {
        this(json, providers, filters, errors, Map.of());
    }

    /** @param executors the named executors {@link RunOn} may choose */
    public HandlerCompiler(Supplier<JsonCodec> json, Providers providers, List<FilterRegistration> filters,
                           ExceptionHandlers errors, Map<String, Executor> executors) {
        this.json = json;
        this.providers = providers;
        this.filters = List.copyOf(filters);
        this.errors = errors;
        this.executors = Map.copyOf(executors);
    }

    /** The limits of {@code multipart/form-data} forms that routes compiled from now on bind; default {@link MultipartLimits#defaults()}. */
    public HandlerCompiler uploadLimits(MultipartLimits limits) {
        this.uploads = Objects.requireNonNull(limits, "limits");
        return this;
    }

    /**
     * The server's budget for bytes held on behalf of clients, from which the upload bytes a streamed form keeps
     * in memory are reserved; default {@link BufferBudget#UNLIMITED}.
     */
    public HandlerCompiler uploadMemory(BufferBudget budget) {
        this.uploadMemory = Objects.requireNonNull(budget, "budget");
        return this;
    }

    /**
     * Builds the Bean Validation factory now if a route compiled so far may need it (one with parameters,
     * while a provider is on the class path), and reads each such route's constraints, so that its first
     * request finds them ready; the factory once per class loader. A server calls it on a background thread once it listens, after the last compile: the factory
     * is not built while it starts (about 350 ms of CPU).
     */
    public void prepareValidation() {
        if (validation instanceof BeanValidation && BeanValidation.prepare()) {
            routeChecks.forEach(InputValidation.RouteChecks::prepare);
        }
    }

    public List<Route> compile(Object handler) {
        Class<?> type = handler.getClass();
        Path prefix = type.getAnnotation(Path.class);
        String base = prefix == null ? "" : stripTrailingSlash(prefix.value());
        List<String> hidden = nonPublicRoutes(type);
        if (!hidden.isEmpty()) {
            throw new IllegalArgumentException(type.getName() + ": only public methods can be routes, and these are "
                    + "annotated but not public: " + String.join(", ", hidden) + " (make them public)");
        }
        List<Route> routes = new ArrayList<>();
        Method[] methods = type.getMethods();
        Arrays.sort(methods, Comparator.comparing(Method::getName));
        for (Method m : methods) {
            for (Annotation a : m.getAnnotations()) {
                String httpMethod = httpMethodOf(a);
                if (httpMethod != null) {
                    routes.add(compile(handler, m, httpMethod, base + pathOf(a)));
                }
            }
        }
        if (routes.isEmpty()) {
            throw new IllegalArgumentException(type.getName() + " has no public method annotated with "
                    + "@Get, @Post, @Put, @Delete, @Patch or @Options");
        }
        return routes;
    }

    /** {@code Class#method} of every route-annotated method of {@code type} and its superclasses that is not public. */
    private static List<String> nonPublicRoutes(Class<?> type) {
        List<String> hidden = new ArrayList<>();
        for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
            for (Method m : c.getDeclaredMethods()) {
                if (!Modifier.isPublic(m.getModifiers())
                        && Arrays.stream(m.getAnnotations()).anyMatch(a -> httpMethodOf(a) != null)) {
                    hidden.add(c.getSimpleName() + "#" + m.getName());
                }
            }
        }
        hidden.sort(null);
        return hidden;
    }

    private Route compile(Object handler, Method m, String httpMethod, String path) {
        String where = m.getDeclaringClass().getSimpleName() + "#" + m.getName();
        PathTemplate template;
        try {
            template = PathTemplate.parse(path);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(where + ": " + e.getMessage(), e);
        }
        Supplier<JsonCodec> codec = () -> requireJson(where);
        ParameterBinders factory = new ParameterBinders(codec, providers, new FormReading(uploads, uploadMemory));
        Parameter[] params = m.getParameters();
        ParameterBinding[] bindings = new ParameterBinding[params.length];
        ParamBinder[] binders = new ParamBinder[params.length];
        for (int i = 0; i < params.length; i++) {
            bindings[i] = factory.bindingFor(params[i], template.parameterNames(), where);
            binders[i] = bindings[i].binder();
        }
        InputValidation.RouteChecks checks = params.length == 0 ? null : validation().forRoute(handler, m, bindings);
        if (checks != null) {
            routeChecks.add(checks);
        }
        boolean async = CompletionStage.class.isAssignableFrom(m.getReturnType());
        Type resultType = async ? ResultWriter.typeArgument(m.getGenericReturnType()) : m.getGenericReturnType();
        Status status = m.getAnnotation(Status.class);
        ResultWriter writer = ResultWriter.forType(resultType, status == null ? 0 : status.value(), codec);
        boolean onLoop = async || m.isAnnotationPresent(NonBlocking.class);
        FilterChain chain = FilterChain.forPath(filters, template.text(), errors, where);
        Executor runOn = executorOf(m, onLoop, where);
        Route route = new Route(httpMethod, template, m, binders, checks, Invokers.spreading(handler, m, where), writer, chain,
                async, onLoop, runOn);
        if (onLoop && route.readsBodyBlocking()) {
            throw new IllegalArgumentException(where + " reads its body as an InputStream or takes uploads, which "
                    + "blocks: it cannot run on the event loop (drop @NonBlocking, or return no CompletionStage; a "
                    + "loop handler takes a form's parts with @Body Flow.Publisher<ByteBuffer> and MultipartSubscriber)");
        }
        return route;
    }

    /** The executor named by the method's {@link RunOn}, or {@code null} for the default. */
    private Executor executorOf(Method m, boolean onLoop, String where) {
        RunOn runOn = m.getAnnotation(RunOn.class);
        if (runOn == null) {
            return null;
        }
        if (onLoop) {
            throw new IllegalArgumentException(where + " runs on the event loop (@NonBlocking or CompletionStage), "
                    + "so @RunOn(\"" + runOn.value() + "\") cannot move it; drop one of the two");
        }
        Executor executor = executors.get(runOn.value());
        if (executor == null) {
            throw new IllegalArgumentException(where + ": @RunOn(\"" + runOn.value() + "\") names no executor; "
                    + "register it with Gyre.builder().executor(\"" + runOn.value() + "\", pool) (registered: "
                    + executors.keySet().stream().sorted().toList() + ")");
        }
        return executor;
    }

    private InputValidation validation() {
        if (validation == null) {
            validation = InputValidation.detect();
        }
        return validation;
    }

    private JsonCodec requireJson(String where) {
        JsonCodec codec = json.get();
        if (codec == null) {
            throw new IllegalStateException(where + " reads or writes JSON, but no JSON library is on the "
                    + "classpath: add com.fasterxml.jackson.core:jackson-databind, or use String, byte[] "
                    + "or Response");
        }
        return codec;
    }

    private static String httpMethodOf(Annotation a) {
        return switch (a) {
            case Get g -> "GET";
            case Post p -> "POST";
            case Put p -> "PUT";
            case Delete d -> "DELETE";
            case Patch p -> "PATCH";
            case Options o -> "OPTIONS";
            default -> null;
        };
    }

    private static String pathOf(Annotation a) {
        return switch (a) {
            case Get g -> g.value();
            case Post p -> p.value();
            case Put p -> p.value();
            case Delete d -> d.value();
            case Patch p -> p.value();
            case Options o -> o.value();
            default -> throw new IllegalStateException(a.toString());
        };
    }

    private static String stripTrailingSlash(String s) {
        return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
    }
}
