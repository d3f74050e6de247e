package dev.gyre.handler;

import dev.gyre.http.Request;
import dev.gyre.route.PathTemplate;
import java.lang.invoke.MethodHandle;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;

/**
 * One compiled route: an annotated method with its parameter binders, its invoker and its result
 * writer, all built once at start-up so that a request pays no reflection.
 *
 * <p>{@link #runsOnLoop()} is the FastAPI rule made explicit: a method returning {@code CompletionStage}
 * or marked {@link NonBlocking} runs on the event loop; every other method may block and runs on the
 * blocking executor.
 */
public final class Route {
    private final String httpMethod;
    private final PathTemplate template;
    private final Method method;
    private final ParamBinder[] binders;
    private final MethodHandle invoker;
    private final ResultWriter writer;
    private final boolean async;
    private final boolean onLoop;

    Route(String httpMethod, PathTemplate template, Method method, ParamBinder[] binders, MethodHandle invoker,
          ResultWriter writer, boolean async, boolean onLoop) {
        this.httpMethod = httpMethod;
        this.template = template;
        this.method = method;
        this.binders = binders;
        this.invoker = invoker;
        this.writer = writer;
        this.async = async;
        this.onLoop = onLoop;
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

    /**
     * Whether the handler reads its body as an {@code InputStream}: such a request is handed over as soon
     * as its head arrives, and the body streams in while the handler runs.
     */
    public boolean streamsBody() {
        for (java.lang.reflect.Parameter p : method.getParameters()) {
            if (p.getType() == java.io.InputStream.class && p.isAnnotationPresent(Body.class)) {
                return true;
            }
        }
        return false;
    }

    /** {@code Class#method}, for messages and logs. */
    public String describe() {
        return method.getDeclaringClass().getSimpleName() + "#" + method.getName();
    }

    ResultWriter writer() {
        return writer;
    }

    /** Binds the arguments and calls the method; throws {@link BindingException} listing every bad input. */
    Object invoke(Request request) throws Throwable {
        Object[] args = new Object[binders.length];
        List<Problem> problems = null;
        for (int i = 0; i < binders.length; i++) {
            List<Problem> sink = problems == null ? new ArrayList<>(0) : problems;
            args[i] = binders[i].bind(request, sink);
            if (!sink.isEmpty()) {
                problems = sink;
            }
        }
        if (problems != null) {
            throw new BindingException(problems);
        }
        return (Object) invoker.invokeExact(args);
    }

    @Override
    public String toString() {
        return httpMethod + " " + template.text() + " -> " + describe();
    }
}
