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
 * a parameter before a tail parameter, and the walk backtracks when a branch leads nowhere. The walk
 * reads segments where they lie in the path, so it too allocates nothing until it has a match whose
 * parameters it must cut out; a path no route ends at, which every router in front of another (the
 * WebSocket one) sees for most requests, costs no allocation. {@code HEAD}
 * falls back to the {@code GET} route. A path that exists for other methods gives a {@code 405} match
 * listing them.
 *
 * <p>Built once at start-up, then read concurrently by every loop without locks: it is never changed
 * after {@link #freeze()}.
 */
public final class Router<T> {
    private static final RouteMatch<Object> NOT_FOUND = new RouteMatch<>(null, Map.of(), Set.of());

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
        List<String> decoded = null;
        if (rawPath.indexOf('%') < 0) {
            MethodTable<T> table = literalPaths.get(rawPath);
            if (table != null) {
                RouteMatch<T> match = table.literalMatch(method);
                if (match != null) {
                    return match;
                }
            }
        } else {
            decoded = decodedSegments(rawPath);
        }
        Node<T> found = root.find(rawPath, 1, 0, decoded, method, null);
        if (found == null) {
            return notFound();
        }
        if (found != Node.ENDS_ELSEWHERE) {
            return new RouteMatch<>(found.methods().find(method), found.methods().params(method, rawPath, decoded),
                    Set.of());
        }
        Set<String> allowed = new TreeSet<>();
        root.find(rawPath, 1, 0, decoded, method, allowed);
        return new RouteMatch<>(null, Map.of(), allowed);
    }

    @SuppressWarnings("unchecked")
    private RouteMatch<T> notFound() {
        return (RouteMatch<T>) NOT_FOUND;
    }

    /** The segments of a path with escapes, each percent-decoded; malformed escapes fail here, whatever the routes. */
    private static List<String> decodedSegments(String rawPath) {
        List<String> segments = PathTemplate.split(rawPath);
        for (int i = 0; i < segments.size(); i++) {
            segments.set(i, decode(segments.get(i)));
        }
        return segments;
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

    /**
     * A trie node: literal children, at most one parameter child, and the routes ending here.
     *
     * <p>Once frozen, the literal children are also kept as parallel arrays of keys, their hash codes and
     * nodes, so that a segment is looked up where it lies in the path, without cutting it out as a string:
     * a lookup, and a whole miss, allocates nothing.
     */
    private static final class Node<T> {
        /** What {@link #find} answers when routes end where the path does, none for its method. */
        static final Node<?> ENDS_ELSEWHERE = new Node<>();

        private final Map<String, Node<T>> literals = new HashMap<>();
        private String[] literalKeys;
        private int[] literalHashes;
        private Node<T>[] literalNodes;
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

        /**
         * Walks the nodes where the path ends and some route exists, in precedence order (literal, then
         * parameter, then tail), and returns the first with a route for {@code method}. Without one it
         * returns {@link #ENDS_ELSEWHERE} if any such node was passed, else null; with {@code allowed}
         * given, it also adds every passed node's methods to it.
         *
         * @param path    the raw path; the segment at {@code depth} starts at {@code start}, and
         *                {@code start > path.length()} means the path has no more segments
         * @param decoded the percent-decoded segments when the path has escapes, else null
         */
        @SuppressWarnings("unchecked")
        Node<T> find(String path, int start, int depth, List<String> decoded, String method, Set<String> allowed) {
            if (start > path.length()) {
                if (methods.isEmpty()) {
                    return null;
                }
                return found(method, allowed) ? this : (Node<T>) ENDS_ELSEWHERE;
            }
            int slash = path.indexOf('/', start);
            int end = slash < 0 ? path.length() : slash;
            Node<T> result = null;
            Node<T> lit = decoded == null ? literalChild(path, start, end) : literalChild(decoded.get(depth));
            if (lit != null) {
                result = better(result, lit.find(path, end + 1, depth + 1, decoded, method, allowed));
            }
            if (param != null && end > start && !isFound(result)) {
                result = better(result, param.find(path, end + 1, depth + 1, decoded, method, allowed));
            }
            if (tail != null && !tail.methods.isEmpty() && !isFound(result)) {
                result = better(result, tail.found(method, allowed) ? tail : (Node<T>) ENDS_ELSEWHERE);
            }
            return result;
        }

        private boolean found(String method, Set<String> allowed) {
            if (methods.find(method) != null) {
                return true;
            }
            if (allowed != null) {
                allowed.addAll(methods.allowed());
            }
            return false;
        }

        private static boolean isFound(Node<?> node) {
            return node != null && node != ENDS_ELSEWHERE;
        }

        private static <T> Node<T> better(Node<T> sofar, Node<T> next) {
            return next == null ? sofar : next;
        }

        private Node<T> literalChild(String s) {
            return literalChild(s, 0, s.length());
        }

        /** The literal child named by {@code s[from, to)}, found without making a string of it. */
        private Node<T> literalChild(String s, int from, int to) {
            int hash = 0;
            for (int i = from; i < to; i++) {
                hash = 31 * hash + s.charAt(i);
            }
            for (int k = 0; k < literalHashes.length; k++) {
                String key = literalKeys[k];
                if (literalHashes[k] == hash && key.length() == to - from && s.regionMatches(from, key, 0, to - from)) {
                    return literalNodes[k];
                }
            }
            return null;
        }

        @SuppressWarnings("unchecked")
        void freeze() {
            methods.freeze();
            literalKeys = literals.keySet().toArray(String[]::new);
            literalHashes = new int[literalKeys.length];
            literalNodes = new Node[literalKeys.length];
            for (int k = 0; k < literalKeys.length; k++) {
                literalHashes[k] = literalKeys[k].hashCode();
                literalNodes[k] = literals.get(literalKeys[k]);
            }
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

        /**
         * The parameters of the path that ended here: substrings of {@code rawPath}, or taken from
         * {@code decoded} when the path has escapes. One parameter, the common case, costs its value and a
         * one-entry map.
         */
        Map<String, String> params(String method, String rawPath, List<String> decoded) {
            PathTemplate template = templates.get(targets.containsKey(method) ? method : "GET");
            List<PathTemplate.Segment> parts = template.segments();
            Map<String, String> params = null;
            String onlyName = null;
            String onlyValue = null;
            int start = 1;
            for (int i = 0; i < parts.size(); i++) {
                int slash = rawPath.indexOf('/', start);
                int end = slash < 0 ? rawPath.length() : slash;
                PathTemplate.Segment part = parts.get(i);
                if (part.parameter()) {
                    String value = part.tail()
                            ? decoded != null ? String.join("/", decoded.subList(i, decoded.size())) : rawPath.substring(start)
                            : decoded != null ? decoded.get(i) : rawPath.substring(start, end);
                    if (onlyName == null) {
                        onlyName = part.value();
                        onlyValue = value;
                    } else {
                        if (params == null) {
                            params = new HashMap<>(4);
                            params.put(onlyName, onlyValue);
                        }
                        params.put(part.value(), value);
                    }
                }
                start = end + 1;
            }
            return params != null ? params : onlyName != null ? Map.of(onlyName, onlyValue) : Map.of();
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
