package dev.gyre.inject;

import dev.gyre.inject.internal.ProviderFailures;

/** A provider failed with a checked exception; unchecked ones pass through unchanged. */
public final class ProviderException extends RuntimeException {
    static {
        ProviderFailures.install(ProviderException::new);
    }

    ProviderException(Class<?> type, Exception cause) {
        super("the provider of " + type.getName() + " failed: " + cause.getMessage(), cause);
    }
}
