package dev.gyre.handler.internal;

import dev.gyre.middleware.Filter;
import java.util.Objects;

/**
 * A filter and the paths it applies to: every path for the prefix {@code ""}, else the prefix itself
 * and the paths below it ({@code /api} matches {@code /api} and {@code /api/items}, not {@code /apix}).
 * What {@code Gyre.builder().filter(prefix, filter)} records; applications never hold one.
 */
public record FilterRegistration(String prefix, Filter filter) {

    public FilterRegistration {
        Objects.requireNonNull(filter, "filter");
        prefix = normalize(Objects.requireNonNull(prefix, "prefix"));
    }

    public boolean appliesTo(String path) {
        return prefix.isEmpty() || path.equals(prefix)
                || (path.startsWith(prefix) && path.charAt(prefix.length()) == '/');
    }

    private static String normalize(String prefix) {
        String p = prefix.endsWith("/") ? prefix.substring(0, prefix.length() - 1) : prefix;
        if (!p.isEmpty() && !p.startsWith("/")) {
            throw new IllegalArgumentException("a filter prefix starts with '/': " + prefix);
        }
        return p;
    }
}
