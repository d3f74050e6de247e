package dev.gyre.handler;

import dev.gyre.http.QueryParameters;
import dev.gyre.http.Request;
import dev.gyre.inject.Providers;
import dev.gyre.inject.RequestScope;
import java.util.Map;

/**
 * What binding one request needs besides the request itself, each made only when a parameter asks for
 * it: the parsed form body, the parsed cookies, the dependency scope and the background tasks.
 *
 * <p>After the response has been sent, {@link #finish()} runs the background tasks and then closes the
 * scope, so a task may still use the request's dependencies.
 */
final class Invocation {
    private final Request request;
    private QueryParameters form;
    private Map<String, String> cookies;
    private RequestScope scope;
    private BackgroundTasks tasks;

    Invocation(Request request) {
        this.request = request;
    }

    Request request() {
        return request;
    }

    /** The form fields; {@code 415} when the body is not {@code application/x-www-form-urlencoded}. */
    QueryParameters form() {
        if (form == null) {
            String contentType = request.header("Content-Type");
            if (!MediaTypes.isForm(contentType)) {
                throw new HttpException(415, "expected a " + MediaTypes.FORM + " body, got "
                        + (contentType == null ? "no Content-Type" : contentType));
            }
            form = QueryParameters.parse(request.bodyAsString());
        }
        return form;
    }

    String cookie(String name) {
        if (cookies == null) {
            cookies = CookieHeader.parse(request.headers().all("Cookie"));
        }
        return cookies.get(name);
    }

    RequestScope scope(Providers providers) {
        if (scope == null) {
            scope = providers.open(request);
        }
        return scope;
    }

    BackgroundTasks tasks() {
        if (tasks == null) {
            tasks = new BackgroundTasks();
        }
        return tasks;
    }

    /** Whether anything must happen after the response: tasks to run or values to close. */
    boolean hasAfterWork() {
        return (tasks != null && !tasks.isEmpty()) || (scope != null && scope.hasCloseables());
    }

    /** Runs the background tasks, then closes the dependencies. Call once the response is out. */
    void finish() {
        try {
            if (tasks != null) {
                tasks.runAll(request);
            }
        } finally {
            if (scope != null) {
                scope.close();
            }
        }
    }
}
