package dev.gyre.middleware;

import dev.gyre.http.Response;
import java.util.concurrent.CompletionStage;

/** The rest of the chain after a {@link Filter}: the next filters, then the handler. */
@FunctionalInterface
public interface Next {
    /** Runs the rest of the chain once; the stage completes with the response and never exceptionally. */
    CompletionStage<Response> proceed();
}
