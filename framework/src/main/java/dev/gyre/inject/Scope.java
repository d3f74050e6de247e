package dev.gyre.inject;

import dev.gyre.http.Request;

/** What a {@link Provider} may ask for: the request being handled, and the values of other providers. */
public interface Scope {

    Request request();

    /**
     * The value of {@code type} for this request, made by its provider on first use.
     *
     * @throws IllegalStateException when no provider is registered for {@code type}, or when providers
     *                               ask for each other in a cycle
     */
    <T> T get(Class<T> type);
}
