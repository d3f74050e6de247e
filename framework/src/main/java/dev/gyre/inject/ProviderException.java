package dev.gyre.inject;

/** A provider failed with a checked exception; unchecked ones pass through unchanged. */
public final class ProviderException extends RuntimeException {
    ProviderException(Class<?> type, Exception cause) {
        super("the provider of " + type.getName() + " failed: " + cause.getMessage(), cause);
    }
}
