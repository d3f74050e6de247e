package dev.gyre.handler.internal;

import dev.gyre.handler.BindingException;
import dev.gyre.handler.ExceptionHandler;
import dev.gyre.handler.HttpException;
import dev.gyre.http.ErrorResponse;
import dev.gyre.http.Request;
import dev.gyre.http.Response;
import dev.gyre.http.internal.Requests;
import dev.gyre.json.internal.JsonStrings;
import dev.gyre.middleware.RequestId;
import dev.gyre.multipart.MultipartException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds the answer for a failure: the handler registered for the nearest superclass of the exception
 * (most specific wins), else the built-in answers:
 *
 * <table>
 *   <caption>Built-in answers</caption>
 *   <tr><td>{@link BindingException}</td><td>{@code 422}, every problem listed</td></tr>
 *   <tr><td>{@link HttpException}</td><td>its status and header fields, {@code {"detail": …}}</td></tr>
 *   <tr><td>{@link MultipartException}</td><td>{@code 400} or {@code 413}, {@code {"detail": …}}</td></tr>
 *   <tr><td>anything else</td><td>{@code 500} with {@code {"detail":"Internal Server Error","request_id":…}},
 *   nothing about the cause, and one ERROR log line with the request id and the stack</td></tr>
 * </table>
 * Users may override the built-ins by registering the same classes. A registered handler that fails
 * itself is logged, and the client gets the opaque {@code 500}.
 */
public final class ExceptionHandlers {
    private static final Logger log = LoggerFactory.getLogger(ExceptionHandlers.class);

    private final Map<Class<?>, ExceptionHandler<Throwable>> byType;

    private ExceptionHandlers(Map<Class<?>, ExceptionHandler<Throwable>> byType) {
        this.byType = byType;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Only the built-in answers. */
    public static ExceptionHandlers defaults() {
        return builder().build();
    }

    /**
     * The response for {@code failure} while handling {@code request}; {@code where} names the route
     * (or the filter chain) for the log line. Never throws.
     */
    public Response respond(Throwable failure, Request request, String where) {
        Throwable cause = unwrap(failure);
        Requests.failure(request, cause);
        ExceptionHandler<Throwable> handler = find(cause.getClass());
        if (handler != null) {
            try {
                return Objects.requireNonNull(handler.handle(cause, request), "exception handler returned null");
            } catch (Throwable e) {
                e.addSuppressed(cause);
                return internalError(e, request, where + " (in the exception handler)");
            }
        }
        return internalError(cause, request, where);
    }

    private ExceptionHandler<Throwable> find(Class<?> type) {
        for (Class<?> c = type; c != null; c = c.getSuperclass()) {
            ExceptionHandler<Throwable> h = byType.get(c);
            if (h != null) {
                return h;
            }
        }
        return null;
    }

    private static Throwable unwrap(Throwable t) {
        Throwable cause = t;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException)
                && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }

    private static Response internalError(Throwable cause, Request request, String where) {
        String id = RequestId.of(request);
        log.error("request {} failed in {} on {}", id, where, request, cause);
        String body = "{\"detail\":\"Internal Server Error\",\"request_id\":" + JsonStrings.quote(id) + "}";
        return Response.of(500).body(body.getBytes(StandardCharsets.UTF_8), "application/json");
    }

    /** Collects handlers by exception class; the built-ins are there from the start. */
    public static final class Builder {
        private final Map<Class<?>, ExceptionHandler<Throwable>> byType = new HashMap<>();

        private Builder() {
            add(BindingException.class, (e, request) -> e.toResponse());
            add(HttpException.class, (e, request) -> {
                Response answer = ErrorResponse.of(e.status(), e.detail());
                e.headers().forEach(answer::header);
                return answer;
            });
            add(MultipartException.class, (e, request) -> ErrorResponse.of(e.status(), e.getMessage()));
        }

        @SuppressWarnings("unchecked")
        public <E extends Throwable> Builder add(Class<E> type, ExceptionHandler<? super E> handler) {
            byType.put(Objects.requireNonNull(type, "type"),
                    (ExceptionHandler<Throwable>) Objects.requireNonNull(handler, "handler"));
            return this;
        }

        public ExceptionHandlers build() {
            return new ExceptionHandlers(Map.copyOf(byType));
        }
    }
}
