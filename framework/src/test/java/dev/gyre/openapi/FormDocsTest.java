package dev.gyre.openapi;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gyre.handler.Form;
import dev.gyre.handler.Post;
import dev.gyre.multipart.UploadFile;
import dev.gyre.testing.GyreExtension;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Forms in the served document: multipart with binary files when a field is an upload, url-encoded otherwise. */
class FormDocsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    public static final class Api {
        @Post("/files")
        public String upload(@Form UploadFile file, @Form List<UploadFile> attachments, @Form String note,
                             @Form Optional<String> tag) {
            return "";
        }

        @Post("/login")
        public String login(@Form String username, @Form(defaultValue = "3") int tries) {
            return "";
        }
    }

    @RegisterExtension
    static final GyreExtension gyre = GyreExtension.with(b -> b.handlers(new Api()).openApi(OpenApiInfo.of("t", "1")));

    @Test
    void formsAreDocumentedAsTheyAreBound() throws Exception {
        HttpResponse<String> r = gyre.client().get("/openapi.json");
        assertEquals(200, r.statusCode());
        assertEquals(List.of(), OpenApiValidation.problems(r.body()));
        JsonNode paths = JSON.readTree(r.body()).get("paths");
        JsonNode upload = paths.at("/~1files/post/requestBody");
        assertEquals(JSON.readTree("""
                {"required": true, "content": {"multipart/form-data": {"schema": {"type": "object",
                 "properties": {"file": {"type": "string", "format": "binary"},
                                "attachments": {"type": "array", "items": {"type": "string", "format": "binary"}},
                                "note": {"type": "string"}, "tag": {"type": "string"}},
                 "required": ["file", "note"]}}}}"""), upload);
        JsonNode login = paths.at("/~1login/post/requestBody/content/application~1x-www-form-urlencoded/schema");
        assertEquals(JSON.readTree("""
                {"type": "object", "properties": {"username": {"type": "string"},
                 "tries": {"type": "integer", "format": "int32", "default": 3}}, "required": ["username"]}"""), login);
        assertEquals("#/components/schemas/HTTPValidationError",
                paths.at("/~1login/post/responses/422/content/application~1json/schema/$ref").asText());
    }
}
