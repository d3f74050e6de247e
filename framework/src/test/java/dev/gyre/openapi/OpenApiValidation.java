package dev.gyre.openapi;

import io.swagger.parser.OpenAPIParser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.util.List;

/** Runs swagger-parser, a real OpenAPI 3.1 validator, over a document's text. */
public final class OpenApiValidation {
    private OpenApiValidation() {
    }

    /** The validator's messages about the document; empty when it is valid. */
    public static List<String> problems(String json) {
        ParseOptions options = new ParseOptions();
        options.setResolve(true);
        SwaggerParseResult result = new OpenAPIParser().readContents(json, null, options);
        if (result.getOpenAPI() == null) {
            return List.of("not parsed as OpenAPI: " + result.getMessages());
        }
        return result.getMessages() == null ? List.of() : List.copyOf(result.getMessages());
    }
}
