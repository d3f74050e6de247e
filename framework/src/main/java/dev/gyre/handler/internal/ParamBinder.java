package dev.gyre.handler.internal;

import dev.gyre.handler.HttpException;
import dev.gyre.handler.Problem;
import java.util.List;

/**
 * Produces one handler argument for a request. Built once per parameter at start-up; a failure is
 * added to {@code problems} (and {@code null} returned) so that all problems of a request are reported
 * together. An answer that ends the request at once ({@code 400}, {@code 415}) is thrown as an
 * {@link HttpException}.
 */
@FunctionalInterface
interface ParamBinder {
    Object bind(Invocation invocation, List<Problem> problems);
}
