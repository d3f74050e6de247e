package dev.gyre.inject;

import dev.gyre.http.Request;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The providers registered on a server, keyed by the exact class they provide. Immutable once built; a
 * request opens a {@link RequestScope} over it.
 */
public final class Providers {
    private static final Providers NONE = new Providers(Map.of());

    private final Map<Class<?>, Provider<?>> byType;

    private Providers(Map<Class<?>, Provider<?>> byType) {
        this.byType = byType;
    }

    public static Providers none() {
        return NONE;
    }

    public static Builder builder() {
        return new Builder();
    }

    public boolean provides(Class<?> type) {
        return byType.containsKey(type);
    }

    public boolean isEmpty() {
        return byType.isEmpty();
    }

    /** A new scope for one request; close it once the request's work is done. */
    public RequestScope open(Request request) {
        return new RequestScope(this, request);
    }

    Provider<?> providerOf(Class<?> type) {
        return byType.get(type);
    }

    /** Collects providers; registering a type twice is a mistake and fails at once. */
    public static final class Builder {
        private final Map<Class<?>, Provider<?>> byType = new LinkedHashMap<>();

        private Builder() {
        }

        public <T> Builder add(Class<T> type, Provider<? extends T> provider) {
            Objects.requireNonNull(type, "type");
            Objects.requireNonNull(provider, "provider");
            if (byType.putIfAbsent(type, provider) != null) {
                throw new IllegalArgumentException("a provider for " + type.getName() + " is already registered");
            }
            return this;
        }

        public Providers build() {
            return byType.isEmpty() ? NONE : new Providers(Map.copyOf(byType));
        }
    }
}
