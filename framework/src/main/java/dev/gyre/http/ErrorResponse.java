package dev.gyre.http;

import dev.gyre.json.internal.JsonStrings;
import java.nio.charset.StandardCharsets;

/**
 * The one shape of every error the framework itself answers: {@code {"detail": "..."}}, as FastAPI does,
 * so clients can parse errors from the server and from handlers the same way.
 */
public final class ErrorResponse {
    private ErrorResponse() {
    }

    /** A response with this status and a JSON body whose {@code detail} is the given text. */
    public static Response of(int status, String detail) {
        byte[] body = ("{\"detail\":" + JsonStrings.quote(detail) + "}").getBytes(StandardCharsets.UTF_8);
        return Response.of(status).body(body, "application/json");
    }
}
