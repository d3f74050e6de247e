package dev.gyre.inject;

/**
 * Makes the value of a dependency for one request, like a FastAPI {@code Depends} function.
 *
 * <p>Called at most once per request and type: every handler parameter and every other provider that
 * asks for the type within the same request gets the same instance. A value that is
 * {@link AutoCloseable} is closed after the response has been sent (FastAPI's {@code yield}
 * dependencies). For one value shared by every request (a connection pool, a client), register the
 * value itself instead: {@code Gyre.builder().provide(DataSource.class, pool)}; it is never closed by a
 * request. A provider may throw {@code HttpException} to answer the request itself, e.g.
 * {@code 401} from an authentication provider.
 *
 * <p>The provider runs on the thread of the handler that needs it: the event loop for
 * {@code @NonBlocking} and {@code CompletionStage} handlers, where it must not block.
 */
@FunctionalInterface
public interface Provider<T> {
    T provide(Scope scope) throws Exception;
}
