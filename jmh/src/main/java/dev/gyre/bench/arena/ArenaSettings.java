package dev.gyre.bench.arena;

import java.nio.file.Path;
import java.util.Map;

/**
 * Where the entry finds what HttpArena mounts, read from the environment so that the same entry runs in
 * HttpArena's container and on a bare machine ({@code jmh/httparena/run.sh} sets the defaults).
 *
 * <table>
 *   <caption>Environment</caption>
 *   <tr><th>variable</th><th>default</th><th>what</th></tr>
 *   <tr><td>{@code PORT}</td><td>8080</td><td>the HTTP/1.1 port</td></tr>
 *   <tr><td>{@code DATASET_FILE}</td><td>{@code $DATA_DIR/dataset.json}</td><td>the 50 items of {@code /json}</td></tr>
 *   <tr><td>{@code STATIC_DIR}</td><td>{@code $DATA_DIR/static}</td><td>the files of {@code /static}</td></tr>
 *   <tr><td>{@code DATA_DIR}</td><td>{@code /data}</td><td>the folder of the two above</td></tr>
 *   <tr><td>{@code DATABASE_URL}</td><td>none: the database routes answer as if it were down</td>
 *       <td>{@code postgres://user:password@host:port/db}</td></tr>
 *   <tr><td>{@code DATABASE_MAX_CONN}</td><td>256</td><td>the pool's size</td></tr>
 * </table>
 */
record ArenaSettings(int port, Path dataset, Path staticDir, String databaseUrl, int maxDatabaseConnections) {

    static ArenaSettings from(Map<String, String> env) {
        Path data = Path.of(env.getOrDefault("DATA_DIR", "/data"));
        return new ArenaSettings(
                number(env, "PORT", 8080),
                Path.of(env.getOrDefault("DATASET_FILE", data.resolve("dataset.json").toString())),
                Path.of(env.getOrDefault("STATIC_DIR", data.resolve("static").toString())),
                blankToNull(env.get("DATABASE_URL")),
                number(env, "DATABASE_MAX_CONN", 256));
    }

    private static int number(Map<String, String> env, String name, int otherwise) {
        String value = env.get(name);
        if (value == null || value.isBlank()) {
            return otherwise;
        }
        try {
            return Integer.parseInt(value.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " takes a number, not " + value, e);
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
