package dev.gyre.security;

import dev.gyre.http.Request;

/**
 * A scheme whose credential is an {@code Authorization: Bearer <token>} field (RFC 6750 §2.1): what
 * {@link HttpBearer} and {@link OAuth2PasswordBearer} share; they differ only in how the document describes
 * where tokens come from. Without a token the answer is {@code 401} with {@code WWW-Authenticate: Bearer};
 * another scheme or an empty token is {@code 401 "Invalid authentication credentials"}.
 */
public abstract sealed class BearerScheme extends SecurityScheme<BearerToken> permits HttpBearer, OAuth2PasswordBearer {

    BearerScheme(String name) {
        super(name);
    }

    @Override
    final String challenge() {
        return "Bearer";
    }

    @Override
    final BearerToken read(Request request) {
        String token = AuthorizationField.credentials(request, "bearer");
        if (token == null) {
            return null;
        }
        if (token.isEmpty()) {
            throw unauthorized(INVALID);
        }
        return new BearerToken(token);
    }
}
