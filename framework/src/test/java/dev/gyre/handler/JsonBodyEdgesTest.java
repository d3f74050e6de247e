package dev.gyre.handler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gyre.testing.GyreExtension;
import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** JSON bodies at the edges a hostile client reaches: exact decimals, out-of-range numbers, null, trailing bytes. */
class JsonBodyEdgesTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    public record Item(String name, BigDecimal price) {
    }

    public record Measure(double value, int count) {
    }

    public static final class Api {
        @Post("/items")
        public String item(@Body Item item) {
            return item.name() + " " + item.price().toString();
        }

        @Post("/measures")
        public String measure(@Body Measure m) {
            return m.value() + " " + m.count();
        }

        @Post("/maybe")
        public String maybe(@Body Optional<Item> item) {
            return item.map(Item::name).orElse("none");
        }
    }

    @RegisterExtension
    static final GyreExtension gyre = GyreExtension.of(new Api());

    private static HttpResponse<String> post(String path, String json) {
        return gyre.client().postJson(path, json);
    }

    private static JsonNode detail(HttpResponse<String> r) throws Exception {
        return JSON.readTree(r.body()).get("detail");
    }

    @Test
    void bigDecimalFieldsKeepEveryDigitAndTheirScale() {
        assertEquals("a 0.1000000000000000000001", post("/items", "{\"name\":\"a\",\"price\":0.1000000000000000000001}").body());
        assertEquals("a 1.50", post("/items", "{\"name\":\"a\",\"price\":1.50}").body());
        assertEquals("a 1E+400", post("/items", "{\"name\":\"a\",\"price\":1e400}").body());
    }

    @Test
    void aNumberOutOfRangeForItsTargetIs422AtItsField() throws Exception {
        HttpResponse<String> tooBig = post("/measures", "{\"value\":1e400,\"count\":1}");
        assertEquals(422, tooBig.statusCode(), tooBig.body());
        assertEquals("[\"body\",\"value\"]", detail(tooBig).get(0).get("loc").toString());
        assertEquals("float_parsing", detail(tooBig).get(0).get("type").asText());
        HttpResponse<String> intTooBig = post("/measures", "{\"value\":1,\"count\":99999999999999999999}");
        assertEquals(422, intTooBig.statusCode(), intTooBig.body());
        assertEquals("[\"body\",\"count\"]", detail(intTooBig).get(0).get("loc").toString());
        assertEquals("int_parsing", detail(intTooBig).get(0).get("type").asText());
        HttpResponse<String> nullDouble = post("/measures", "{\"value\":null,\"count\":1}");
        assertEquals(422, nullDouble.statusCode(), "null for a primitive is still refused: " + nullDouble.body());
        assertEquals("Infinity 2", post("/measures", "{\"value\":\"Infinity\",\"count\":2}").body());
        assertEquals("1.0E300 3", post("/measures", "{\"value\":1e300,\"count\":3}").body());
    }

    @Test
    void aNullOrEmptyBodyIsAMissingBody() throws Exception {
        for (String body : new String[] {"null", "", " null ", "\n", " \r\n\t"}) {
            HttpResponse<String> r = post("/items", body);
            assertEquals(422, r.statusCode(), "'" + body + "': " + r.body());
            assertEquals("[\"body\"]", detail(r).get(0).get("loc").toString());
            assertEquals("missing", detail(r).get(0).get("type").asText());
        }
        assertEquals("none", post("/maybe", "null").body());
        assertEquals("none", post("/maybe", "").body());
        assertEquals("none", post("/maybe", "\n").body());
        assertEquals("b", post("/maybe", "{\"name\":\"b\",\"price\":1}").body());
    }

    @Test
    void bytesAfterTheDocumentAreMalformedJson() throws Exception {
        for (String body : new String[] {"{\"name\":\"a\",\"price\":1} garbage", "{\"name\":\"a\",\"price\":1}{\"x\":1}"}) {
            HttpResponse<String> r = post("/items", body);
            assertEquals(400, r.statusCode(), body + ": " + r.body());
            assertEquals("malformed JSON at line 1, column 23: bytes after the JSON document", detail(r).asText());
        }
    }

    @Test
    void malformedJsonIsDescribedInOurWordsWithItsPosition() throws Exception {
        HttpResponse<String> nan = post("/items", "{\"name\":\"a\",\"price\":NaN}");
        assertEquals(400, nan.statusCode(), nan.body());
        assertEquals("malformed JSON at line 1, column 24: not a JSON value", detail(nan).asText());
        HttpResponse<String> huge = post("/items", "{\"name\":\"a\",\"price\":1" + "0".repeat(1200) + "}");
        assertEquals(400, huge.statusCode(), huge.body());
        String text = detail(huge).asText();
        assertTrue(text.startsWith("malformed JSON at line 1, column "), text);
        assertTrue(text.endsWith("a number longer than 1000 digits"), text);
        for (String body : new String[] {"{\"name\":\"a\",\"pri", "[1,2", "{\"name\":\"a\" \"price\":1}"}) {
            String d = detail(post("/items", body)).asText();
            assertFalse(d.contains("Jackson") || d.contains("enable") || d.contains("StreamReadConstraints")
                    || d.contains("column 0") || d.contains("line 0"), d);
        }
    }
}
