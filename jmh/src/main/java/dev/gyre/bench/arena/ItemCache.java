package dev.gyre.bench.arena;

import java.util.concurrent.ConcurrentHashMap;

/**
 * The {@code crud} profile's cache-aside store: single items by id, each kept for a fixed time from when it
 * was put (an absolute expiry, never refreshed by reads) and dropped at once by {@link #invalidate}.
 * In-process, shared by every thread; an expired entry is removed by the read that finds it.
 */
final class ItemCache {
    private record Entry(Items.Item item, long expiresAtNanos) {
    }

    private final ConcurrentHashMap<Integer, Entry> entries = new ConcurrentHashMap<>();
    private final long ttlNanos;

    ItemCache(long ttlNanos) {
        this.ttlNanos = ttlNanos;
    }

    /** The item while its entry is fresh, else {@code null}. */
    Items.Item get(int id) {
        Entry entry = entries.get(id);
        if (entry == null) {
            return null;
        }
        if (System.nanoTime() - entry.expiresAtNanos >= 0) {
            entries.remove(id, entry);
            return null;
        }
        return entry.item;
    }

    void put(Items.Item item) {
        entries.put(item.id(), new Entry(item, System.nanoTime() + ttlNanos));
    }

    void invalidate(int id) {
        entries.remove(id);
    }
}
