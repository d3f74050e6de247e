package dev.gyre.metrics;

import io.micrometer.core.instrument.Timer;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.Function;

/**
 * The {@code http.server.requests} timers by tag set, looked up without allocating for the common case:
 * no exception, a standard method, a status from 100 to 599. There the path is a map keyed by the route
 * template (whose hash the string caches), then an array by method, created on first use, then one by
 * status. Anything else (a failure's exception tag, a status out of range) goes through a map keyed by
 * the whole tag set.
 */
final class TimerCache {
    /** The standard methods in a fixed order; {@code UNKNOWN} is the tag for any other. */
    static final List<String> METHODS = List.of("GET", "HEAD", "POST", "PUT", "DELETE", "PATCH", "OPTIONS",
            "TRACE", "CONNECT");

    private static final int STATUSES = 600;

    record Key(String method, String uri, int status, String exception) {
    }

    private final Function<Key, Timer> register;
    private final ConcurrentHashMap<String, AtomicReferenceArray<AtomicReferenceArray<Timer>>> byRoute =
            new ConcurrentHashMap<>();
    private final ConcurrentHashMap<Key, Timer> others = new ConcurrentHashMap<>();

    TimerCache(Function<Key, Timer> register) {
        this.register = register;
    }

    /** The method's tag: itself when standard, else {@code UNKNOWN}. */
    static String methodTag(String method) {
        return METHODS.indexOf(method) >= 0 ? method : "UNKNOWN";
    }

    Timer get(String method, String uri, int status, Throwable failure) {
        int m = METHODS.indexOf(method);
        if (failure != null || m < 0 || status < 100 || status >= STATUSES) {
            Key key = new Key(m < 0 ? "UNKNOWN" : method, uri, status,
                    failure == null ? "none" : failure.getClass().getSimpleName());
            return others.computeIfAbsent(key, register);
        }
        AtomicReferenceArray<AtomicReferenceArray<Timer>> methods = byRoute.get(uri);
        if (methods == null) {
            methods = byRoute.computeIfAbsent(uri, u -> new AtomicReferenceArray<>(METHODS.size()));
        }
        AtomicReferenceArray<Timer> statuses = methods.get(m);
        if (statuses == null) {
            methods.compareAndSet(m, null, new AtomicReferenceArray<>(STATUSES));
            statuses = methods.get(m);
        }
        Timer timer = statuses.get(status);
        if (timer == null) {
            timer = others.computeIfAbsent(new Key(method, uri, status, "none"), register);
            statuses.compareAndSet(status, null, timer);
        }
        return timer;
    }
}
