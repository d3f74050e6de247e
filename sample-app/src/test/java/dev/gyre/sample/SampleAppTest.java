package dev.gyre.sample;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gyre.testing.GyreExtension;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The sample app's contract: the benchmark paths, the items API, file uploads and the threads experiment. */
class SampleAppTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    final GyreExtension gyre = GyreExtension.with(SampleApp::configure);

    @Test
    void benchmarkPathsKeepTheirContract() throws Exception {
        HttpResponse<String> plain = gyre.client().get("/plaintext");
        assertEquals("Hello, World!", plain.body());
        assertEquals("text/plain; charset=utf-8", plain.headers().firstValue("Content-Type").orElseThrow());
        assertTrue(plain.headers().firstValue("X-Request-Id").isEmpty(), "no filters outside /items");
        assertEquals("{\"message\":\"Hello, World!\"}", gyre.client().get("/json").body());
        assertEquals("abc", gyre.client().send(gyre.client().request("/echo")
                .POST(HttpRequest.BodyPublishers.ofString("abc"))).body());
        assertEquals(404, gyre.client().get("/nope").statusCode());
        HttpResponse<String> wrong = gyre.client().delete("/plaintext");
        assertEquals(405, wrong.statusCode());
        assertTrue(wrong.headers().firstValue("Allow").orElseThrow().startsWith("GET"));
    }

    @Test
    void itemsLifeCycle() throws Exception {
        HttpResponse<String> created = gyre.client().postJson("/items", "{\"name\":\"pen\",\"price\":2.5}");
        assertEquals(201, created.statusCode(), created.body());
        JsonNode item = JSON.readTree(created.body());
        long id = item.get("id").asLong();
        assertEquals("pen", item.get("name").asText());
        assertTrue(Instant.parse(item.get("createdAt").asText()).isBefore(Instant.now().plusSeconds(1)),
                "createdAt is an ISO-8601 instant: " + item);
        assertTrue(created.headers().firstValue("X-Request-Id").isPresent());

        assertEquals(JSON.readTree(created.body()), JSON.readTree(gyre.client().get("/items/" + id).body()));
        assertEquals(404, gyre.client().get("/items/999").statusCode());
        assertEquals(422, gyre.client().get("/items/abc").statusCode());

        assertEquals(204, gyre.client().delete("/items/" + id).statusCode());
        assertEquals(404, gyre.client().get("/items/" + id).statusCode());
        assertEquals(404, gyre.client().delete("/items/" + id).statusCode());
    }

    @Test
    void invalidItemsListEveryProblem() throws Exception {
        HttpResponse<String> r = gyre.client().postJson("/items", "{\"name\":\"\",\"price\":0}");
        assertEquals(422, r.statusCode());
        JsonNode detail = JSON.readTree(r.body()).get("detail");
        assertEquals(2, detail.size(), r.body());
        assertTrue(r.body().contains("{\"loc\":[\"body\",\"price\"],\"msg\":\"must be greater than 0\","
                + "\"type\":\"value_error\"}"), r.body());
        assertEquals(400, gyre.client().postJson("/items", "{\"name\":").statusCode());
    }

    @Test
    void anEmptyItemIsMissingEveryRequiredField() throws Exception {
        HttpResponse<String> r = gyre.client().postJson("/items", "{}");
        assertEquals(422, r.statusCode());
        assertEquals(JSON.readTree("""
                {"detail": [{"loc": ["body", "name"], "msg": "Field required", "type": "missing"},
                            {"loc": ["body", "price"], "msg": "Field required", "type": "missing"}]}"""),
                JSON.readTree(r.body()));
    }

    @Test
    void filesAnswerTheirNameSizeDigestAndNote() throws Exception {
        byte[] content = "id,total\n1,2.50\n".getBytes(StandardCharsets.UTF_8);
        byte[] form = ("--b0undary\r\nContent-Disposition: form-data; name=\"note\"\r\n\r\nmonthly\r\n"
                + "--b0undary\r\nContent-Disposition: form-data; name=\"file\"; filename=\"orders.csv\"\r\n"
                + "Content-Type: text/csv\r\n\r\n" + new String(content, StandardCharsets.UTF_8)
                + "\r\n--b0undary--\r\n").getBytes(StandardCharsets.UTF_8);
        HttpResponse<String> r = gyre.client().send(gyre.client().request("/files")
                .header("Content-Type", "multipart/form-data; boundary=b0undary")
                .POST(HttpRequest.BodyPublishers.ofByteArray(form)));
        assertEquals(200, r.statusCode(), r.body());
        String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        assertEquals(JSON.readTree("{\"filename\":\"orders.csv\",\"size\":" + content.length + ",\"sha256\":\"" + sha
                + "\",\"note\":\"monthly\"}"), JSON.readTree(r.body()));
    }

    @Test
    void listingPages() throws Exception {
        for (int i = 1; i <= 5; i++) {
            assertEquals(201, gyre.client().postJson("/items", "{\"name\":\"n" + i + "\",\"price\":" + i + "}")
                    .statusCode());
        }
        JsonNode page = JSON.readTree(gyre.client().get("/items?limit=2&offset=1").body());
        assertEquals(2, page.size());
        assertEquals("n2", page.get(0).get("name").asText());
        assertEquals(5, JSON.readTree(gyre.client().get("/items").body()).size());
        assertEquals(422, gyre.client().get("/items?limit=0").statusCode());
    }

    @Test
    void threadsExperimentShowsWhereHandlersRun() throws Exception {
        JsonNode blocking = JSON.readTree(gyre.client().get("/threads/blocking").body());
        assertTrue(blocking.get("virtual").asBoolean());
        JsonNode loop = JSON.readTree(gyre.client().get("/threads/nonblocking").body());
        assertTrue(loop.get("thread").asText().startsWith("gyre-loop-"), loop.toString());
    }
}
