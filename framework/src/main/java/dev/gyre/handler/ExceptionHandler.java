package dev.gyre.handler;

import dev.gyre.http.Request;
import dev.gyre.http.Response;

/**
 * Turns an exception a handler (or a provider, or a filter) threw into a response, like FastAPI's
 * {@code @app.exception_handler}. Registered per exception class with
 * {@code Gyre.builder().exceptionHandler(type, handler)}; the handler of the most specific registered
 * superclass of the thrown exception wins.
 */
@FunctionalInterface
public interface ExceptionHandler<E extends Throwable> {
    Response handle(E exception, Request request) throws Exception;
}
