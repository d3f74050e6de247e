package dev.gyre.openapi;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gyre.handler.internal.ExceptionHandlers;
import dev.gyre.handler.internal.HandlerCompiler;
import dev.gyre.handler.internal.Route;
import dev.gyre.inject.internal.Providers;
import dev.gyre.json.internal.JsonCodecs;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Pins the whole document of representative handlers, compiled by the real {@link HandlerCompiler}, to the files
 * in {@code src/test/resources/openapi/documents/}, after checking it with swagger-parser and {@link SchemaLint}.
 *
 * <p>After an intended change of output, rewrite the files and review the diff:
 * <pre>mvn -q -pl framework test -Dtest=OpenApiGoldenTest -Dgyre.golden.update=true</pre>
 */
class OpenApiGoldenTest {
    private static final Path GOLDEN = Path.of(System.getProperty("basedir", System.getProperty("user.dir")))
            .resolve("src/test/resources/openapi/documents");

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("items", OpenApiInfo.of("Items", "1.0.0"), List.of(new DocumentedHandlers.ItemsHandler())),
                Arguments.of("shapes", OpenApiInfo.of("Shapes", "2.1.0").description("Every *result* shape.")
                        .server("https://api.example.com", "production").server("http://localhost:8080", null),
                        List.of(new DocumentedHandlers.ShapesHandler(), new DocumentedHandlers.InternalHandler())));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void matchesGoldenFile(String name, OpenApiInfo info, List<Object> handlers) throws IOException {
        String actual = JsonWriter.writePretty(OpenApiDocument.build(info, compile(handlers)));

        List<String> problems = OpenApiValidation.problems(actual);
        assertTrue(problems.isEmpty(), () -> "swagger-parser: " + problems + "\n" + actual);
        @SuppressWarnings("unchecked")
        Map<String, Object> components = (Map<String, Object>) ((Map<String, Object>)
                OpenApiDocument.build(info, compile(handlers)).get("components")).get("schemas");
        List<String> lint = SchemaLint.check(Map.of(), components);
        assertTrue(lint.isEmpty(), () -> String.join("\n", lint));

        GoldenFiles.assertMatches(GOLDEN, name, actual);
    }

    static List<Route> compile(List<Object> handlers) {
        HandlerCompiler compiler = new HandlerCompiler(JsonCodecs::detect, Providers.none(), List.of(), ExceptionHandlers.defaults());
        List<Route> routes = new ArrayList<>();
        handlers.forEach(h -> routes.addAll(compiler.compile(h)));
        return routes;
    }
}
