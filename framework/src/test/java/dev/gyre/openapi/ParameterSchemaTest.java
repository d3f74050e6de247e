package dev.gyre.openapi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gyre.openapi.Fixtures.Level;
import dev.gyre.openapi.Fixtures.Status;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** {@link SchemaGenerator#schemaForParameter}: inline schemas for path, query and header parameters. */
class ParameterSchemaTest {
    private final SchemaGenerator generator = new SchemaGenerator();

    @SuppressWarnings("unused")
    interface Handler {
        void find(@Min(1) @Max(100) int limit, Optional<String> cursor, Status status, @Size(max = 3) List<Status> statuses,
                UUID id, List<@NotBlank String> names, Optional<Integer> page, boolean verbose, Level level, Fixtures.Address address);
    }

    private static Parameter parameter(String name) {
        for (Method method : Handler.class.getMethods()) {
            for (Parameter parameter : method.getParameters()) {
                if (parameter.getName().equals(name)) {
                    return parameter;
                }
            }
        }
        throw new AssertionError("no parameter " + name + "; is the test compiled with -parameters?");
    }

    private String schema(String name, String defaultValue) {
        Parameter parameter = parameter(name);
        return JsonWriter.write(generator.schemaForParameter(parameter.getAnnotatedType(), parameter.getAnnotations(),
                defaultValue));
    }

    @Test
    void scalarsCarryTheirConstraints() {
        Parameter limit = parameter("limit");
        assertEquals("{\"type\":\"integer\",\"format\":\"int32\",\"minimum\":1,\"maximum\":100}",
                JsonWriter.write(generator.schemaForParameter(limit.getParameterizedType(), limit.getAnnotations())));
    }

    @Test
    void optionalIsItsContentWithoutNull() {
        assertEquals("{\"type\":\"string\"}", schema("cursor", null));
        assertEquals("{\"type\":\"integer\",\"format\":\"int32\"}", schema("page", null));
    }

    @Test
    void enumsAreInline() {
        assertEquals("{\"type\":\"string\",\"enum\":[\"NEW\",\"PAID\",\"SHIPPED\"]}", schema("status", null));
        assertEquals("{\"type\":\"array\",\"items\":{\"type\":\"string\",\"enum\":[\"NEW\",\"PAID\",\"SHIPPED\"]},"
                + "\"maxItems\":3}", schema("statuses", null));
        assertTrue(generator.components().isEmpty());
    }

    @Test
    void typeUseConstraintsApplyToElements() {
        assertEquals("{\"type\":\"array\",\"items\":{\"type\":\"string\",\"minLength\":1}}", schema("names", null));
    }

    @Test
    void defaultsAreConvertedToTheSchemaType() {
        assertEquals("{\"type\":\"integer\",\"format\":\"int32\",\"minimum\":1,\"maximum\":100,\"default\":10}",
                schema("limit", "10"));
        assertEquals("{\"type\":\"boolean\",\"default\":true}", schema("verbose", "true"));
        assertEquals("{\"type\":\"string\",\"default\":\"abc\"}", schema("cursor", "abc"));
        assertEquals("{\"type\":\"string\",\"enum\":[\"NEW\",\"PAID\",\"SHIPPED\"],\"default\":\"PAID\"}",
                schema("status", "PAID"));
        assertEquals("{\"type\":\"integer\",\"enum\":[10,20],\"default\":20}", schema("level", "20"));
        assertEquals("{\"type\":\"array\",\"items\":{\"type\":\"string\",\"minLength\":1},\"default\":[\"x\"]}",
                schema("names", "x"));
    }

    @Test
    void aDefaultThatDoesNotFitFailsStartUp() {
        assertThrows(IllegalArgumentException.class, () -> schema("limit", "ten"));
        assertThrows(IllegalArgumentException.class, () -> schema("verbose", "yes"));
        assertThrows(IllegalArgumentException.class, () -> schema("status", "LOST"));
    }

    @Test
    void namedTypesStayReferences() {
        assertEquals("{\"$ref\":\"#/components/schemas/Address\"}", schema("address", null));
        assertEquals("{\"type\":\"string\",\"format\":\"uuid\"}", schema("id", null));
    }
}
