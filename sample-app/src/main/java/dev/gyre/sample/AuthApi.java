package dev.gyre.sample;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.gyre.handler.Form;
import dev.gyre.handler.Get;
import dev.gyre.handler.HttpException;
import dev.gyre.handler.Post;
import dev.gyre.security.Secrets;

/**
 * The OAuth2 password flow as FastAPI's tutorial shows it: {@code POST /token} takes the form a client (or
 * Swagger UI's Authorize dialog) sends and answers a bearer token; {@code GET /me} needs that token, through
 * the {@link CurrentUser} provider that {@link SampleApp} secures with {@code OAuth2PasswordBearer}. The one
 * user is {@code demo}, password {@code demo}; a real application checks a password hash in its user store.
 */
public final class AuthApi {
    static final String TOKEN_URL = "/token";
    private static final String DEMO_USER = "demo";
    private static final String DEMO_PASSWORD = "demo";

    private final TokenStore tokens;

    AuthApi(TokenStore tokens) {
        this.tokens = tokens;
    }

    /** The OAuth2 token answer (RFC 6749 §5.1). */
    public record Token(@JsonProperty("access_token") String accessToken,
                        @JsonProperty("token_type") String tokenType) {
    }

    /** Who the bearer of a token is. */
    public record CurrentUser(String user) {
    }

    /** A wrong user name or password is {@code 400}, as RFC 6749 §5.2 ({@code invalid_grant}) and FastAPI have it. */
    @Post(TOKEN_URL)
    public Token token(@Form String username, @Form String password) {
        boolean user = Secrets.equal(username, DEMO_USER);
        boolean known = Secrets.equal(password, DEMO_PASSWORD);
        if (!(user & known)) {
            throw new HttpException(400, "Incorrect username or password");
        }
        return new Token(tokens.issue(username), "bearer");
    }

    @Get("/me")
    public CurrentUser me(CurrentUser user) {
        return user;
    }
}
