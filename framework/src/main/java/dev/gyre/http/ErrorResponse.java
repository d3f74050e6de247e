package dev.gyre.http;

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
        byte[] body = ("{\"detail\":" + jsonString(detail) + "}").getBytes(StandardCharsets.UTF_8);
        return Response.of(status).body(body, "application/json");
    }

    /** Quotes and escapes {@code s} as a JSON string literal. */
    public static String jsonString(String s) {
        StringBuilder sb = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c < 0x20) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.append('"').toString();
    }
}
