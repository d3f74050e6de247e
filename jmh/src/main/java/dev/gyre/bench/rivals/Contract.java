package dev.gyre.bench.rivals;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import java.nio.charset.StandardCharsets;

/**
 * The sample app's benchmark contract as the rivals serve it (docs/sample-app.md): {@code GET /plaintext}
 * answers {@code Hello, World!} as {@code text/plain}, {@code GET /json} a {@code {"message":"Hello, World!"}}
 * serialised by Jackson per request, {@code POST /echo} the request body as {@code application/octet-stream}.
 */
final class Contract {
    static final String TEXT_PLAIN = "text/plain; charset=utf-8";
    static final String APPLICATION_JSON = "application/json";
    static final String OCTET_STREAM = "application/octet-stream";
    static final byte[] HELLO = "Hello, World!".getBytes(StandardCharsets.US_ASCII);

    record Message(String message) {
    }

    private static final ObjectWriter JSON = new ObjectMapper().writerFor(Message.class);

    private Contract() {
    }

    /** A fresh serialisation per call, as the contract asks. */
    static byte[] json() {
        try {
            return JSON.writeValueAsBytes(new Message("Hello, World!"));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
