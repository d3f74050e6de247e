package dev.gyre.handler;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import dev.gyre.json.JacksonJsonCodec;
import dev.gyre.openapi.OpenApiInfo;
import dev.gyre.testing.GyreTestServer;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * JSON that says what the OpenAPI document says: java.time as ISO-8601 strings, every absent required field a
 * {@code missing} error, values of the wrong type typed as query values are; with the default mapper and with one
 * of the user's own.
 */
class HonestJsonTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Retention(RetentionPolicy.RUNTIME)
    @Target({ElementType.TYPE_USE, ElementType.PARAMETER, ElementType.RECORD_COMPONENT})
    public @interface Nullable {
    }

    public record Line(String sku, int qty) {
    }

    public record Event(String name, int count, boolean open, Instant createdAt, LocalDate day, Duration length,
                        List<Line> lines, Optional<String> note, @Nullable String comment) {
    }

    public static final class Api {
        @Post("/events")
        public Event echo(@Body Event event) {
            return event;
        }

        @Post("/numbers")
        public int sum(@Body List<Integer> numbers) {
            return numbers.stream().mapToInt(Integer::intValue).sum();
        }

        @Get("/sample")
        public Event sample() {
            return new Event("launch", 3, true, Instant.parse("2026-12-01T20:15:30.123456789Z"), LocalDate.of(2026, 12, 1),
                    Duration.ofMinutes(90), List.of(new Line("a", 1)), Optional.empty(), null);
        }
    }

    private static JsonNode detail(HttpResponse<String> r) throws Exception {
        assertEquals(422, r.statusCode(), r.body());
        return JSON.readTree(r.body()).get("detail");
    }

    @Test
    void javaTimeIsIsoOnTheWireAndInTheDocument() throws Exception {
        try (GyreTestServer s = GyreTestServer.start(b -> b.handlers(new Api()).openApi(OpenApiInfo.of("t", "1")))) {
            JsonNode sample = JSON.readTree(s.client().get("/sample").body());
            assertEquals("2026-12-01T20:15:30.123456789Z", sample.get("createdAt").asText());
            assertEquals("2026-12-01", sample.get("day").asText());
            assertEquals("PT1H30M", sample.get("length").asText());
            JsonNode schema = JSON.readTree(s.client().get("/openapi.json").body())
                    .at("/components/schemas/Event/properties");
            assertEquals("date-time", schema.at("/createdAt/format").asText());
            assertEquals("date", schema.at("/day/format").asText());
            assertEquals("duration", schema.at("/length/format").asText());
            HttpResponse<String> back = s.client().postJson("/events", sample.toString());
            assertEquals(200, back.statusCode(), back.body());
            assertEquals(sample, JSON.readTree(back.body()));
        }
    }

    @Test
    void everyAbsentRequiredFieldIsMissingPrimitivesIncluded() throws Exception {
        try (GyreTestServer s = GyreTestServer.start(new Api())) {
            JsonNode detail = detail(s.client().postJson("/events", "{\"lines\":[{}]}"));
            List<String> missing = JSON.convertValue(detail.findValues("loc"), List.class).stream()
                    .map(Object::toString).toList();
            assertEquals(List.of("[body, name]", "[body, count]", "[body, open]", "[body, createdAt]", "[body, day]",
                    "[body, length]", "[body, lines, 0, sku]", "[body, lines, 0, qty]"), missing);
            detail.forEach(p -> assertEquals("missing", p.get("type").asText()));
            detail.forEach(p -> assertEquals("Field required", p.get("msg").asText()));
        }
    }

    @Test
    void valuesOfTheWrongTypeAreTypedAsQueryValuesAre() throws Exception {
        String valid = "{\"name\":\"n\",\"count\":1,\"open\":true,\"createdAt\":\"2026-12-01T00:00:00Z\","
                + "\"day\":\"2026-12-01\",\"length\":\"PT1S\",\"lines\":[]}";
        try (GyreTestServer s = GyreTestServer.start(new Api())) {
            assertEquals(200, s.client().postJson("/events", valid).statusCode());
            for (String[] c : List.of(
                    new String[] {"\"count\":1", "\"count\":\"two\"", "count", "int_parsing", "Input should be a valid integer"},
                    new String[] {"\"count\":1", "\"count\":1.5", "count", "int_parsing", "Input should be a valid integer"},
                    new String[] {"\"count\":1", "\"count\":null", "count", "int_parsing", "Input should be a valid integer"},
                    new String[] {"\"open\":true", "\"open\":\"maybe\"", "open", "bool_parsing", "Input should be a valid boolean"},
                    new String[] {"\"2026-12-01T00:00:00Z\"", "\"yesterday\"", "createdAt", "datetime_parsing",
                            "Input should be a valid UTC instant (…Z)"},
                    new String[] {"\"lines\":[]", "\"lines\":5", "lines", "list_type", "Input should be a valid list"},
                    new String[] {"\"lines\":[]", "\"lines\":[7]", "lines", "model_type",
                            "Input should be a valid dictionary or object to extract fields from"})) {
                JsonNode detail = detail(s.client().postJson("/events", valid.replace(c[0], c[1])));
                assertEquals(1, detail.size(), detail.toString());
                assertEquals(c[2], detail.get(0).get("loc").get(1).asText(), detail.toString());
                assertEquals(c[3], detail.get(0).get("type").asText(), detail.toString());
                assertEquals(c[4], detail.get(0).get("msg").asText(), detail.toString());
            }
        }
    }

    @Test
    void everyValueOfTheWrongTypeIsReportedWithTheMissingOnes() throws Exception {
        try (GyreTestServer s = GyreTestServer.start(new Api())) {
            JsonNode detail = detail(s.client().postJson("/events", "{\"name\":\"n\",\"count\":\"many\",\"open\":"
                    + "\"maybe\",\"day\":\"soon\",\"length\":\"PT1S\",\"lines\":[{\"sku\":\"a\",\"qty\":\"x\"},{\"sku\":7}]}"));
            assertEquals(JSON.readTree("""
                    [{"loc": ["body", "createdAt"], "msg": "Field required", "type": "missing"},
                     {"loc": ["body", "lines", 1, "qty"], "msg": "Field required", "type": "missing"},
                     {"loc": ["body", "count"], "msg": "Input should be a valid integer", "type": "int_parsing"},
                     {"loc": ["body", "open"], "msg": "Input should be a valid boolean", "type": "bool_parsing"},
                     {"loc": ["body", "day"], "msg": "Input should be a valid date (YYYY-MM-DD)", "type": "date_parsing"},
                     {"loc": ["body", "lines", 0, "qty"], "msg": "Input should be a valid integer", "type": "int_parsing"}]
                    """), detail);
            assertEquals(JSON.readTree("""
                    [{"loc": ["body", 1], "msg": "Input should be a valid integer", "type": "int_parsing"},
                     {"loc": ["body", 2], "msg": "Input should be a valid integer", "type": "int_parsing"}]
                    """), detail(s.client().postJson("/numbers", "[1, \"x\", true]")));
        }
    }

    @Test
    void aMapperOfYourOwnKeepsTheRules() throws Exception {
        ObjectMapper snake = JacksonJsonCodec.defaultMapper().setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE);
        try (GyreTestServer s = GyreTestServer.start(b -> b.handlers(new Api()).json(new JacksonJsonCodec(snake)))) {
            assertEquals("2026-12-01T20:15:30.123456789Z",
                    JSON.readTree(s.client().get("/sample").body()).get("created_at").asText());
            JsonNode detail = detail(s.client().postJson("/events", "{\"name\":\"n\",\"count\":1,\"open\":true,"
                    + "\"day\":\"2026-12-01\",\"length\":\"PT1S\",\"lines\":[]}"));
            assertEquals("[\"body\",\"created_at\"]", detail.get(0).get("loc").toString());
        }
    }
}
