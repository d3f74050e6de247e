package dev.gyre.handler.internal;

import dev.gyre.handler.Body;
import dev.gyre.handler.HttpException;
import dev.gyre.handler.Problem;
import dev.gyre.json.JsonCodec;
import dev.gyre.json.JsonReadException;
import java.lang.reflect.Parameter;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * Binders for {@link Body} parameters: {@code byte[]} and {@code String} take the body as sent; any other
 * type is read as JSON.
 *
 * <p>A JSON body must come with {@code application/json} (or a {@code +json} type), else the answer is
 * {@code 415}; a request without {@code Content-Type} is read as JSON, as FastAPI does, because many
 * clients omit it. Bytes that are not JSON, or that go on after the document, answer {@code 400} with a short
 * message and the line and column where known; an empty body or {@code null} is a {@code missing} body unless
 * the parameter may be absent ({@link #absent}); JSON of the wrong shape is a {@code 422} listing every absent required property and every value of the wrong
 * type, located inside the body ({@code ["body","price"]}) and typed as query values are.
 */
final class BodyBinders {
    private static final List<Object> LOC = List.of("body");
    private static final Object MISSING = new Object();

    private BodyBinders() {
    }

    static ParameterBinding body(Parameter p, Supplier<JsonCodec> json) {
        Class<?> type = p.getType();
        if (type == byte[].class) {
            return new ParameterBinding((invocation, problems) -> invocation.request().body(), LOC, false);
        }
        if (type == String.class) {
            return new ParameterBinding((invocation, problems) -> invocation.request().bodyAsString(), LOC, false);
        }
        if (type == java.io.InputStream.class) {
            return new ParameterBinding((invocation, problems) -> invocation.request().bodyStream(), LOC, false);
        }
        if (type == java.util.concurrent.Flow.Publisher.class) {
            return new ParameterBinding((invocation, problems) -> invocation.request().bodyPublisher(), LOC, false);
        }
        return new ParameterBinding(json(json.get(), p.getParameterizedType(), absent(p)), LOC, true);
    }

    /**
     * What an empty body or a JSON {@code null} binds to: {@code Optional.empty()} for an {@code Optional}, null
     * for a parameter annotated with any {@code @Nullable}; {@link #MISSING} (a {@code missing} problem at
     * {@code ["body"]}, as FastAPI answers) for any other, so a handler never gets a null body it did not ask for.
     */
    private static Object absent(Parameter p) {
        if (p.getType() == Optional.class) {
            return Optional.empty();
        }
        boolean nullable = Stream.concat(Arrays.stream(p.getAnnotations()),
                        Arrays.stream(p.getAnnotatedType().getAnnotations()))
                .anyMatch(a -> a.annotationType().getSimpleName().equals("Nullable"));
        return nullable ? null : MISSING;
    }

    /**
     * A mismatch in pydantic's words: {@code missing}, the type and message a query value of the expected type
     * would get ({@code int_parsing}, "Input should be a valid integer"), or {@code list_type}, {@code dict_type},
     * {@code model_type} for containers and objects; {@code value_error} with the JSON library's text when the
     * expected type is unknown.
     */
    private static Problem problem(List<Object> loc, JsonReadException.Mismatch mismatch) {
        if (mismatch.missing()) {
            return new Problem(loc, "Field required", "missing");
        }
        Class<?> expected = mismatch.expected();
        if (expected == null) {
            return new Problem(loc, mismatch.message(), "value_error");
        }
        ValueConverter scalar = ValueConverter.of(expected);
        if (scalar != null) {
            return new Problem(loc, "Input should be " + scalar.expected(), scalar.errorType());
        }
        if (expected.isArray() || Collection.class.isAssignableFrom(expected)) {
            return new Problem(loc, "Input should be a valid list", "list_type");
        }
        if (Map.class.isAssignableFrom(expected)) {
            return new Problem(loc, "Input should be a valid dictionary", "dict_type");
        }
        return new Problem(loc, "Input should be a valid dictionary or object to extract fields from", "model_type");
    }

    private static ParamBinder json(JsonCodec codec, Type target, Object absent) {
        return (invocation, problems) -> {
            String contentType = invocation.request().header("Content-Type");
            if (contentType != null && !MediaTypes.isJson(contentType)) {
                throw new HttpException(415, "expected an application/json body, got " + contentType);
            }
            byte[] bytes = invocation.request().body();
            Object value = null;
            try {
                value = bytes.length == 0 ? null : codec.read(bytes, target);
            } catch (JsonReadException e) {
                if (e.malformed()) {
                    throw new HttpException(400, "malformed JSON"
                            + (e.line() > 0 ? " at line " + e.line() + ", column " + e.column() : "")
                            + ": " + e.getMessage());
                }
                for (JsonReadException.Mismatch mismatch : e.mismatches()) {
                    List<Object> loc = new ArrayList<>(LOC);
                    loc.addAll(mismatch.path());
                    problems.add(problem(loc, mismatch));
                }
                return null;
            }
            if (value != null && !(value instanceof Optional<?> o && o.isEmpty())) {
                return value;
            }
            if (absent == MISSING) {
                problems.add(new Problem(LOC, "Field required", "missing"));
                return null;
            }
            return absent;
        };
    }
}
