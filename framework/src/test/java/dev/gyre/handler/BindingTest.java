package dev.gyre.handler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gyre.testing.GyreExtension;
import java.math.BigDecimal;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Every parameter source and value type, bound over a real socket. */
class BindingTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    enum Color { RED, GREEN }

    public record Line(String sku, int qty, BigDecimal price) {
    }

    public record Order(String customer, List<Line> lines) {
    }

    public static final class Api {
        @Get("/scalars")
        public String scalars(@Query int i, @Query long l, @Query short s, @Query byte b, @Query double d,
                              @Query float f, @Query boolean flag, @Query char c, @Query Integer boxed,
                              @Query BigDecimal price, @Query UUID id, @Query Color color, @Query LocalDate day,
                              @Query LocalDateTime at, @Query Instant instant, @Query Duration dur) {
            return String.join("|", List.of(i, l, s, b, d, f, flag, c, boxed, price, id, color, day, at, instant, dur)
                    .stream().map(String::valueOf).toList());
        }

        @Get("/optional")
        public String optional(@Query Optional<Integer> n, @Query(value = "limit", defaultValue = "20") int limit,
                               @Query(defaultValue = "x") Optional<String> s) {
            return n.map(String::valueOf).orElse("none") + "," + limit + "," + s.orElseThrow();
        }

        @Get("/list")
        public String list(@Query List<Integer> tag, @Query(defaultValue = "a,b") List<String> names) {
            return tag + " " + names;
        }

        @Get("/header")
        public String header(@Header("X-Count") int count, @Header Optional<String> missing) {
            return count + " " + missing.isPresent();
        }

        @Get("/cookie")
        public String cookie(@Cookie String session, @Cookie(defaultValue = "en") String lang) {
            return session + " " + lang;
        }

        @Post("/form")
        public String form(@Form String name, @Form int age, @Form List<String> tag) {
            return name + " " + age + " " + tag;
        }

        @Get("/path/{id}/{kind}")
        public String path(@PathParam long id, @PathParam Color kind) {
            return id + " " + kind;
        }

        @Post("/json")
        public Order json(@Body Order order) {
            return order;
        }

        @Post("/json-list")
        public int jsonList(@Body List<Line> lines) {
            return lines.stream().mapToInt(Line::qty).sum();
        }
    }

    @RegisterExtension
    static final GyreExtension gyre = GyreExtension.of(new Api());

    @Test
    void bindsEveryScalarType() {
        UUID id = UUID.randomUUID();
        HttpResponse<String> r = gyre.client().get("/scalars?i=-1&l=9000000000&s=7&b=8&d=1.5&f=2.5&flag=yes&c=z"
                + "&boxed=3&price=19.99&id=" + id + "&color=green&day=2024-02-29&at=2024-01-02T03:04:05"
                + "&instant=2024-01-02T03:04:05Z&dur=PT1M");
        assertEquals(200, r.statusCode(), r.body());
        assertEquals("-1|9000000000|7|8|1.5|2.5|true|z|3|19.99|" + id
                + "|GREEN|2024-02-29|2024-01-02T03:04:05|2024-01-02T03:04:05Z|PT1M", r.body());
    }

    @Test
    void reportsEveryBadScalarAtOnce() throws Exception {
        HttpResponse<String> r = gyre.client().get("/scalars?i=x&l=1.5&s=70000&b=300&d=abc&f=&flag=maybe&c=zz"
                + "&price=1,5&id=123&color=BLUE&day=2024-02-30&at=noon&instant=2024&dur=1m");
        assertEquals(422, r.statusCode());
        assertEquals("application/json", r.headers().firstValue("Content-Type").orElseThrow());
        Map<String, String> typeByParam = problems(r);
        assertEquals(Map.ofEntries(Map.entry("i", "int_parsing"), Map.entry("l", "int_parsing"),
                Map.entry("s", "int_parsing"), Map.entry("b", "int_parsing"), Map.entry("d", "float_parsing"),
                Map.entry("f", "float_parsing"), Map.entry("flag", "bool_parsing"), Map.entry("c", "string_type"),
                Map.entry("boxed", "missing"), Map.entry("price", "decimal_parsing"), Map.entry("id", "uuid_parsing"),
                Map.entry("color", "enum"), Map.entry("day", "date_parsing"), Map.entry("at", "datetime_parsing"),
                Map.entry("instant", "datetime_parsing"), Map.entry("dur", "time_delta_parsing")), typeByParam);
        JsonNode first = JSON.readTree(r.body()).get("detail").get(0);
        assertEquals("[\"query\",\"i\"]", first.get("loc").toString());
        assertEquals("Input should be a valid integer", first.get("msg").asText());
    }

    @Test
    void optionalsAndDefaults() {
        assertEquals("none,20,x", gyre.client().get("/optional").body());
        assertEquals("5,3,y", gyre.client().get("/optional?n=5&limit=3&s=y").body());
        assertEquals(422, gyre.client().get("/optional?n=five").statusCode());
    }

    @Test
    void repeatedQueryKeysBindToLists() throws Exception {
        assertEquals("[1, 2, 3] [a, b]", gyre.client().get("/list?tag=1&tag=2&tag=3").body());
        assertEquals("[] [z]", gyre.client().get("/list?names=z").body());
        HttpResponse<String> bad = gyre.client().get("/list?tag=1&tag=two");
        assertEquals(422, bad.statusCode());
        assertEquals("[\"query\",\"tag\",1]", JSON.readTree(bad.body()).get("detail").get(0).get("loc").toString());
    }

    @Test
    void headersAndCookies() {
        assertEquals("4 false", gyre.client().send(gyre.client().request("/header").header("x-count", "4")).body());
        assertEquals(422, gyre.client().get("/header").statusCode());
        assertEquals("abc en", gyre.client().send(gyre.client().request("/cookie")
                .header("Cookie", "theme=dark; session=abc")).body());
        assertEquals("abc fr", gyre.client().send(gyre.client().request("/cookie")
                .header("Cookie", "session=\"abc\"; lang=fr")).body());
        HttpResponse<String> missing = gyre.client().get("/cookie");
        assertEquals(422, missing.statusCode());
        assertTrue(missing.body().contains("[\"cookie\",\"session\"]"), missing.body());
    }

    @Test
    void formFields() throws Exception {
        assertEquals("Ada Lovelace 36 [x, y]", gyre.client().send(gyre.client().request("/form")
                .header("Content-Type", "application/x-www-form-urlencoded; charset=UTF-8")
                .POST(HttpRequest.BodyPublishers.ofString("name=Ada+Lovelace&age=36&tag=x&tag=y"))).body());
        HttpResponse<String> bad = gyre.client().postForm("/form", Map.of("name", "Ada", "age", "old"));
        assertEquals(422, bad.statusCode());
        assertEquals("[\"body\",\"age\"]", JSON.readTree(bad.body()).get("detail").get(0).get("loc").toString());
        HttpResponse<String> json = gyre.client().postJson("/form", "{\"name\":\"Ada\"}");
        assertEquals(415, json.statusCode());
        assertTrue(json.body().contains("application/x-www-form-urlencoded"), json.body());
    }

    @Test
    void pathParameters() throws Exception {
        assertEquals("42 RED", gyre.client().get("/path/42/red").body());
        HttpResponse<String> bad = gyre.client().get("/path/abc/red");
        assertEquals(422, bad.statusCode());
        assertEquals("[\"path\",\"id\"]", JSON.readTree(bad.body()).get("detail").get(0).get("loc").toString());
    }

    @Test
    void jsonBodyWithNestedRecordsAndLists() throws Exception {
        String order = "{\"customer\":\"ann\",\"lines\":[{\"sku\":\"a\",\"qty\":2,\"price\":1.25}]}";
        HttpResponse<String> r = gyre.client().postJson("/json", order);
        assertEquals(200, r.statusCode(), r.body());
        assertEquals(JSON.readTree(order), JSON.readTree(r.body()));
        assertEquals("5", gyre.client().postJson("/json-list",
                "[{\"sku\":\"a\",\"qty\":2,\"price\":1},{\"sku\":\"b\",\"qty\":3,\"price\":2}]").body());
    }

    @Test
    void jsonBodyErrors() throws Exception {
        HttpResponse<String> shape = gyre.client().postJson("/json",
                "{\"customer\":\"ann\",\"lines\":[{\"sku\":\"a\",\"qty\":\"two\"}]}");
        assertEquals(422, shape.statusCode());
        assertEquals(JSON.readTree("""
                {"detail": [{"loc": ["body", "lines", 0, "price"], "msg": "Field required", "type": "missing"},
                            {"loc": ["body", "lines", 0, "qty"], "msg": "Input should be a valid integer",
                             "type": "int_parsing"}]}"""), JSON.readTree(shape.body()));

        HttpResponse<String> malformed = gyre.client().postJson("/json", "{\n  \"customer\": \"ann\",\n  oops\n}");
        assertEquals(400, malformed.statusCode());
        assertTrue(JSON.readTree(malformed.body()).get("detail").asText().startsWith("malformed JSON at line 3, column 3"),
                malformed.body());

        HttpResponse<String> empty = gyre.client().postJson("/json", "");
        assertEquals(422, empty.statusCode());
        assertTrue(empty.body().contains("\"missing\""), empty.body());

        HttpResponse<String> text = gyre.client().send(gyre.client().request("/json")
                .header("Content-Type", "text/plain").POST(HttpRequest.BodyPublishers.ofString("{}")));
        assertEquals(415, text.statusCode());

        HttpResponse<String> noType = gyre.client().send(gyre.client().request("/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"customer\":\"bob\",\"lines\":[]}")));
        assertEquals(200, noType.statusCode(), "a body without Content-Type is read as JSON");
    }

    /** param name → error type, for {@code {"detail":[…]}}. */
    private static Map<String, String> problems(HttpResponse<String> r) throws Exception {
        Map<String, String> byParam = new java.util.HashMap<>();
        List<String> order = new ArrayList<>();
        for (JsonNode p : JSON.readTree(r.body()).get("detail")) {
            String name = p.get("loc").get(1).asText();
            order.add(name);
            byParam.put(name, p.get("type").asText());
        }
        assertEquals(order.size(), byParam.size(), "one problem per parameter: " + order);
        return byParam;
    }
}
