package dev.gyre.security;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The OAuth2 password flow (RFC 6749 §4.3), FastAPI's {@code OAuth2PasswordBearer}: clients get a token by
 * posting {@code username} and {@code password} as a form to the application's own {@code tokenUrl} route,
 * then send it as {@code Authorization: Bearer <token>}, read here as a {@link BearerToken}. Without one the
 * answer is {@code 401} with {@code WWW-Authenticate: Bearer}.
 *
 * <p>The framework issues no tokens: the {@code tokenUrl} route is the application's, and so is the check
 * of the password and the meaning of the token. The document describes the flow
 * ({@code {"type":"oauth2","flows":{"password":{"tokenUrl":…,"scopes":{}}}}}), which is what Swagger UI's
 * Authorize dialog needs to ask for a user name and password and fetch the token itself.
 */
public final class OAuth2PasswordBearer extends BearerScheme {
    /** The scheme's name when none is given, as FastAPI names it. */
    public static final String DEFAULT_NAME = "OAuth2PasswordBearer";

    private final String tokenUrl;

    /** @param tokenUrl where the application's token route is, e.g. {@code /token} */
    public OAuth2PasswordBearer(String tokenUrl) {
        this(DEFAULT_NAME, tokenUrl);
    }

    public OAuth2PasswordBearer(String name, String tokenUrl) {
        super(name);
        this.tokenUrl = Objects.requireNonNull(tokenUrl, "tokenUrl");
    }

    public String tokenUrl() {
        return tokenUrl;
    }

    @Override
    public Map<String, Object> openApi() {
        Map<String, Object> password = new LinkedHashMap<>();
        password.put("tokenUrl", tokenUrl);
        password.put("scopes", new LinkedHashMap<String, Object>());
        Map<String, Object> flows = new LinkedHashMap<>();
        flows.put("password", password);
        Map<String, Object> scheme = new LinkedHashMap<>();
        scheme.put("type", "oauth2");
        scheme.put("flows", flows);
        return scheme;
    }
}
