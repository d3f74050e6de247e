package dev.gyre.files;

import dev.gyre.middleware.ContentCoding;
import dev.gyre.http.Request;
import dev.gyre.http.Response;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Objects;

/**
 * A body that does not change while the server runs (a bundled asset, a document built at start-up), with the
 * validator that lets clients revalidate it for free.
 *
 * <p>The strong {@code ETag} is a digest of the bytes, computed once, so it is the same on every server
 * instance and after every restart that serves the same bytes. {@link #respond} follows the same rules as
 * static files (conditional requests, {@code Range}, {@code HEAD}). Immutable and thread-safe: one instance
 * serves every loop.
 */
final class StaticContent {
    private final byte[] body;
    private final String contentType;
    private final String cacheControl;
    private final String etag;

    private StaticContent(byte[] body, String contentType, String cacheControl) {
        this.body = body;
        this.contentType = Objects.requireNonNull(contentType, "contentType");
        this.cacheControl = Objects.requireNonNull(cacheControl, "cacheControl");
        this.etag = etagOf(body);
    }

    /**
     * @param body         the bytes, owned by this object from now on: not to be changed by the caller
     * @param cacheControl the {@code Cache-Control} value, e.g. {@code no-cache} (always revalidate, cheap with
     *                     the ETag) or {@code public, max-age=31536000, immutable} for versioned URLs
     */
    static StaticContent of(byte[] body, String contentType, String cacheControl) {
        return new StaticContent(Objects.requireNonNull(body, "body"), contentType, cacheControl);
    }

    /**
     * The answer to a {@code GET} or {@code HEAD}: {@code 200} with the body, {@code 304} when the client's copy
     * is current, {@code 206} for a single {@code Range}; see {@code docs/static-files.md}.
     */
    Response respond(Request request) {
        return representation(null, false).respond(request);
    }

    /** This body as a representation: the file itself, or (with a {@code coding}) a sibling of one. */
    Representation representation(ContentCoding coding, boolean varies) {
        return new Representation(new Representation.Bytes(body), contentType, etag, -1, cacheControl, coding,
                varies);
    }

    private static String etagOf(byte[] body) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(body);
            return '"' + Base64.getUrlEncoder().withoutPadding().encodeToString(digest).substring(0, 22) + '"';
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }
}
