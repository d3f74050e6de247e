package dev.gyre.handler.internal;

import dev.gyre.handler.BackgroundTasks;
import dev.gyre.handler.Cookie;
import dev.gyre.handler.HttpException;
import dev.gyre.handler.ResponseHead;
import dev.gyre.handler.internal.HandlerValues;
import dev.gyre.http.BodyTooLargeException;
import dev.gyre.http.QueryParameters;
import dev.gyre.http.Request;
import dev.gyre.http.Response;
import dev.gyre.http.TooManyPairsException;
import dev.gyre.inject.internal.Providers;
import dev.gyre.inject.internal.RequestScope;
import dev.gyre.loop.BufferBudget;
import dev.gyre.multipart.MultipartForm;
import dev.gyre.multipart.MultipartLimits;
import dev.gyre.multipart.internal.BudgetedForms;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * What binding one request needs besides the request itself, each made only when a parameter asks for
 * it: the parsed form body, the parsed cookies, the dependency scope, the background tasks and the
 * {@link ResponseHead}.
 *
 * <p>After the response has been sent, {@link #finish()} runs the background tasks, then deletes the form's
 * temporary upload files and closes the scope, so a task may still use the request's uploads and dependencies.
 */
final class Invocation {
    private final Request request;
    private FormBody form;
    private Map<String, String> cookies;
    private RequestScope scope;
    private BackgroundTasks tasks;
    private ResponseHead responseHead;

    Invocation(Request request) {
        this.request = request;
    }

    Request request() {
        return request;
    }

    /**
     * The form, read on first use: url-encoded or multipart ({@code 415} for any other body). A multipart body
     * is parsed as it arrives when the route streams it, and its uploads are spooled under {@code reading}'s limits,
     * their in-memory bytes reserved from its budget; a body
     * already whole in memory (a route without upload parameters) keeps its files in memory, so that a loop
     * route never writes to disk. Either encoding is refused with {@code 413} past {@code limits.maxFields()}
     * text fields.
     */
    FormBody form(FormReading reading) {
        MultipartLimits limits = reading.limits();
        if (form == null) {
            String contentType = request.header("Content-Type");
            try {
                if (MediaTypes.isMultipartForm(contentType)) {
                    MultipartLimits spooling = request.isBodyStreamed() ? limits
                            : limits.withMemoryThreshold(Integer.MAX_VALUE).withMaxFormMemory(Long.MAX_VALUE);
                    form = FormBody.multipart(BudgetedForms.read(request.bodyStream(), contentType, spooling,
                            request.isBodyStreamed() ? reading.memory() : BufferBudget.UNLIMITED));
                } else if (MediaTypes.isForm(contentType)) {
                    form = FormBody.encoded(QueryParameters.parse(request.isBodyStreamed()
                            ? new String(request.bodyStream().readAllBytes(), StandardCharsets.UTF_8)
                            : request.bodyAsString(), limits.maxFields()));
                } else {
                    throw new HttpException(415, "expected a " + MediaTypes.FORM + " or " + MediaTypes.MULTIPART_FORM
                            + " body, got " + (contentType == null ? "no Content-Type" : contentType));
                }
            } catch (BodyTooLargeException e) {
                throw new HttpException(413, e.getMessage());
            } catch (TooManyPairsException e) {
                throw new HttpException(413, "too many fields in the form: more than maxFields " + e.limit());
            } catch (IOException e) {
                throw new HttpException(400, "the request body could not be read: " + e.getMessage());
            }
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
            tasks = HandlerValues.newTasks();
        }
        return tasks;
    }

    /** The handler's {@link ResponseHead}, made on first use. */
    ResponseHead responseHead() {
        if (responseHead == null) {
            responseHead = HandlerValues.newHead();
        }
        return responseHead;
    }

    /** The response of the handler's result, with what the handler set on its {@link ResponseHead}. */
    Response withHead(Response response, Object result) {
        return responseHead == null ? response : HandlerValues.applyTo(responseHead, response, !(result instanceof Response));
    }

    /** Whether the handler took no {@link ResponseHead} and left no after-work: its value's response is all there is. */
    boolean leavesResponseAlone() {
        return responseHead == null && !hasAfterWork();
    }

    /** Whether anything must happen after the response: tasks to run or values to close. */
    boolean hasAfterWork() {
        return (tasks != null && !HandlerValues.isEmpty(tasks)) || (scope != null && scope.hasCloseables())
                || (form != null && form.hasFiles());
    }

    /** Runs the background tasks, then deletes the uploads and closes the dependencies. Call once the response is out. */
    void finish() {
        try {
            if (tasks != null) {
                HandlerValues.runAll(tasks, request);
            }
        } finally {
            try {
                if (form != null) {
                    form.close();
                }
            } finally {
                if (scope != null) {
                    scope.close();
                }
            }
        }
    }
}
