package dev.gyre.bench.arena;

import dev.gyre.handler.Body;
import dev.gyre.handler.Get;
import dev.gyre.handler.HttpException;
import dev.gyre.handler.PathParam;
import dev.gyre.handler.Post;
import dev.gyre.handler.Put;
import dev.gyre.handler.Query;
import dev.gyre.handler.Status;
import dev.gyre.http.Response;
import dev.gyre.json.JsonCodec;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * HttpArena's {@code crud} profile: a paginated list, a single-item read through a cache-aside
 * {@link ItemCache} of {@value #TTL_MILLIS} ms (answering {@code X-Cache: HIT} or {@code MISS}), an upsert and
 * an update that drops the cached item. JDBC blocks, so every route runs on a virtual thread; without a
 * database they answer {@code 503}.
 */
public final class CrudApi {
    static final long TTL_MILLIS = 200;
    private static final String LIST = "SELECT " + Items.COLUMNS
            + " FROM items WHERE category = ? ORDER BY id LIMIT ? OFFSET ?";
    private static final String ONE = "SELECT " + Items.COLUMNS + " FROM items WHERE id = ?";
    private static final String UPSERT = "INSERT INTO items (" + Items.COLUMNS + ") "
            + "VALUES (?, ?, ?, ?, ?, true, '[]'::jsonb, 0, 0) ON CONFLICT (id) DO UPDATE SET name = EXCLUDED.name, "
            + "category = EXCLUDED.category, price = EXCLUDED.price, quantity = EXCLUDED.quantity RETURNING "
            + Items.COLUMNS;
    private static final String UPDATE = "UPDATE items SET name = ?, category = COALESCE(?, category), price = ?, "
            + "quantity = ? WHERE id = ? RETURNING id, name, category, price, quantity";

    public record Page(List<Items.Item> items, int total, int page, int limit) {
    }

    /** The body of {@code POST /crud/items}. */
    public record NewItem(int id, String name, String category, int price, int quantity) {
    }

    /** The body of {@code PUT /crud/items/{id}}; {@code category} may be left out. */
    public record ItemUpdate(String name, String category, int price, int quantity) {
    }

    public record Updated(int id, String name, String category, int price, int quantity) {
    }

    private final DataSource pool;
    private final JsonCodec json;
    private final ItemCache cache = new ItemCache(Duration.ofMillis(TTL_MILLIS).toNanos());

    /** @param pool {@code null} when no database is configured */
    CrudApi(DataSource pool, JsonCodec json) {
        this.pool = pool;
        this.json = json;
    }

    @Get("/crud/items")
    public Page list(@Query(defaultValue = "electronics") String category, @Query(defaultValue = "1") int page,
                     @Query(defaultValue = "10") int limit) throws SQLException {
        int size = Math.clamp(limit, 1, 50);
        int number = Math.max(1, page);
        List<Items.Item> items = new ArrayList<>(size);
        try (Connection connection = connection(); PreparedStatement statement = connection.prepareStatement(LIST)) {
            statement.setString(1, category);
            statement.setInt(2, size);
            statement.setLong(3, (long) (number - 1) * size);
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    items.add(Items.read(rows));
                }
            }
        }
        return new Page(items, items.size(), number, size);
    }

    /** A {@code Response}, not a value, because the answer carries {@code X-Cache}. */
    @Get("/crud/items/{id}")
    public Response one(@PathParam int id) throws SQLException {
        Items.Item cached = cache.get(id);
        if (cached != null) {
            return Response.bytes(json.write(cached), "application/json").header("X-Cache", "HIT");
        }
        Items.Item item = null;
        try (Connection connection = connection(); PreparedStatement statement = connection.prepareStatement(ONE)) {
            statement.setInt(1, id);
            try (ResultSet rows = statement.executeQuery()) {
                if (rows.next()) {
                    item = Items.read(rows);
                }
            }
        }
        if (item == null) {
            throw new HttpException(404, "no item " + id);
        }
        cache.put(item);
        return Response.bytes(json.write(item), "application/json").header("X-Cache", "MISS");
    }

    @Post("/crud/items")
    @Status(201)
    public Items.Item create(@Body NewItem item) throws SQLException {
        try (Connection connection = connection(); PreparedStatement statement = connection.prepareStatement(UPSERT)) {
            statement.setInt(1, item.id());
            statement.setString(2, item.name());
            statement.setString(3, item.category());
            statement.setInt(4, item.price());
            statement.setInt(5, item.quantity());
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                cache.invalidate(item.id());
                return Items.read(rows);
            }
        }
    }

    @Put("/crud/items/{id}")
    public Optional<Updated> update(@PathParam int id, @Body ItemUpdate update) throws SQLException {
        try (Connection connection = connection(); PreparedStatement statement = connection.prepareStatement(UPDATE)) {
            statement.setString(1, update.name());
            if (update.category() == null) {
                statement.setNull(2, Types.VARCHAR);
            } else {
                statement.setString(2, update.category());
            }
            statement.setInt(3, update.price());
            statement.setInt(4, update.quantity());
            statement.setInt(5, id);
            try (ResultSet rows = statement.executeQuery()) {
                cache.invalidate(id);
                return rows.next()
                        ? Optional.of(new Updated(rows.getInt(1), rows.getString(2), rows.getString(3),
                                rows.getInt(4), rows.getInt(5)))
                        : Optional.empty();
            }
        }
    }

    private Connection connection() throws SQLException {
        if (pool == null) {
            throw new HttpException(503, "no database: set DATABASE_URL");
        }
        return pool.getConnection();
    }
}
