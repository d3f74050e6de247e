package dev.gyre.sample;

import dev.gyre.handler.BackgroundTasks;
import dev.gyre.handler.Body;
import dev.gyre.handler.Delete;
import dev.gyre.handler.Get;
import dev.gyre.handler.HttpException;
import dev.gyre.handler.Path;
import dev.gyre.handler.PathParam;
import dev.gyre.handler.Post;
import dev.gyre.handler.Query;
import dev.gyre.handler.Status;
import dev.gyre.sample.ItemStore.Item;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Positive;
import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A small CRUD API showing the handler model: the signature is the contract. Types bind and convert
 * the inputs, constraints validate them (422 lists every problem), the {@link ItemStore} is an app-wide
 * value given to every request, and the return type decides the answer ({@code Optional} empty is 404,
 * {@code void} 204, {@code @Status(201)} for creation). A body missing a field ({@code {}}) answers 422 with a
 * {@code missing} error for each. The handlers are plain methods, so they run on virtual threads.
 */
@Path("/items")
public final class ItemsApi {
    private static final Logger log = LoggerFactory.getLogger(ItemsApi.class);

    /** What a client sends to create an item. */
    public record NewItem(@NotBlank String name, @Positive BigDecimal price) {
    }

    @Post("")
    @Status(201)
    public Item create(@Body NewItem item, ItemStore store, BackgroundTasks tasks) {
        Item stored = store.add(item.name(), item.price());
        tasks.add(() -> log.info("item {} stored; a real service would index it or send an event now", stored.id()));
        return stored;
    }

    @Get("/{id}")
    public Optional<Item> find(@PathParam long id, ItemStore store) {
        return store.find(id);
    }

    @Get("")
    public List<Item> list(@Query(defaultValue = "20") @Min(1) @Max(100) int limit,
                           @Query(defaultValue = "0") @Min(0) int offset, ItemStore store) {
        return store.page(offset, limit);
    }

    @Delete("/{id}")
    public void delete(@PathParam long id, ItemStore store) {
        if (!store.remove(id)) {
            throw new HttpException(404, "item " + id + " not found");
        }
    }
}
