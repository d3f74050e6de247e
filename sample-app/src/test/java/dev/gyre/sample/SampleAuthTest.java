package dev.gyre.sample;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gyre.testing.GyreExtension;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The sample's OAuth2 password flow: {@code POST /token} with user {@code demo}, password {@code demo} gives a
 * bearer token, {@code GET /me} answers the user with it and {@code 401} + {@code WWW-Authenticate: Bearer}
 * without it; the document declares the scheme so Swagger UI can authorize.
 */
class SampleAuthTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    static final GyreExtension gyre = GyreExtension.with(SampleApp::configure);

    private static String token() throws IOException {
        HttpResponse<String> answer = gyre.client().postForm("/token",
                Map.of("grant_type", "password", "username", "demo", "password", "demo"));
        assertEquals(200, answer.statusCode(), answer.body());
        JsonNode token = JSON.readTree(answer.body());
        assertEquals("bearer", token.path("token_type").asText());
        return token.path("access_token").asText();
    }

    @Test
    void theTokenOpensMe() throws Exception {
        String token = token();
        assertTrue(token.length() >= 40, token);
        HttpResponse<String> me = gyre.client().send(gyre.client().request("/me")
                .header("Authorization", "Bearer " + token).GET());
        assertEquals(200, me.statusCode());
        assertEquals("{\"user\":\"demo\"}", me.body());
        assertNotEquals(token, token(), "each login gets its own token");
    }

    @Test
    void withoutATokenMeIs401WithTheBearerChallenge() {
        HttpResponse<String> me = gyre.client().get("/me");
        assertEquals(401, me.statusCode());
        assertEquals("Bearer", me.headers().firstValue("WWW-Authenticate").orElse(null));
        HttpResponse<String> forged = gyre.client().send(gyre.client().request("/me")
                .header("Authorization", "Bearer not-a-token").GET());
        assertEquals(401, forged.statusCode());
        assertEquals("{\"detail\":\"Invalid authentication credentials\"}", forged.body());
    }

    @Test
    void aWrongPasswordIs400() {
        HttpResponse<String> answer = gyre.client().postForm("/token", Map.of("username", "demo", "password", "Demo"));
        assertEquals(400, answer.statusCode());
        assertEquals("{\"detail\":\"Incorrect username or password\"}", answer.body());
    }

    @Test
    void curlLogsInAndCallsMe() throws Exception {
        String url = gyre.server().url();
        String login = curl(List.of("curl", "-s", "-d", "username=demo", "-d", "password=demo", url + "/token"));
        String token = JSON.readTree(login).path("access_token").asText();
        assertEquals("{\"user\":\"demo\"}", curl(List.of("curl", "-s", "-H", "Authorization: Bearer " + token, url + "/me")));
        String refused = curl(List.of("curl", "-s", "-i", url + "/me"));
        assertTrue(refused.startsWith("HTTP/1.1 401"), refused);
        assertTrue(refused.contains("WWW-Authenticate: Bearer\r\n"), refused);
    }

    @Test
    void theDocumentDeclaresThePasswordFlowOnMe() throws Exception {
        JsonNode document = JSON.readTree(gyre.client().get("/openapi.json").body());
        assertEquals("/token", document.at("/components/securitySchemes/OAuth2PasswordBearer/flows/password/tokenUrl").asText());
        assertEquals("[{\"OAuth2PasswordBearer\":[]}]", document.at("/paths/~1me/get/security").toString());
        assertTrue(document.at("/paths/~1token/post/security").isMissingNode());
    }

    private static String curl(List<String> command) throws Exception {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(20, TimeUnit.SECONDS), "curl did not finish");
        assertEquals(0, process.exitValue(), out);
        return out;
    }
}
