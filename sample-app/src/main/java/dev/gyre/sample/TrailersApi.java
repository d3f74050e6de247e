package dev.gyre.sample;

import dev.gyre.handler.Post;
import dev.gyre.http.Headers;
import dev.gyre.http.Request;
import dev.gyre.http.Response;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Trailers both ways ({@code docs/streaming.md#trailers}): {@code POST /trailers} streams the request body back
 * in pieces and ends it with trailer fields known only then: the SHA-256 of what was sent, and every request
 * trailer echoed as {@code x-echo-<name>}.
 *
 * <p>A plain (blocking) method: hashing a body of up to the server's body limit takes too long for the event
 * loop (a tester saw a 10 MiB upload hold the loop for 267 ms), so the digest is taken here on a virtual
 * thread, and the stream's producer, which runs on the loop, only hands the pieces to it.
 */
public final class TrailersApi {
    /** The size of the pieces the body is written back in, each one chunk (HTTP/1.1) or DATA frame (HTTP/2). */
    static final int PIECE = 4096;

    @Post("/trailers")
    public Response trailers(Request request) {
        byte[] body = request.body();
        Headers received = request.trailers();
        String digest = HexFormat.of().formatHex(sha256().digest(body));
        Response response = Response.stream("application/octet-stream", stream -> {
            for (int at = 0; at < body.length; at += PIECE) {
                stream.write(ByteBuffer.wrap(body, at, Math.min(PIECE, body.length - at)));
            }
            stream.close();
        }).trailer("x-sha256", () -> digest);
        for (int i = 0; i < received.size(); i++) {
            String value = received.value(i);
            response.trailer("x-echo-" + received.name(i), () -> value);
        }
        return response;
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
