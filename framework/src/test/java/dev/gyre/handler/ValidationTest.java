package dev.gyre.handler;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gyre.testing.GyreExtension;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Bean Validation constraints on parameters and bodies, answered in FastAPI's 422 shape. */
class ValidationTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    public record NewItem(@NotBlank String name, @Positive BigDecimal price) {
    }

    public record Line(@Positive int qty) {
    }

    public record Order(@NotBlank String customer, @Size(max = 2) List<@Valid Line> lines) {
    }

    public static final class Api {
        @Post("/items")
        public NewItem create(@Body NewItem item) {
            return item;
        }

        @Post("/items-valid")
        public NewItem createValid(@Valid @Body NewItem item) {
            return item;
        }

        @Post("/many")
        public int many(@Body List<NewItem> items) {
            return items.size();
        }

        @Post("/orders")
        public String order(@Body Order order, @Query @Min(1) @Max(100) int limit) {
            return "ok " + limit;
        }

        @Get("/search")
        public String search(@Query @Min(1) @Max(100) int limit, @Query @Email String contact,
                             @Query @Size(min = 2) String q) {
            return "ok";
        }
    }

    @RegisterExtension
    static final GyreExtension gyre = GyreExtension.of(new Api());

    @Test
    void bodyConstraintsAreCheckedWithoutValid() throws Exception {
        HttpResponse<String> r = gyre.client().postJson("/items", "{\"name\":\" \",\"price\":-1}");
        assertEquals(422, r.statusCode());
        assertEquals(List.of(
                "[\"body\",\"name\"] must not be blank value_error",
                "[\"body\",\"price\"] must be greater than 0 value_error"), sorted(r));
        assertEquals(200, gyre.client().postJson("/items", "{\"name\":\"pen\",\"price\":2}").statusCode());
    }

    @Test
    void anExplicitValidReportsEachProblemOnce() throws Exception {
        HttpResponse<String> r = gyre.client().postJson("/items-valid", "{\"name\":\"\",\"price\":0}");
        assertEquals(422, r.statusCode());
        assertEquals(List.of(
                "[\"body\",\"name\"] must not be blank value_error",
                "[\"body\",\"price\"] must be greater than 0 value_error"), sorted(r));
    }

    @Test
    void listBodiesAreCheckedPerElement() throws Exception {
        HttpResponse<String> r = gyre.client().postJson("/many",
                "[{\"name\":\"a\",\"price\":1},{\"name\":\"\",\"price\":1}]");
        assertEquals(422, r.statusCode());
        assertEquals(List.of("[\"body\",1,\"name\"] must not be blank value_error"), sorted(r));
    }

    @Test
    void nestedProblemsAreLocatedInsideTheBody() throws Exception {
        HttpResponse<String> r = gyre.client().postJson("/orders?limit=5",
                "{\"customer\":\"ann\",\"lines\":[{\"qty\":1},{\"qty\":0}]}");
        assertEquals(422, r.statusCode());
        assertEquals(List.of("[\"body\",\"lines\",1,\"qty\"] must be greater than 0 value_error"), sorted(r));
        HttpResponse<String> tooMany = gyre.client().postJson("/orders?limit=5",
                "{\"customer\":\"ann\",\"lines\":[{\"qty\":1},{\"qty\":1},{\"qty\":1}]}");
        assertEquals(List.of("[\"body\",\"lines\"] size must be between 0 and 2 value_error"), sorted(tooMany));
    }

    @Test
    void parameterConstraints() throws Exception {
        HttpResponse<String> r = gyre.client().get("/search?limit=0&contact=nobody&q=x");
        assertEquals(422, r.statusCode());
        assertEquals(List.of(
                "[\"query\",\"contact\"] must be a well-formed email address value_error",
                "[\"query\",\"limit\"] must be greater than or equal to 1 value_error",
                "[\"query\",\"q\"] size must be between 2 and 2147483647 value_error"), sorted(r));
        assertEquals(200, gyre.client().get("/search?limit=10&contact=a@b.org&q=xy").statusCode());
    }

    @Test
    void bindingAndValidationProblemsComeTogether() throws Exception {
        HttpResponse<String> r = gyre.client().postJson("/orders?limit=many", "{\"customer\":\"\",\"lines\":[]}");
        assertEquals(422, r.statusCode());
        assertEquals(List.of(
                "[\"body\",\"customer\"] must not be blank value_error",
                "[\"query\",\"limit\"] Input should be a valid integer int_parsing"), sorted(r));
    }

    private static List<String> sorted(HttpResponse<String> r) throws Exception {
        List<String> lines = new ArrayList<>();
        for (JsonNode p : JSON.readTree(r.body()).get("detail")) {
            lines.add(p.get("loc") + " " + p.get("msg").asText() + " " + p.get("type").asText());
        }
        return lines.stream().sorted().toList();
    }
}
