package dev.gyre.inject.internal;

import dev.gyre.http.Request;
import dev.gyre.inject.Provider;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The dependencies registered on a server, keyed by the exact class they provide, in two scopes:
 * <ul>
 *   <li><b>app-wide values</b> ({@link Builder#value}): one instance for every request, never closed by
 *       one; the {@link AutoCloseable} ones are closed by {@link #closeValues()} when the server stops,
 *       newest first;</li>
 *   <li><b>request-scoped providers</b> ({@link Builder#add}): called once per request that asks, the
 *       value closed after that request's response (see {@link RequestScope}).</li>
 * </ul>
 * Immutable once built, apart from {@link #closeValues()}; a request opens a {@link RequestScope} over it.
 *
 * <p>The framework's, not the API: an application registers through {@code Gyre.builder().provide(…)} and
 * {@code override(…)} and meets only {@link Provider} and {@link dev.gyre.inject.Scope}, so this package is not
 * exported.
 */
public final class Providers {
    private static final Logger log = LoggerFactory.getLogger(Providers.class);
    private static final Providers NONE = new Providers(Map.of(), Map.of(), List.of());

    private final Map<Class<?>, Provider<?>> byType;
    private final Map<Class<?>, Object> values;
    /** The app-wide values still to close at stop, in registration order; emptied by the first close. */
    private final AtomicReference<List<AutoCloseable>> unclosed;

    private Providers(Map<Class<?>, Provider<?>> byType, Map<Class<?>, Object> values, List<AutoCloseable> closeables) {
        this.byType = byType;
        this.values = values;
        this.unclosed = new AtomicReference<>(closeables);
    }

    public static Providers none() {
        return NONE;
    }

    public static Builder builder() {
        return new Builder();
    }

    public boolean provides(Class<?> type) {
        return byType.containsKey(type) || values.containsKey(type);
    }

    /** A new scope for one request; close it once the request's work is done. */
    public RequestScope open(Request request) {
        return new RequestScope(this, request);
    }

    /**
     * The request-scoped provider registered for {@code type}, or {@code null}; for documentation
     * generators, which describe what a provider needs (e.g. its security schemes).
     */
    public Provider<?> providerOf(Class<?> type) {
        return byType.get(type);
    }

    /** The app-wide value registered for {@code type}, or {@code null}. */
    Object valueOf(Class<?> type) {
        return values.get(type);
    }

    /**
     * Closes every {@link AutoCloseable} app-wide value, newest first, once; failures are logged and the
     * rest still closed. Called by the server's {@code stop}, after the last handler has ended.
     */
    public void closeValues() {
        for (AutoCloseable c : unclosed.getAndSet(List.of()).reversed()) {
            try {
                c.close();
            } catch (Exception e) {
                log.warn("closing the app-wide {} at stop failed", c.getClass().getName(), e);
            }
        }
    }

    /**
     * Collects providers and values; registering a type twice, in either scope, fails at once. Overrides
     * (FastAPI's {@code dependency_overrides}, for tests) replace a registration whenever it was made, and
     * are applied by {@link #build()}.
     */
    public static final class Builder {
        private final Map<Class<?>, Provider<?>> byType = new LinkedHashMap<>();
        private final Map<Class<?>, Object> values = new LinkedHashMap<>();
        private final Map<Class<?>, Replacement> overrides = new LinkedHashMap<>();

        private Builder() {
        }

        /** A request-scoped provider: called per request, its {@link AutoCloseable} value closed after it. */
        public <T> Builder add(Class<T> type, Provider<? extends T> provider) {
            Objects.requireNonNull(type, "type");
            Objects.requireNonNull(provider, "provider");
            checkNew(type);
            byType.put(type, provider);
            return this;
        }

        /** An app-wide value: handed to every request as it is, closed (if it can be) only at stop. */
        public <T> Builder value(Class<T> type, T value) {
            Objects.requireNonNull(type, "type");
            Objects.requireNonNull(value, "value");
            checkNew(type);
            values.put(type, value);
            return this;
        }

        /** Replaces the registration of {@code type}, whichever scope it has, with a request-scoped provider. */
        public <T> Builder override(Class<T> type, Provider<? extends T> provider) {
            Objects.requireNonNull(type, "type");
            overrides.put(type, new Replacement(Objects.requireNonNull(provider, "provider"), null));
            return this;
        }

        /** Replaces the registration of {@code type}, whichever scope it has, with an app-wide value. */
        public <T> Builder overrideValue(Class<T> type, T value) {
            Objects.requireNonNull(type, "type");
            overrides.put(type, new Replacement(null, Objects.requireNonNull(value, "value")));
            return this;
        }

        private record Replacement(Provider<?> provider, Object value) {
        }

        private void checkNew(Class<?> type) {
            if (byType.containsKey(type) || values.containsKey(type)) {
                throw new IllegalArgumentException("a provider for " + type.getName() + " is already registered");
            }
        }

        /**
         * The providers, overrides applied. Every app-wide value given is closed at stop: those that overrides
         * replaced (the application made them) and those the overrides brought.
         *
         * @throws IllegalArgumentException when an override replaces a type nothing is registered for, which
         *     is a mistake (a wrong class) that would otherwise leave the real provider in place unnoticed
         */
        public Providers build() {
            if (byType.isEmpty() && values.isEmpty()) {
                if (!overrides.isEmpty()) {
                    throw nothingToOverride(overrides.keySet().iterator().next());
                }
                return NONE;
            }
            List<AutoCloseable> closeables = new ArrayList<>();
            for (Object v : values.values()) {
                if (v instanceof AutoCloseable c) {
                    closeables.add(c);
                }
            }
            Map<Class<?>, Provider<?>> providers = new LinkedHashMap<>(byType);
            Map<Class<?>, Object> appWide = new LinkedHashMap<>(values);
            overrides.forEach((type, replacement) -> {
                if (providers.remove(type) == null && appWide.remove(type) == null) {
                    throw nothingToOverride(type);
                }
                if (replacement.provider() != null) {
                    providers.put(type, replacement.provider());
                } else {
                    appWide.put(type, replacement.value());
                    if (replacement.value() instanceof AutoCloseable c) {
                        closeables.add(c);
                    }
                }
            });
            return new Providers(Map.copyOf(providers), Map.copyOf(appWide), List.copyOf(closeables));
        }

        private static IllegalArgumentException nothingToOverride(Class<?> type) {
            return new IllegalArgumentException("the override for " + type.getName() + " replaces nothing: no "
                    + "provider or value is registered for it");
        }
    }
}
