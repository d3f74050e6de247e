package dev.gyre.bench.arena;

import dev.gyre.handler.Get;
import dev.gyre.handler.Query;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * HttpArena's {@code async-db} profile: items whose price lies in a range, at most {@code limit} (clamped to
 * 1..50), with the rating as a nested object. JDBC blocks, so it runs on a virtual thread. When the database
 * cannot answer, the profile asks for an empty list rather than an error.
 */
public final class AsyncDbApi {
    private static final Logger log = LoggerFactory.getLogger(AsyncDbApi.class);
    private static final String QUERY = "SELECT " + Items.COLUMNS + " FROM items WHERE price BETWEEN ? AND ? LIMIT ?";

    public record Found(List<Items.Item> items, int count) {
    }

    private final DataSource pool;

    /** @param pool {@code null} when no database is configured: every answer is empty */
    AsyncDbApi(DataSource pool) {
        this.pool = pool;
    }

    @Get("/async-db")
    public Found query(@Query(defaultValue = "10") int min, @Query(defaultValue = "50") int max,
                       @Query(defaultValue = "50") int limit) {
        if (pool == null) {
            return new Found(List.of(), 0);
        }
        List<Items.Item> items = new ArrayList<>();
        try (Connection connection = pool.getConnection();
             PreparedStatement statement = connection.prepareStatement(QUERY)) {
            statement.setInt(1, min);
            statement.setInt(2, max);
            statement.setInt(3, Math.clamp(limit, 1, 50));
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    items.add(Items.read(rows));
                }
            }
        } catch (SQLException e) {
            log.warn("async-db query failed: {}", e.toString());
            return new Found(List.of(), 0);
        }
        return new Found(items, items.size());
    }
}
