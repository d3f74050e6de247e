package dev.gyre.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gyre.handler.Get;
import dev.gyre.openapi.OpenApiInfo;
import dev.gyre.server.Gyre;
import dev.gyre.testing.GyreTestServer;
import org.junit.jupiter.api.Test;

/**
 * What {@code /openapi.json} says about security: each scheme a route needs in
 * {@code components.securitySchemes}, and each operation's {@code security} naming the schemes of the secured
 * providers its handler takes (directly, or through {@code then}).
 */
class SecurityOpenApiTest {
    record User(String name) {
    }

    public static final class Api {
        @Get("/public")
        public String open() {
            return "hi";
        }

        @Get("/me")
        public String me(User user) {
            return user.name();
        }

        @Get("/both")
        public String both(User user, ApiKeyValue key) {
            return user.name() + key.key();
        }

        @Get("/basic")
        public String basic(BasicCredentials credentials) {
            return credentials.username();
        }

        @Get("/bearer")
        public String bearer(BearerToken token) {
            return token.token();
        }
    }

    /** The routes above with every scheme registered, Basic and Bearer as given. */
    private static Gyre.Builder configure(Gyre.Builder builder, HttpBasic basic, HttpBearer bearer) {
        return builder.handlers(new Api())
                .provide(User.class, new OAuth2PasswordBearer("/token").then((token, scope) -> new User(token.token())))
                .provide(ApiKeyValue.class, ApiKey.header("X-API-Key"))
                .provide(BasicCredentials.class, basic)
                .provide(BearerToken.class, bearer)
                .openApi(OpenApiInfo.of("t", "1"));
    }

    private static JsonNode document() throws Exception {
        try (GyreTestServer server = GyreTestServer.start(b -> configure(b, new HttpBasic(), new HttpBearer("jwt", "JWT")))) {
            return new ObjectMapper().readTree(server.client().get("/openapi.json").body());
        }
    }

    @Test
    void schemesAreDescribedAsOpenApiSaysAndOperationsNameThem() throws Exception {
        JsonNode doc = document();
        JsonNode schemes = doc.at("/components/securitySchemes");
        assertEquals("{\"type\":\"oauth2\",\"flows\":{\"password\":{\"tokenUrl\":\"/token\",\"scopes\":{}}}}",
                schemes.get("OAuth2PasswordBearer").toString());
        assertEquals("{\"type\":\"apiKey\",\"in\":\"header\",\"name\":\"X-API-Key\"}", schemes.get("APIKeyHeader").toString());
        assertEquals("{\"type\":\"http\",\"scheme\":\"basic\"}", schemes.get("HTTPBasic").toString());
        assertEquals("{\"type\":\"http\",\"scheme\":\"bearer\",\"bearerFormat\":\"JWT\"}", schemes.get("jwt").toString());
        assertEquals(4, schemes.size());

        JsonNode paths = doc.get("paths");
        assertTrue(paths.at("/~1public/get/security").isMissingNode());
        assertEquals("[{\"OAuth2PasswordBearer\":[]}]", paths.at("/~1me/get/security").toString());
        assertEquals("[{\"OAuth2PasswordBearer\":[],\"APIKeyHeader\":[]}]", paths.at("/~1both/get/security").toString());
        assertEquals("[{\"HTTPBasic\":[]}]", paths.at("/~1basic/get/security").toString());
        assertEquals("[{\"jwt\":[]}]", paths.at("/~1bearer/get/security").toString());
        assertTrue(paths.at("/~1me/get/parameters").isMissingNode(), "a provided value is no parameter");
    }

    @Test
    void twoDifferentSchemesUnderOneNameFailStartUp() {
        Gyre.Builder builder = configure(Gyre.builder().host("127.0.0.1").port(0), new HttpBasic("auth", null),
                new HttpBearer("auth", null));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, builder::start);
        assertTrue(e.getMessage().contains("two different security schemes are named auth"), e.getMessage());
    }
}
