package dev.gyre.security;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * HTTP Bearer authentication (RFC 6750), FastAPI's {@code HTTPBearer}: reads
 * {@code Authorization: Bearer <token>} as a {@link BearerToken}; without one the answer is {@code 401}
 * with {@code WWW-Authenticate: Bearer}. Documented as {@code {"type":"http","scheme":"bearer"}}.
 */
public final class HttpBearer extends BearerScheme {
    /** The scheme's name when none is given, as FastAPI names it. */
    public static final String DEFAULT_NAME = "HTTPBearer";

    private final String bearerFormat;

    public HttpBearer() {
        this(DEFAULT_NAME, null);
    }

    /**
     * @param bearerFormat what the tokens are, for the document only (e.g. {@code JWT}); may be {@code null}
     */
    public HttpBearer(String name, String bearerFormat) {
        super(name);
        this.bearerFormat = bearerFormat;
    }

    @Override
    public Map<String, Object> openApi() {
        Map<String, Object> scheme = new LinkedHashMap<>();
        scheme.put("type", "http");
        scheme.put("scheme", "bearer");
        if (bearerFormat != null) {
            scheme.put("bearerFormat", bearerFormat);
        }
        return scheme;
    }
}
