package dev.gyre.handler.internal;

import dev.gyre.handler.BindingException;
import dev.gyre.handler.Body;
import dev.gyre.handler.Form;
import dev.gyre.handler.NonBlocking;
import dev.gyre.handler.Problem;
import dev.gyre.handler.ResponseHead;
import dev.gyre.handler.RunOn;
import dev.gyre.handler.Timeout;
import dev.gyre.http.Response;
import dev.gyre.http.internal.DirectResponder;
import dev.gyre.route.PathTemplate;
import java.lang.invoke.MethodHandle;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;

/**
 * One compiled route: an annotated method with its parameter binders, constraint checks, filters,
 * invoker and result writer, all built once at start-up so that a request pays no reflection.
 *
 * <p>{@link #runsOnLoop()} is the FastAPI rule made explicit: a method returning {@code CompletionStage}
 * or marked {@link NonBlocking} runs on the event loop; every other method may block and runs on the
 * blocking executor.
 */
public final class Route {
    private static final Object[] NO_ARGS = new Object[0];

    private final String httpMethod;
    private final PathTemplate template;
    private final Method method;
    private final ParamBinder[] binders;
    private final InputValidation.RouteChecks checks;
    private final MethodHandle invoker;
    private final ResultWriter writer;
    private final FilterChain filters;
    private final boolean async;
    private final boolean onLoop;
    private final Executor runOn;
    private final String label;
    private final long timeoutMillis;
    private final boolean streamsBody;
    private final boolean readsBodyBlocking;

    Route(String httpMethod, PathTemplate template, Method method, ParamBinder[] binders,
          InputValidation.RouteChecks checks, MethodHandle invoker, ResultWriter writer, FilterChain filters,
          boolean async, boolean onLoop, Executor runOn) {
        this.httpMethod = httpMethod;
        this.template = template;
        this.method = method;
        this.binders = binders;
        this.checks = checks;
        this.invoker = invoker;
        this.writer = writer;
        this.filters = filters;
        this.async = async;
        this.onLoop = onLoop;
        this.runOn = runOn;
        this.label = httpMethod + " " + template.text() + " -> " + describe();
        Timeout timeout = method.getAnnotation(Timeout.class);
        this.timeoutMillis = timeout == null ? 0 : timeout.value();
        this.readsBodyBlocking = bodyParameterOf(java.io.InputStream.class) || takesUploads();
        this.streamsBody = readsBodyBlocking || bodyParameterOf(java.util.concurrent.Flow.Publisher.class);
    }

    public String httpMethod() {
        return httpMethod;
    }

    public PathTemplate template() {
        return template;
    }

    /** The Java method behind the route, for documentation generators. */
    public Method method() {
        return method;
    }

    /** Whether the handler returns a {@code CompletionStage}. */
    public boolean async() {
        return async;
    }

    /** Whether the handler runs on the event loop rather than on the blocking executor. */
    public boolean runsOnLoop() {
        return onLoop;
    }

    /** The executor chosen with {@link RunOn}, or {@code null} when the handler runs on the default one. */
    Executor runOn() {
        return runOn;
    }

    /**
     * Whether the handler reads its body as an {@code InputStream} or a {@code Flow.Publisher}, or takes uploaded
     * files ({@code @Form UploadFile}): such a request is handed over as soon as its head arrives, and the body
     * streams in while the handler runs (a form is parsed as it arrives, its files spooled).
     */
    public boolean streamsBody() {
        return streamsBody;
    }

    /** Whether the handler reads its streamed body with blocking reads ({@code InputStream}, uploads). */
    boolean readsBodyBlocking() {
        return readsBodyBlocking;
    }

    private boolean bodyParameterOf(Class<?> type) {
        for (java.lang.reflect.Parameter p : method.getParameters()) {
            if (p.getType() == type && p.isAnnotationPresent(Body.class)) {
                return true;
            }
        }
        return false;
    }

    private boolean takesUploads() {
        for (java.lang.reflect.Parameter p : method.getParameters()) {
            if (p.isAnnotationPresent(Form.class) && UploadBinders.isUpload(p)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The handler's {@link Timeout} in milliseconds, or 0 when it has none. Read from the annotation once,
     * when the route is built: the dispatcher asks on every request.
     */
    public long timeoutMillis() {
        return timeoutMillis;
    }

    /** {@code Class#method}, for messages and logs. */
    public String describe() {
        return method.getDeclaringClass().getSimpleName() + "#" + method.getName();
    }

    /**
     * The response for the handler's result: written by the route's {@link ResultWriter}, with what the handler
     * set on its {@link ResponseHead}, if it took one.
     */
    Response respond(Object result, Invocation invocation) {
        Response response = writer.write(result);
        return invocation == null ? response : invocation.withHead(response, result);
    }

    /**
     * Sends the handler's result through {@code to} without a {@code Response} when its writer can and
     * {@code invocation} (if any) adds nothing to it; false, having sent nothing, otherwise.
     */
    boolean send(Object result, Invocation invocation, DirectResponder to) {
        return (invocation == null || invocation.leavesResponseAlone()) && writer.send(result, to);
    }

    /** The filters around this route, or {@code null} when it has none. */
    FilterChain filters() {
        return filters;
    }

    /** Whether binding needs an {@link Invocation}; routes without parameters skip making one. */
    boolean hasParameters() {
        return binders.length > 0;
    }

    /**
     * Binds the arguments, checks their constraints and calls the method; throws
     * {@link BindingException} listing every bad input.
     */
    Object invoke(Invocation invocation) throws Throwable {
        if (binders.length == 0) {
            return (Object) invoker.invokeExact(NO_ARGS);
        }
        Object[] args = new Object[binders.length];
        List<Problem> problems = new ArrayList<>(0);
        boolean[] failed = null;
        for (int i = 0; i < binders.length; i++) {
            int before = problems.size();
            args[i] = binders[i].bind(invocation, problems);
            if (problems.size() != before) {
                if (failed == null) {
                    failed = new boolean[binders.length];
                }
                failed[i] = true;
            }
        }
        if (checks != null) {
            checks.check(args, failed, problems);
        }
        if (!problems.isEmpty()) {
            throw new BindingException(problems);
        }
        return (Object) invoker.invokeExact(args);
    }

    @Override
    public String toString() {
        return label;
    }
}
