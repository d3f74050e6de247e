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
 *   <tr><td>{@code TLS_PORT}</td><td>8081</td><td>the HTTPS port of {@code json-tls} (HTTP/1.1)</td></tr>
 *   <tr><td>{@code H2_PORT}</td><td>8443</td><td>the HTTPS port of {@code baseline-h2} and {@code static-h2} (h2 by ALPN)</td></tr>
 *   <tr><td>{@code H2C_PORT}</td><td>8082</td><td>the h2c-only port of {@code baseline-h2c} and {@code json-h2c}</td></tr>
 *   <tr><td>{@code TLS_CERT}</td><td>{@code $CERTS_DIR/server.crt}</td><td>its PEM certificate chain</td></tr>
 *   <tr><td>{@code TLS_KEY}</td><td>{@code $CERTS_DIR/server.key}</td><td>its unencrypted PKCS#8 key</td></tr>
 *   <tr><td>{@code CERTS_DIR}</td><td>{@code /certs}</td><td>the folder of the two above</td></tr>
 * </table>
 *
 * @param tlsCert the certificate of the TLS ports; they are not opened when this file or the key is missing
 */
record ArenaSettings(int port, Path dataset, Path staticDir, String databaseUrl, int maxDatabaseConnections,
                     int tlsPort, Path tlsCert, Path tlsKey, int h2Port, int h2cPort) {

    static ArenaSettings from(Map<String, String> env) {
        Path data = Path.of(env.getOrDefault("DATA_DIR", "/data"));
        Path certs = Path.of(env.getOrDefault("CERTS_DIR", "/certs"));
        return new ArenaSettings(
                number(env, "PORT", 8080),
                Path.of(env.getOrDefault("DATASET_FILE", data.resolve("dataset.json").toString())),
                Path.of(env.getOrDefault("STATIC_DIR", data.resolve("static").toString())),
                blankToNull(env.get("DATABASE_URL")),
                number(env, "DATABASE_MAX_CONN", 256),
                number(env, "TLS_PORT", 8081),
                Path.of(env.getOrDefault("TLS_CERT", certs.resolve("server.crt").toString())),
                Path.of(env.getOrDefault("TLS_KEY", certs.resolve("server.key").toString())),
                number(env, "H2_PORT", 8443),
                number(env, "H2C_PORT", 8082));
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
