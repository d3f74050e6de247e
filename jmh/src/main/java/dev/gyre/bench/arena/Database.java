package dev.gyre.bench.arena;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import javax.sql.DataSource;

/**
 * The PostgreSQL pool of the database profiles: HikariCP over the PostgreSQL JDBC driver, from HttpArena's
 * {@code DATABASE_URL} ({@code postgres://user:password@host:port/db}) and sized by {@code DATABASE_MAX_CONN}.
 *
 * <p>Handlers borrow a connection on a virtual thread and block on it; the pool, not the event loop, is
 * where requests queue when the database is the bottleneck. The pool starts even when the database is
 * not up yet ({@code initializationFailTimeout = -1}), so the server can start first; a request that
 * cannot get a connection fails with the driver's {@code SQLException}. Statements are prepared once per
 * connection and cached by the driver ({@code prepareThreshold = 1}).
 */
final class Database {
    private Database() {
    }

    static DataSource pool(String databaseUrl, int maxConnections) {
        URI uri = URI.create(databaseUrl);
        if (!"postgres".equals(uri.getScheme()) && !"postgresql".equals(uri.getScheme())) {
            throw new IllegalArgumentException("DATABASE_URL must be postgres://user:password@host:port/db: "
                    + databaseUrl);
        }
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl("jdbc:postgresql://" + uri.getHost() + ":" + (uri.getPort() < 0 ? 5432 : uri.getPort())
                + uri.getPath());
        String userInfo = uri.getRawUserInfo();
        if (userInfo != null) {
            int colon = userInfo.indexOf(':');
            config.setUsername(decode(colon < 0 ? userInfo : userInfo.substring(0, colon)));
            if (colon >= 0) {
                config.setPassword(decode(userInfo.substring(colon + 1)));
            }
        }
        config.setMaximumPoolSize(maxConnections);
        config.setMinimumIdle(Math.min(16, maxConnections));
        config.setInitializationFailTimeout(-1);
        config.setConnectionTimeout(5_000);
        config.addDataSourceProperty("prepareThreshold", "1");
        config.setPoolName("arena-db");
        return new HikariDataSource(config);
    }

    private static String decode(String part) {
        return URLDecoder.decode(part, StandardCharsets.UTF_8);
    }
}
