package dev.gyre.http.internal;

import java.lang.invoke.MethodHandles;

/**
 * Something a public class lends the framework's own packages from its static initialiser: setters and
 * factories that must not be public API (the JDK's "shared secrets"). This package is not exported, so
 * only the framework reaches what is lent.
 *
 * <p>{@link #get()} initialises the owner first when nothing is lent yet, for a call that comes before
 * any instance of the owner was made. Thread-safe.
 *
 * @param <T> what is lent
 */
public final class Lent<T> {
    private final Class<?> owner;
    private volatile T lent;

    /** @param owner the class whose static initialiser calls {@link #lend} */
    public Lent(Class<?> owner) {
        this.owner = owner;
    }

    /**
     * Called once, by the owner's static initialiser.
     *
     * @throws IllegalStateException on a second call
     */
    public synchronized void lend(T value) {
        if (lent != null) {
            throw new IllegalStateException(owner.getName() + " has lent its access already");
        }
        lent = value;
    }

    public T get() {
        T value = lent;
        if (value != null) {
            return value;
        }
        try {
            MethodHandles.lookup().ensureInitialized(owner);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
        return lent;
    }
}
