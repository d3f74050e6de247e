package dev.gyre.handler;

import dev.gyre.http.Response;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The request's input did not fit the handler's parameters: answered {@code 422} with every problem
 * found, so a client can fix all of them at once.
 */
public final class BindingException extends RuntimeException {
    private final List<Problem> problems;

    public BindingException(List<Problem> problems) {
        super(problems.toString(), null, false, false);
        this.problems = List.copyOf(problems);
    }

    public List<Problem> problems() {
        return problems;
    }

    /** {@code 422} with {@code {"detail":[problem, …]}}. */
    public Response toResponse() {
        StringBuilder sb = new StringBuilder("{\"detail\":[");
        for (int i = 0; i < problems.size(); i++) {
            if (i > 0) {
                sb.append(',');
            }
            sb.append(problems.get(i).toJson());
        }
        sb.append("]}");
        return Response.of(422).body(sb.toString().getBytes(StandardCharsets.UTF_8), "application/json");
    }
}
