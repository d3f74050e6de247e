package dev.gyre.bench.arena;

import com.fasterxml.jackson.annotation.JsonRawValue;
import java.sql.ResultSet;
import java.sql.SQLException;

/** Rows of HttpArena's {@code items} table as the database profiles answer them. */
final class Items {
    /** The columns every profile selects, in {@link #read}'s order. */
    static final String COLUMNS = "id, name, category, price, quantity, active, tags, rating_score, rating_count";

    private Items() {
    }

    /**
     * One item; {@code tags} is the {@code JSONB} column's text, written into the answer as the JSON array it
     * is.
     */
    public record Item(int id, String name, String category, int price, int quantity, boolean active,
                       @JsonRawValue String tags, JsonApi.Rating rating) {
    }

    static Item read(ResultSet row) throws SQLException {
        return new Item(row.getInt(1), row.getString(2), row.getString(3), row.getInt(4), row.getInt(5),
                row.getBoolean(6), row.getString(7), new JsonApi.Rating(row.getInt(8), row.getInt(9)));
    }
}
