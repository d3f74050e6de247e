package dev.gyre.sample;

import dev.gyre.handler.NonBlocking;
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
 * trailer echoed as {@code x-echo-<name>}. Only computes, so it runs on the event loop.
 */
public final class TrailersApi {
    /** The size of the pieces the body is written back in, each one chunk (HTTP/1.1) or DATA frame (HTTP/2). */
    static final int PIECE = 4096;

    @Post("/trailers")
    @NonBlocking
    public Response trailers(Request request) {
        byte[] body = request.body();
        Headers received = request.trailers();
        MessageDigest sha256 = sha256();
        Response response = Response.stream("application/octet-stream", stream -> {
            for (int at = 0; at < body.length; at += PIECE) {
                ByteBuffer piece = ByteBuffer.wrap(body, at, Math.min(PIECE, body.length - at));
                sha256.update(piece.duplicate());
                stream.write(piece);
            }
            stream.close();
        }).trailer("x-sha256", () -> HexFormat.of().formatHex(sha256.digest()));
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
