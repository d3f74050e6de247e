package dev.gyre.http;

/**
 * Receives each complete request on the loop that owns its connection.
 *
 * <p>Runs on the loop thread, so it must not block: it either answers at once or hands the work to
 * another thread and answers later through {@link Exchange#respond}. The dispatcher that turns
 * annotated methods into handlers is the usual implementation.
 */
@FunctionalInterface
public interface HttpHandler {
    void handle(Exchange exchange);
}
