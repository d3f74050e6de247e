package dev.gyre.handler;

import dev.gyre.http.Request;
import dev.gyre.json.JsonCodec;
import dev.gyre.json.JsonReadException;
import java.lang.reflect.Parameter;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Turns each handler parameter into a {@link ParamBinder} at start-up, failing with a message that names
 * the method and parameter when a parameter cannot be bound.
 */
final class ParameterBinders {
    private final Supplier<JsonCodec> json;

    ParameterBinders(Supplier<JsonCodec> json) {
        this.json = json;
    }

    ParamBinder binderFor(Parameter p, List<String> templateParams, String where) {
        if (p.getType() == Request.class) {
            return (request, problems) -> request;
        }
        PathParam path = p.getAnnotation(PathParam.class);
        if (path != null) {
            String name = name(path.value(), p, where);
            if (!templateParams.contains(name)) {
                throw new IllegalArgumentException(where + ": @PathParam " + name
                        + " is not in the path template (it has " + templateParams + ")");
            }
            return text(p, "path", name, Query.NONE, where, r -> r.pathParam(name));
        }
        Query query = p.getAnnotation(Query.class);
        if (query != null) {
            String name = name(query.value(), p, where);
            return text(p, "query", name, query.defaultValue(), where, r -> r.queryParam(name));
        }
        Header header = p.getAnnotation(Header.class);
        if (header != null) {
            String name = name(header.value(), p, where);
            return text(p, "header", name, header.defaultValue(), where, r -> r.header(name));
        }
        if (p.isAnnotationPresent(Body.class)) {
            return body(p, where);
        }
        throw new IllegalArgumentException(where + ": parameter " + p.getName() + " of type "
                + p.getParameterizedType().getTypeName()
                + " needs @PathParam, @Query, @Header or @Body, or must be a Request");
    }

    private static String name(String declared, Parameter p, String where) {
        if (!declared.isEmpty()) {
            return declared;
        }
        if (!p.isNamePresent()) {
            throw new IllegalArgumentException(where + ": parameter names are not in the class file; "
                    + "compile with -parameters or name the parameter in its annotation");
        }
        return p.getName();
    }

    /** A path, query or header value converted to the parameter's type, {@code Optional} allowed. */
    private static ParamBinder text(Parameter p, String source, String name, String defaultValue, String where,
                                    Function<Request, String> read) {
        boolean optional = p.getType() == Optional.class;
        Class<?> valueType = optional ? optionalArgument(p, where) : p.getType();
        ValueConverter converter = ValueConverter.of(valueType);
        if (converter == null) {
            throw new IllegalArgumentException(where + ": cannot bind " + source + " value " + name
                    + " to " + valueType.getName());
        }
        boolean hasDefault = !Query.NONE.equals(defaultValue);
        Object converted = hasDefault ? converter.convert(defaultValue) : null;
        List<Object> loc = List.of(source, name);
        return (request, problems) -> {
            String raw = read.apply(request);
            if (raw == null) {
                if (hasDefault) {
                    return optional ? Optional.of(converted) : converted;
                }
                if (optional) {
                    return Optional.empty();
                }
                problems.add(new Problem(loc, "Field required", "missing"));
                return null;
            }
            try {
                Object value = converter.convert(raw);
                return optional ? Optional.of(value) : value;
            } catch (IllegalArgumentException e) {
                problems.add(new Problem(loc, e.getMessage(), converter.errorType()));
                return null;
            }
        };
    }

    private static Class<?> optionalArgument(Parameter p, String where) {
        if (p.getParameterizedType() instanceof ParameterizedType pt
                && pt.getActualTypeArguments()[0] instanceof Class<?> c) {
            return c;
        }
        throw new IllegalArgumentException(where + ": Optional parameter " + p.getName() + " needs a type argument");
    }

    private ParamBinder body(Parameter p, String where) {
        Class<?> type = p.getType();
        if (type == byte[].class) {
            return (request, problems) -> request.body();
        }
        if (type == String.class) {
            return (request, problems) -> request.bodyAsString();
        }
        if (type == java.io.InputStream.class) {
            return (request, problems) -> request.bodyStream();
        }
        JsonCodec codec = json.get();
        Type target = p.getParameterizedType();
        return (request, problems) -> {
            byte[] bytes = request.body();
            if (bytes.length == 0) {
                problems.add(new Problem(List.of("body"), "Field required", "missing"));
                return null;
            }
            try {
                return codec.read(bytes, target);
            } catch (JsonReadException e) {
                if (e.malformed()) {
                    throw new HttpException(400, "malformed JSON at line " + e.line() + ", column " + e.column()
                            + ": " + e.getMessage());
                }
                List<Object> loc = new java.util.ArrayList<>();
                loc.add("body");
                loc.addAll(e.path());
                problems.add(new Problem(loc, e.getMessage(), "value_error"));
                return null;
            }
        };
    }
}
