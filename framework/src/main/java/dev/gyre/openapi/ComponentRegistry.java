package dev.gyre.openapi;

import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The named schemas met so far, and every {@code $ref} handed out to them.
 *
 * <p>A type is reserved before its schema is built, so a type that refers to itself, directly or through others,
 * gets a {@code $ref} to its own reserved entry instead of recursing forever.
 *
 * <p>Names are chosen by {@link ComponentNames} from the whole set, so a newly met type can rename an earlier one
 * whose simple name it shares. The registry therefore keeps each {@code $ref} map it returned and rewrites it in
 * place on every renaming: a document tree that embeds those maps stays consistent as long as it is serialised
 * after the last type was added. Not thread-safe: a document is built by one thread at start-up.
 */
final class ComponentRegistry {
    static final String PREFIX = "#/components/schemas/";

    private final Map<String, Entry> entries = new LinkedHashMap<>();

    private static final class Entry {
        final Type type;
        final List<Map<String, Object>> refs = new ArrayList<>();
        Map<String, Object> schema;
        String name;

        Entry(Type type) {
            this.type = type;
        }
    }

    boolean contains(String key) {
        return entries.containsKey(key);
    }

    /** Enters a named type whose schema is about to be built. */
    void reserve(String key, Type type) {
        entries.put(key, new Entry(type));
        Map<String, String> names = ComponentNames.assign(entries.values().stream().map(entry -> entry.type).toList());
        entries.forEach((k, entry) -> {
            String name = names.get(k);
            if (!name.equals(entry.name)) {
                entry.name = name;
                entry.refs.forEach(ref -> ref.put("$ref", PREFIX + name));
            }
        });
    }

    void define(String key, Map<String, Object> schema) {
        entries.get(key).schema = schema;
    }

    /** A new {@code {"$ref": …}} map to the reserved type, kept up to date with its name. */
    Map<String, Object> ref(String key) {
        Entry entry = entries.get(key);
        Map<String, Object> ref = new LinkedHashMap<>();
        ref.put("$ref", PREFIX + entry.name);
        entry.refs.add(ref);
        return ref;
    }

    /** The component schemas by name, sorted by name so the document does not depend on discovery order. */
    Map<String, Object> schemas() {
        Map<String, Object> sorted = new TreeMap<>();
        entries.values().forEach(entry -> sorted.put(entry.name, entry.schema));
        return new LinkedHashMap<>(sorted);
    }
}
