package dev.gyre.handler.internal;

import dev.gyre.http.Request;
import dev.gyre.http.Response;
import dev.gyre.middleware.Filter;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;

/**
 * The filters that apply to one route (chosen once, at start-up) or to one unrouted path, run around a
 * terminal step. Each step is guarded: whatever a filter or the handler throws, or a stage fails with,
 * becomes its error response right there, so every filter further out sees a response.
 */
final class FilterChain {
    private final Filter[] filters;
    private final ExceptionHandlers errors;
    private final String where;

    private FilterChain(Filter[] filters, ExceptionHandlers errors, String where) {
        this.filters = filters;
        this.errors = errors;
        this.where = where;
    }

    /** The chain for {@code path}, or {@code null} when no filter applies to it. */
    static FilterChain forPath(List<FilterRegistration> registrations, String path, ExceptionHandlers errors,
                               String where) {
        Filter[] applying = registrations.stream().filter(r -> r.appliesTo(path))
                .map(FilterRegistration::filter).toArray(Filter[]::new);
        return applying.length == 0 ? null : new FilterChain(applying, errors, where);
    }

    CompletionStage<Response> run(Request request, Supplier<CompletionStage<Response>> terminal) {
        return step(0, request, terminal);
    }

    private CompletionStage<Response> step(int i, Request request, Supplier<CompletionStage<Response>> terminal) {
        if (i == filters.length) {
            return guard(request, terminal);
        }
        Filter filter = filters[i];
        return guard(request, () -> filter.filter(request, () -> step(i + 1, request, terminal)));
    }

    private CompletionStage<Response> guard(Request request, Supplier<CompletionStage<Response>> step) {
        CompletionStage<Response> stage;
        try {
            stage = step.get();
        } catch (Throwable e) {
            return CompletableFuture.completedFuture(errors.respond(e, request, where));
        }
        if (stage == null) {
            return CompletableFuture.completedFuture(errors.respond(
                    new NullPointerException("a filter returned no CompletionStage"), request, where));
        }
        return stage.handle((response, failure) -> {
            if (failure != null) {
                return errors.respond(failure, request, where);
            }
            return response != null ? response : errors.respond(
                    new NullPointerException("a filter completed without a response"), request, where);
        });
    }
}
