package dev.gyre.openapi;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.reflect.Type;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Compares the schema and components generated for representative types with the files in
 * {@code src/test/resources/openapi/golden/}, and checks them with {@link SchemaLint}.
 *
 * <p>After an intended change of output, rewrite the files and review the diff:
 * <pre>mvn -q -pl framework test -Dtest=SchemaGoldenTest -Dgyre.golden.update=true</pre>
 */
class SchemaGoldenTest {
    private static final Path GOLDEN = Path.of(System.getProperty("basedir", System.getProperty("user.dir")))
            .resolve("src/test/resources/openapi/golden");

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("order", Fixtures.Order.class),
                Arguments.of("scalars", Fixtures.Scalars.class),
                Arguments.of("constraints", Fixtures.Constrained.class),
                Arguments.of("bean-constraints", Fixtures.Account.class),
                Arguments.of("jackson", Fixtures.User.class),
                Arguments.of("bean", Fixtures.Profile.class),
                Arguments.of("recursion", Fixtures.TreeNode.class),
                Arguments.of("mutual-recursion", Fixtures.Department.class),
                Arguments.of("generics", Fixtures.Catalog.class),
                Arguments.of("name-clash", Fixtures.Cart.class));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void matchesGoldenFile(String name, Type type) throws IOException {
        SchemaGenerator generator = new SchemaGenerator();
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("schema", generator.schemaFor(type));
        document.put("components", generator.components());
        String actual = JsonWriter.writePretty(document);

        @SuppressWarnings("unchecked")
        List<String> problems = SchemaLint.check(document.get("schema"), (Map<String, Object>) document.get("components"));
        assertTrue(problems.isEmpty(), () -> String.join("\n", problems));

        GoldenFiles.assertMatches(GOLDEN, name, actual);
    }
}
