package dev.gyre.handler.internal;

import dev.gyre.handler.Problem;
import dev.gyre.handler.Query;
import java.lang.reflect.Parameter;
import java.lang.reflect.ParameterizedType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Binders for values that arrive as text: path segments, query parameters, header fields, cookies and
 * form fields. A parameter is {@code T}, {@code Optional<T>} or {@code List<T>} for any type
 * {@link ValueConverter} knows.
 *
 * <ul>
 *   <li>{@code T}: required; a missing value is a {@code missing} problem unless there is a default.</li>
 *   <li>{@code Optional<T>}: empty when missing (or the default, when one is given).</li>
 *   <li>{@code List<T>}: every value of a repeated key ({@code ?tag=a&tag=b}); empty when missing, or
 *       the comma-separated default. Each bad element is reported with its index.</li>
 * </ul>
 * Defaults are converted at start-up, so a default that does not fit its type fails there.
 */
final class TextBinders {
    private TextBinders() {
    }

    private enum Shape { PLAIN, OPTIONAL, LIST }

    static ParameterBinding path(Parameter p, String name, String where) {
        if (p.getType() == List.class) {
            throw new IllegalArgumentException(where + ": a path parameter holds one value, not a List: " + name);
        }
        return bind(p, "path", name, Query.NONE, where, inv -> inv.request().pathParam(name), null);
    }

    static ParameterBinding query(Parameter p, String name, String defaultValue, String where) {
        return bind(p, "query", name, defaultValue, where, inv -> inv.request().queryParam(name),
                inv -> inv.request().queryParams(name));
    }

    static ParameterBinding header(Parameter p, String name, String defaultValue, String where) {
        return bind(p, "header", name, defaultValue, where, inv -> inv.request().header(name),
                inv -> inv.request().headers().all(name));
    }

    static ParameterBinding cookie(Parameter p, String name, String defaultValue, String where) {
        return bind(p, "cookie", name, defaultValue, where, inv -> inv.cookie(name), inv -> {
            String value = inv.cookie(name);
            return value == null ? List.of() : List.of(value);
        });
    }

    static ParameterBinding form(Parameter p, String name, String defaultValue, FormReading limits, String where) {
        return bind(p, "body", name, defaultValue, where, inv -> inv.form(limits).first(name),
                inv -> inv.form(limits).all(name));
    }

    private static ParameterBinding bind(Parameter p, String source, String name, String defaultValue, String where,
                                         Function<Invocation, String> readOne,
                                         Function<Invocation, List<String>> readAll) {
        Shape shape = p.getType() == Optional.class ? Shape.OPTIONAL
                : p.getType() == List.class ? Shape.LIST : Shape.PLAIN;
        Class<?> valueType = shape == Shape.PLAIN ? p.getType() : typeArgument(p, where);
        ValueConverter converter = ValueConverter.of(valueType);
        if (converter == null) {
            throw new IllegalArgumentException(where + ": cannot bind " + source + " value " + name
                    + " to " + valueType.getName());
        }
        List<Object> loc = List.of(source, name);
        boolean hasDefault = !Query.NONE.equals(defaultValue);
        ParamBinder binder = switch (shape) {
            case PLAIN -> plain(converter, loc, hasDefault ? convertDefault(converter, defaultValue, where) : null,
                    readOne);
            case OPTIONAL -> optional(converter, loc,
                    hasDefault ? Optional.of(convertDefault(converter, defaultValue, where)) : Optional.empty(),
                    readOne);
            case LIST -> list(converter, loc, hasDefault ? listDefault(converter, defaultValue, where) : List.of(),
                    readAll);
        };
        return new ParameterBinding(binder, loc, false);
    }

    private static ParamBinder plain(ValueConverter converter, List<Object> loc, Object fallback,
                                     Function<Invocation, String> read) {
        return (invocation, problems) -> {
            String raw = read.apply(invocation);
            if (raw == null) {
                if (fallback == null) {
                    problems.add(new Problem(loc, "Field required", "missing"));
                }
                return fallback;
            }
            return convert(converter, raw, loc, problems);
        };
    }

    private static ParamBinder optional(ValueConverter converter, List<Object> loc, Optional<Object> fallback,
                                        Function<Invocation, String> read) {
        return (invocation, problems) -> {
            String raw = read.apply(invocation);
            return raw == null ? fallback : Optional.ofNullable(convert(converter, raw, loc, problems));
        };
    }

    private static ParamBinder list(ValueConverter converter, List<Object> loc, List<Object> fallback,
                                    Function<Invocation, List<String>> read) {
        return (invocation, problems) -> {
            List<String> raw = read.apply(invocation);
            if (raw.isEmpty()) {
                return fallback;
            }
            List<Object> values = new ArrayList<>(raw.size());
            for (int i = 0; i < raw.size(); i++) {
                values.add(convert(converter, raw.get(i), indexed(loc, i), problems));
            }
            return values;
        };
    }

    private static Object convert(ValueConverter converter, String raw, List<Object> loc, List<Problem> problems) {
        try {
            return converter.convert(raw);
        } catch (IllegalArgumentException e) {
            problems.add(new Problem(loc, e.getMessage(), converter.errorType()));
            return null;
        }
    }

    private static List<Object> indexed(List<Object> loc, int index) {
        List<Object> at = new ArrayList<>(loc.size() + 1);
        at.addAll(loc);
        at.add(index);
        return at;
    }

    private static Object convertDefault(ValueConverter converter, String text, String where) {
        try {
            return converter.convert(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(where + ": default value '" + text + "' is not "
                    + converter.expected(), e);
        }
    }

    private static List<Object> listDefault(ValueConverter converter, String text, String where) {
        return Arrays.stream(text.split(",")).map(s -> convertDefault(converter, s.trim(), where)).toList();
    }

    private static Class<?> typeArgument(Parameter p, String where) {
        if (p.getParameterizedType() instanceof ParameterizedType pt
                && pt.getActualTypeArguments()[0] instanceof Class<?> c) {
            return c;
        }
        throw new IllegalArgumentException(where + ": " + p.getType().getSimpleName() + " parameter " + p.getName()
                + " needs a type argument");
    }
}
