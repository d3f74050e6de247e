package dev.gyre.sample;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicLong;

/** The items, in memory, ordered by id; thread-safe, since blocking handlers run concurrently. */
public final class ItemStore {
    /** A stored item; {@code createdAt} goes out as an ISO-8601 string, as the OpenAPI document says. */
    public record Item(long id, String name, BigDecimal price, Instant createdAt) {
    }

    private final ConcurrentSkipListMap<Long, Item> items = new ConcurrentSkipListMap<>();
    private final AtomicLong ids = new AtomicLong();

    public Item add(String name, BigDecimal price) {
        Item item = new Item(ids.incrementAndGet(), name, price, Instant.now());
        items.put(item.id(), item);
        return item;
    }

    public Optional<Item> find(long id) {
        return Optional.ofNullable(items.get(id));
    }

    /** The page of items after skipping {@code offset}, at most {@code limit} long, by ascending id. */
    public List<Item> page(int offset, int limit) {
        return items.values().stream().skip(offset).limit(limit).toList();
    }

    public boolean remove(long id) {
        return items.remove(id) != null;
    }
}
