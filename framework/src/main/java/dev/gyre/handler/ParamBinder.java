package dev.gyre.handler;

import dev.gyre.http.Request;
import java.util.List;

/**
 * Produces one handler argument from a request. Built once per parameter at start-up; a failure is
 * added to {@code problems} (and {@code null} returned) so that all problems of a request are reported
 * together.
 */
@FunctionalInterface
interface ParamBinder {
    Object bind(Request request, List<Problem> problems);
}
