package dev.gyre.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gyre.handler.Form;
import dev.gyre.handler.Get;
import dev.gyre.handler.HttpException;
import dev.gyre.handler.NonBlocking;
import dev.gyre.handler.Post;
import dev.gyre.testing.GyreExtension;
import dev.gyre.testing.TestClient;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The schemes of {@code dev.gyre.security} over real sockets: what each reads, and the {@code 401} with the
 * scheme's {@code WWW-Authenticate} challenge when the credentials are missing, malformed or refused.
 */
class SecuritySchemesTest {
    static final HttpBasic BASIC = new HttpBasic("basicAuth", "test");
    static final OAuth2PasswordBearer OAUTH2 = new OAuth2PasswordBearer("/token");

    /** The user an application makes of the credentials. */
    record User(String name, boolean admin) {
    }

    /** Marks the admin-only route's dependency: a user who must be an admin. */
    record Admin(User user) {
    }

    public static final class Api {
        @Get("/bearer")
        public String bearer(BearerToken token) {
            return "token " + token.token();
        }

        @Get("/bearer/loop")
        @NonBlocking
        public String bearerOnLoop(BearerToken token) {
            return "loop " + token.token();
        }

        @Get("/basic")
        public String basic(BasicCredentials credentials) {
            return "user " + credentials.username() + " password " + credentials.password();
        }

        @Get("/key")
        public String key(ApiKeyValue key) {
            return "key " + key.key();
        }

        @Post("/token")
        public Map<String, String> token(@Form String username, @Form String password) {
            if (!(Secrets.equal(username, "alice") & Secrets.equal(password, "wonderland"))) {
                throw new HttpException(400, "Incorrect username or password");
            }
            return Map.of("access_token", "token-of-alice", "token_type", "bearer");
        }

        @Get("/me")
        public String me(User user) {
            return user.name();
        }

        @Get("/admin")
        public String admin(Admin admin) {
            return "admin " + admin.user().name();
        }
    }

    @RegisterExtension
    static final GyreExtension gyre = GyreExtension.with(b -> b.handlers(new Api())
            .provide(BearerToken.class, new HttpBearer())
            .provide(BasicCredentials.class, BASIC)
            .provide(ApiKeyValue.class, ApiKey.header("X-API-Key"))
            .provide(User.class, OAUTH2.then((token, scope) ->
                    token.matches("token-of-alice") ? new User("alice", false) : null))
            .provide(Admin.class, BASIC.then((credentials, scope) -> {
                if (!credentials.matches("root", "secret") && !credentials.matches("bob", "builder")) {
                    return null;
                }
                if (!credentials.username().equals("root")) {
                    throw new HttpException(403, "Not an administrator");
                }
                return new Admin(new User("root", true));
            })));

    private static HttpResponse<String> get(String path, String header, String value) {
        TestClient client = gyre.client();
        return client.send(client.request(path).header(header, value).GET());
    }

    private static String basic(String userAndPassword) {
        return "Basic " + Base64.getEncoder().encodeToString(userAndPassword.getBytes(StandardCharsets.UTF_8));
    }

    private static void assertUnauthorized(HttpResponse<String> response, String challenge, String detail) {
        assertEquals(401, response.statusCode(), response.body());
        assertEquals(challenge, response.headers().firstValue("WWW-Authenticate").orElse(null));
        assertEquals("{\"detail\":\"" + detail + "\"}", response.body());
    }

    @Test
    void bearerTokenIsReadWhateverTheCaseOfTheScheme() {
        assertEquals("token abc.def", get("/bearer", "Authorization", "Bearer abc.def").body());
        assertEquals("token xyz", get("/bearer", "Authorization", "bearer   xyz ").body());
        assertEquals("loop abc", get("/bearer/loop", "Authorization", "Bearer abc").body());
    }

    @Test
    void noBearerTokenIs401WithTheBearerChallenge() {
        assertUnauthorized(gyre.client().get("/bearer"), "Bearer", "Not authenticated");
        assertUnauthorized(gyre.client().get("/bearer/loop"), "Bearer", "Not authenticated");
    }

    @Test
    void anotherSchemeOrAnEmptyTokenIsInvalid() {
        assertUnauthorized(get("/bearer", "Authorization", basic("a:b")), "Bearer", "Invalid authentication credentials");
        assertUnauthorized(get("/bearer", "Authorization", "Bearer"), "Bearer", "Invalid authentication credentials");
        assertUnauthorized(get("/bearer", "Authorization", "Bearer    "), "Bearer", "Invalid authentication credentials");
        assertUnauthorized(get("/bearer", "Authorization", "Token abc"), "Bearer", "Invalid authentication credentials");
    }

    @Test
    void basicCredentialsAreDecodedAsUtf8UpToTheFirstColon() {
        assertEquals("user zoë password pa:ss:wörd", get("/basic", "Authorization", basic("zoë:pa:ss:wörd")).body());
        assertEquals("user  password ", get("/basic", "Authorization", basic(":")).body());
    }

    @Test
    void malformedBasicCredentialsAre401WithTheRealm() {
        String challenge = "Basic realm=\"test\", charset=\"UTF-8\"";
        assertUnauthorized(gyre.client().get("/basic"), challenge, "Not authenticated");
        assertUnauthorized(get("/basic", "Authorization", "Basic !!!not-base64"), challenge,
                "Invalid authentication credentials");
        assertUnauthorized(get("/basic", "Authorization", basic("no-colon")), challenge,
                "Invalid authentication credentials");
        String latin1 = "Basic " + Base64.getEncoder().encodeToString(new byte[] {'z', 'o', (byte) 0xEB, ':', 'p'});
        assertUnauthorized(get("/basic", "Authorization", latin1), challenge, "Invalid authentication credentials");
        assertUnauthorized(get("/basic", "Authorization", "Bearer abc"), challenge, "Invalid authentication credentials");
    }

    @Test
    void refusedCredentialsAre401AndAKnownUserWithoutTheRightIs403() {
        assertEquals("admin root", get("/admin", "Authorization", basic("root:secret")).body());
        assertUnauthorized(get("/admin", "Authorization", basic("root:Secret")), "Basic realm=\"test\", charset=\"UTF-8\"",
                "Invalid authentication credentials");
        HttpResponse<String> bob = get("/admin", "Authorization", basic("bob:builder"));
        assertEquals(403, bob.statusCode());
        assertEquals("{\"detail\":\"Not an administrator\"}", bob.body());
        assertTrue(bob.headers().firstValue("WWW-Authenticate").isEmpty());
    }

    @Test
    void apiKeyInAHeader() {
        assertEquals("key k-123", get("/key", "X-API-Key", "k-123").body());
        assertUnauthorized(gyre.client().get("/key"), "APIKey", "Not authenticated");
        assertUnauthorized(get("/key", "X-API-Key", ""), "APIKey", "Not authenticated");
    }

    @Test
    void oauth2PasswordFlowGivesATokenThatOpensTheUsersRoute() {
        HttpResponse<String> token = gyre.client().postForm("/token",
                Map.of("grant_type", "password", "username", "alice", "password", "wonderland", "scope", ""));
        assertEquals(200, token.statusCode(), token.body());
        assertTrue(token.body().contains("\"access_token\":\"token-of-alice\""), token.body());
        assertTrue(token.body().contains("\"token_type\":\"bearer\""), token.body());

        assertEquals("alice", get("/me", "Authorization", "Bearer token-of-alice").body());
        assertUnauthorized(gyre.client().get("/me"), "Bearer", "Not authenticated");
        assertUnauthorized(get("/me", "Authorization", "Bearer token-of-eve"), "Bearer",
                "Invalid authentication credentials");

        HttpResponse<String> wrong = gyre.client().postForm("/token", Map.of("username", "alice", "password", "x"));
        assertEquals(400, wrong.statusCode());
    }

    @Test
    void credentialsHideTheirSecretsWhenPrinted() {
        assertFalse(new BearerToken("s3cr3t").toString().contains("s3cr3t"));
        assertFalse(new ApiKeyValue("s3cr3t").toString().contains("s3cr3t"));
        String basic = new BasicCredentials("alice", "s3cr3t").toString();
        assertFalse(basic.contains("s3cr3t"), basic);
        assertTrue(basic.contains("alice"), basic);
    }

    @Test
    void secretsCompareByValue() {
        assertTrue(Secrets.equal("same", "same"));
        assertFalse(Secrets.equal("same", "sane"));
        assertFalse(Secrets.equal("same", "same "));
        assertFalse(Secrets.equal(null, "x"));
        assertFalse(Secrets.equal("x", null));
        assertTrue(new BasicCredentials("a", "b").matches("a", "b"));
        assertFalse(new BasicCredentials("a", "b").matches("a", "c"));
        assertFalse(new BasicCredentials("a", "b").matches("c", "b"));
    }
}
