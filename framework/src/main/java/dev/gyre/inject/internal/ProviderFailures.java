package dev.gyre.inject.internal;

import dev.gyre.http.internal.Lent;
import dev.gyre.inject.ProviderException;
import java.util.function.BiFunction;

/**
 * How {@link RequestScope} wraps a provider's checked exception: only the framework makes a
 * {@link ProviderException}, so its constructor is package-private and {@link ProviderException} lends it here when
 * it is initialised. This package is not exported.
 */
public final class ProviderFailures {
    private static final Lent<BiFunction<Class<?>, Exception, ProviderException>> ACCESS =
            new Lent<>(ProviderException.class);

    private ProviderFailures() {
    }

    /** Called once, by {@link ProviderException}'s static initialiser. */
    public static void install(BiFunction<Class<?>, Exception, ProviderException> constructor) {
        ACCESS.lend(constructor);
    }

    /** The failure of the provider of {@code type}, which threw {@code cause}. */
    static ProviderException of(Class<?> type, Exception cause) {
        return ACCESS.get().apply(type, cause);
    }
}
