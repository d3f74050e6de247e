package dev.gyre.route;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Maps a method and path to a route target.
 *
 * <p>All-literal paths ({@code /plaintext}, {@code /items}) are found with one hash lookup on the raw
 * path and answered with a match made at {@link #freeze()}, so routing them allocates nothing; only
 * paths with parameters walk the trie of segments, where a literal segment is tried before a parameter,
 * a parameter before a tail parameter, and the walk backtracks when a branch leads nowhere. {@code HEAD}
 * falls back to the {@code GET} route. A path that exists for other methods gives a {@code 405} match
 * listing them.
 *
 * <p>Built once at start-up, then read concurrently by every loop without locks: it is never changed
 * after {@link #freeze()}.
 */
public final class Router<T> {
    private final Map<String, MethodTable<T>> literalPaths = new HashMap<>();
    private final Node<T> root = new Node<>();
    private final Map<String, String> registered = new HashMap<>();
    private boolean frozen;

    /**
     * Adds a route. Fails, naming both, when another route already has the same method and a template
     * of the same shape ({@code /a/{x}} and {@code /a/{y}} clash).
     */
    public void add(String method, PathTemplate template, T target, String description) {
        if (frozen) {
            throw new IllegalStateException("routes cannot be added once the server runs");
        }
        String key = method + " " + template.shape();
        String earlier = registered.putIfAbsent(key, description);
        if (earlier != null) {
            throw new IllegalArgumentException("two routes for " + method + " " + template.text() + ": "
                    + earlier + " and " + description);
        }
        Node<T> node = root;
        for (PathTemplate.Segment s : template.segments()) {
            node = s.tail() ? node.tail() : s.parameter() ? node.param(s.value()) : node.literal(s.value());
        }
        node.methods().put(method, target, template);
        if (template.isLiteral()) {
            literalPaths.put(template.text(), node.methods());
        }
    }

    /** Makes the router read-only and precomputes the {@code Allow} sets. */
    public Router<T> freeze() {
        frozen = true;
        root.freeze();
        return this;
    }

    /**
     * Finds the route for a request.
     *
     * @param rawPath the path as received, still percent-encoded
     * @throws IllegalArgumentException when the path has a malformed percent-encoding
     */
    public RouteMatch<T> match(String method, String rawPath) {
        if (rawPath.indexOf('%') < 0) {
            MethodTable<T> table = literalPaths.get(rawPath);
            if (table != null) {
                RouteMatch<T> match = table.literalMatch(method);
                if (match != null) {
                    return match;
                }
            }
        }
        List<String> segments = PathTemplate.split(rawPath);
        for (int i = 0; i < segments.size(); i++) {
            segments.set(i, decode(segments.get(i)));
        }
        List<Node<T>> candidates = new ArrayList<>(2);
        root.collect(segments, 0, candidates);
        Set<String> allowed = new TreeSet<>();
        for (Node<T> node : candidates) {
            T target = node.methods().find(method);
            if (target != null) {
                return new RouteMatch<>(target, node.methods().params(method, segments), Set.of());
            }
            allowed.addAll(node.methods().allowed());
        }
        return new RouteMatch<>(null, Map.of(), allowed);
    }

    /** Every method this router knows for any path; the answer to {@code OPTIONS *}. */
    public Set<String> allMethods() {
        Set<String> all = new TreeSet<>();
        for (MethodTable<T> t : root.allTables()) {
            all.addAll(t.allowed());
        }
        return all;
    }

    /** Every route target, in no particular order. */
    public List<T> targets() {
        List<T> all = new ArrayList<>();
        for (MethodTable<T> t : root.allTables()) {
            all.addAll(t.targets.values());
        }
        return all;
    }

    /** Percent-decodes one path segment as UTF-8; {@code +} stays a plus in paths (RFC 3986). */
    static String decode(String segment) {
        if (segment.indexOf('%') < 0) {
            return segment;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(segment.length());
        for (int i = 0; i < segment.length(); i++) {
            char c = segment.charAt(i);
            if (c == '%') {
                if (i + 2 >= segment.length()) {
                    throw new IllegalArgumentException("malformed percent-encoding in path");
                }
                int hi = Character.digit(segment.charAt(i + 1), 16);
                int lo = Character.digit(segment.charAt(i + 2), 16);
                if (hi < 0 || lo < 0) {
                    throw new IllegalArgumentException("malformed percent-encoding in path");
                }
                out.write(hi << 4 | lo);
                i += 2;
            } else {
                out.write(c);
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    /** A trie node: literal children, at most one parameter child, and the routes ending here. */
    private static final class Node<T> {
        private final Map<String, Node<T>> literals = new HashMap<>();
        private Node<T> param;
        private String paramName;
        private Node<T> tail;
        private final MethodTable<T> methods = new MethodTable<>();

        Node<T> literal(String value) {
            return literals.computeIfAbsent(value, v -> new Node<>());
        }

        Node<T> param(String name) {
            if (param == null) {
                param = new Node<>();
                paramName = name;
            }
            return param;
        }

        Node<T> tail() {
            if (tail == null) {
                tail = new Node<>();
            }
            return tail;
        }

        MethodTable<T> methods() {
            return methods;
        }

        /** Adds, in precedence order, every node where the path ends and some route exists. */
        void collect(List<String> segments, int depth, List<Node<T>> out) {
            if (depth == segments.size()) {
                if (!methods.isEmpty()) {
                    out.add(this);
                }
                return;
            }
            Node<T> lit = literals.get(segments.get(depth));
            if (lit != null) {
                lit.collect(segments, depth + 1, out);
            }
            if (param != null && !segments.get(depth).isEmpty()) {
                param.collect(segments, depth + 1, out);
            }
            if (tail != null && !tail.methods.isEmpty()) {
                out.add(tail);
            }
        }

        void freeze() {
            methods.freeze();
            literals.values().forEach(Node::freeze);
            if (param != null) {
                param.freeze();
            }
            if (tail != null) {
                tail.freeze();
            }
        }

        List<MethodTable<T>> allTables() {
            List<MethodTable<T>> all = new ArrayList<>();
            if (!methods.isEmpty()) {
                all.add(methods);
            }
            literals.values().forEach(n -> all.addAll(n.allTables()));
            if (param != null) {
                all.addAll(param.allTables());
            }
            if (tail != null) {
                all.addAll(tail.allTables());
            }
            return all;
        }

        @Override
        public String toString() {
            return "Node[" + literals.keySet() + (paramName == null ? "" : ", {" + paramName + "}") + "]";
        }
    }

    /** The routes ending at one node, by method, each with its template for naming parameters. */
    private static final class MethodTable<T> {
        private final Map<String, T> targets = new LinkedHashMap<>();
        private final Map<String, PathTemplate> templates = new HashMap<>();
        private Set<String> allowed = Set.of();
        /** For a literal path, the match of each method, made once: such a match has no parameters. */
        private Map<String, RouteMatch<T>> literalMatches = Map.of();

        void put(String method, T target, PathTemplate template) {
            targets.put(method, target);
            templates.put(method, template);
        }

        boolean isEmpty() {
            return targets.isEmpty();
        }

        T find(String method) {
            T t = targets.get(method);
            if (t == null && "HEAD".equals(method)) {
                t = targets.get("GET");
            }
            return t;
        }

        Map<String, String> params(String method, List<String> segments) {
            PathTemplate template = templates.get(targets.containsKey(method) ? method : "GET");
            Map<String, String> params = new LinkedHashMap<>(4);
            List<PathTemplate.Segment> parts = template.segments();
            for (int i = 0; i < parts.size(); i++) {
                PathTemplate.Segment part = parts.get(i);
                if (part.tail()) {
                    params.put(part.value(), String.join("/", segments.subList(i, segments.size())));
                } else if (part.parameter()) {
                    params.put(part.value(), segments.get(i));
                }
            }
            return params;
        }

        Set<String> allowed() {
            return allowed;
        }

        /** The ready-made match of a literal path for {@code method} (HEAD falling back to GET), or null. */
        RouteMatch<T> literalMatch(String method) {
            RouteMatch<T> m = literalMatches.get(method);
            if (m == null && "HEAD".equals(method)) {
                m = literalMatches.get("GET");
            }
            return m;
        }

        void freeze() {
            Set<String> s = new TreeSet<>(targets.keySet());
            if (s.contains("GET")) {
                s.add("HEAD");
            }
            if (!s.isEmpty()) {
                s.add("OPTIONS");
            }
            allowed = java.util.Collections.unmodifiableSet(s);
            Map<String, RouteMatch<T>> matches = new HashMap<>();
            targets.forEach((method, target) -> matches.put(method, new RouteMatch<>(target, Map.of(), Set.of())));
            literalMatches = matches;
        }
    }
}
