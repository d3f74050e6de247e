package dev.gyre.bench.arena;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gyre.handler.Get;
import dev.gyre.handler.NonBlocking;
import dev.gyre.handler.PathParam;
import dev.gyre.handler.Query;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * HttpArena's {@code json} and {@code json-comp} profiles: the first {@code count} items of the dataset, each
 * with {@code total = price × quantity × m}, built and serialised per request (compression, when asked for, is
 * the {@code Compression} filter's). The dataset is read once at start-up and never changes.
 */
public final class JsonApi {
    /** An item of {@code dataset.json}. */
    public record DatasetItem(int id, String name, String category, int price, int quantity, boolean active,
                              List<String> tags, Rating rating) {
    }

    public record Rating(int score, int count) {
    }

    /** An item as answered: the dataset's fields and the computed total. */
    public record PricedItem(int id, String name, String category, int price, int quantity, boolean active,
                             List<String> tags, Rating rating, long total) {
    }

    public record Priced(List<PricedItem> items, int count) {
    }

    private final List<DatasetItem> dataset;

    private JsonApi(List<DatasetItem> dataset) {
        this.dataset = List.copyOf(dataset);
    }

    /** Reads the dataset (a JSON array of items). */
    static JsonApi load(Path datasetFile, ObjectMapper mapper) throws IOException {
        return new JsonApi(mapper.readValue(datasetFile.toFile(), new TypeReference<List<DatasetItem>>() {
        }));
    }

    @Get("/json/{count}")
    @NonBlocking
    public Priced json(@PathParam int count, @Query(defaultValue = "1") int m) {
        int n = Math.clamp(count, 0, dataset.size());
        List<PricedItem> items = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            DatasetItem d = dataset.get(i);
            items.add(new PricedItem(d.id(), d.name(), d.category(), d.price(), d.quantity(), d.active(), d.tags(),
                    d.rating(), (long) d.price() * d.quantity() * m));
        }
        return new Priced(items, n);
    }
}
