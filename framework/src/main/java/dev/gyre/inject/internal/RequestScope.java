package dev.gyre.inject.internal;

import dev.gyre.http.Request;
import dev.gyre.inject.Provider;
import dev.gyre.inject.Scope;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The dependency values of one request: each made once, on first use, and the {@link AutoCloseable}
 * ones closed in reverse order of creation by {@link #close()}, so a value is closed before the values
 * it was made from. App-wide values are handed out as they are and never closed here.
 *
 * <p>Used by one thread at a time: the handler's, then the one that closes it after the response. Providers see
 * it only as the {@link Scope} they are given.
 */
public final class RequestScope implements Scope, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(RequestScope.class);
    private static final Object RESOLVING = new Object();

    private final Providers providers;
    private final Request request;
    private final Map<Class<?>, Object> values = new HashMap<>(4);
    private final List<AutoCloseable> closeables = new ArrayList<>(2);

    RequestScope(Providers providers, Request request) {
        this.providers = providers;
        this.request = request;
    }

    @Override
    public Request request() {
        return request;
    }

    @Override
    public <T> T get(Class<T> type) {
        Object known = values.get(type);
        if (known == RESOLVING) {
            throw new IllegalStateException("providers ask for each other in a cycle through " + type.getName());
        }
        if (known != null) {
            return type.cast(known);
        }
        Object appWide = providers.valueOf(type);
        if (appWide != null) {
            return type.cast(appWide);
        }
        Provider<?> provider = providers.providerOf(type);
        if (provider == null) {
            throw new IllegalStateException("no provider for " + type.getName()
                    + ": register one with Gyre.builder().provide(" + type.getSimpleName() + ".class, …)");
        }
        values.put(type, RESOLVING);
        Object value;
        try {
            value = provider.provide(this);
        } catch (RuntimeException e) {
            values.remove(type);
            throw e;
        } catch (Exception e) {
            values.remove(type);
            throw ProviderFailures.of(type, e);
        }
        if (value == null) {
            values.remove(type);
            throw new IllegalStateException("the provider of " + type.getName() + " returned null");
        }
        values.put(type, value);
        if (value instanceof AutoCloseable c) {
            closeables.add(c);
        }
        return type.cast(value);
    }

    /** Whether some value needs closing; lets the server skip the after-response step when not. */
    public boolean hasCloseables() {
        return !closeables.isEmpty();
    }

    /** Closes every {@link AutoCloseable} value, newest first; failures are logged, not thrown. */
    @Override
    public void close() {
        for (int i = closeables.size() - 1; i >= 0; i--) {
            AutoCloseable c = closeables.get(i);
            try {
                c.close();
            } catch (Exception e) {
                log.warn("closing {} after {} failed", c.getClass().getName(), request, e);
            }
        }
        closeables.clear();
    }
}
