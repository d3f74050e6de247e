package dev.gyre.security;

import dev.gyre.inject.Scope;

/**
 * Turns the credentials a {@link SecurityScheme} read into what a handler needs (a user, a tenant), like the
 * body of a FastAPI {@code get_current_user} dependency. Returning {@code null} refuses the credentials:
 * the request is answered {@code 401} with the scheme's challenge. To answer otherwise (a {@code 403} for
 * a user who is known but not allowed), throw {@code HttpException}.
 *
 * <p>Runs on the thread of the handler that asks, like any provider: on the event loop for
 * {@code @NonBlocking} and {@code CompletionStage} handlers, where it must not block.
 */
@FunctionalInterface
public interface CredentialCheck<C, U> {
    U check(C credentials, Scope scope) throws Exception;
}
