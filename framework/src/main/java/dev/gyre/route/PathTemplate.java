package dev.gyre.route;

import java.util.ArrayList;
import java.util.List;

/**
 * A parsed path template such as {@code /items/{id}/tags}: literal segments and named parameters.
 * A parameter takes one whole segment; a tail parameter {@code {path...}}, allowed only last, takes all
 * the remaining segments (at least one) with their slashes, for mounts such as {@code /static/{path...}}.
 * Literals are matched after percent-decoding the request path.
 */
public record PathTemplate(String text, List<Segment> segments) {

    /** One path segment: a literal, or a parameter when {@code parameter} is true, a tail one when {@code tail}. */
    public record Segment(String value, boolean parameter, boolean tail) {
        Segment(String value, boolean parameter) {
            this(value, parameter, false);
        }
    }

    public static PathTemplate parse(String template) {
        if (template == null || !template.startsWith("/")) {
            throw new IllegalArgumentException("a path template starts with '/': " + template);
        }
        List<Segment> segments = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (String part : split(template)) {
            if (part.startsWith("{") && part.endsWith("}") && part.length() > 2) {
                String name = part.substring(1, part.length() - 1);
                boolean tail = name.endsWith("...");
                if (tail) {
                    name = name.substring(0, name.length() - 3);
                }
                if (!name.matches("[A-Za-z_][A-Za-z0-9_]*")) {
                    throw new IllegalArgumentException("bad parameter name {" + name + "} in " + template);
                }
                if (names.contains(name)) {
                    throw new IllegalArgumentException("parameter {" + name + "} appears twice in " + template);
                }
                names.add(name);
                segments.add(new Segment(name, true, tail));
            } else if (part.contains("{") || part.contains("}")) {
                throw new IllegalArgumentException(
                        "a parameter must be a whole segment, like /items/{id}: " + template);
            } else {
                segments.add(new Segment(part, false));
            }
        }
        for (int i = 0; i < segments.size() - 1; i++) {
            if (segments.get(i).tail()) {
                throw new IllegalArgumentException("a tail parameter {" + segments.get(i).value()
                        + "...} must be the last segment: " + template);
            }
        }
        return new PathTemplate(template, List.copyOf(segments));
    }

    /** Splits {@code /a/b/} into {@code ["a", "b", ""]}; the root {@code /} has one empty segment. */
    static List<String> split(String path) {
        List<String> parts = new ArrayList<>();
        int start = 1;
        while (true) {
            int slash = path.indexOf('/', start);
            if (slash < 0) {
                parts.add(path.substring(start));
                return parts;
            }
            parts.add(path.substring(start, slash));
            start = slash + 1;
        }
    }

    public boolean isLiteral() {
        return segments.stream().noneMatch(Segment::parameter);
    }

    /** The parameter names in order of appearance. */
    public List<String> parameterNames() {
        return segments.stream().filter(Segment::parameter).map(Segment::value).toList();
    }

    /** The template with every parameter written as {@code {}}: two templates clash when these agree. */
    String shape() {
        StringBuilder sb = new StringBuilder();
        for (Segment s : segments) {
            sb.append('/').append(s.tail() ? "{...}" : s.parameter() ? "{}" : s.value());
        }
        return sb.toString();
    }
}
