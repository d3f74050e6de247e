package dev.gyre.sample;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Where the sample app keeps its items: a JDBC URL with optional credentials, and the size of the
 * connection pool in front of it. The default is an in-memory H2 database in PostgreSQL mode, so
 * {@code java -jar} needs nothing else; {@code --database-url jdbc:postgresql://…} points it at
 * PostgreSQL. Credentials may also travel in the URL ({@code ?user=…&password=…}).
 *
 * @param user     {@code null} to leave it to the URL or the driver
 * @param password {@code null} to leave it to the URL or the driver
 * @param poolSize the most connections the pool opens, so the most database calls under way at once
 */
public record Database(String url, String user, String password, int poolSize) {
    /** HikariCP's own default: enough for a few cores' worth of short queries. */
    public static final int DEFAULT_POOL_SIZE = 10;

    /**
     * How long readiness waits for the pool to hand out a connection that answers: the sample's health check
     * timeout, and HikariCP's validation timeout on borrowing (its default is 5 s). Requests are not bound
     * by it: they wait for a connection up to HikariCP's connection timeout, 30 s, since a busy pool makes
     * them queue for longer than a second (see {@code docs/sync-vs-async.md}).
     */
    public static final Duration READINESS_TIMEOUT = Duration.ofSeconds(1);

    private static final AtomicInteger EMBEDDED = new AtomicInteger();

    public Database {
        if (!url.startsWith("jdbc:")) {
            throw new IllegalArgumentException("--database-url takes a jdbc: URL, not " + url);
        }
        if (poolSize < 1) {
            throw new IllegalArgumentException("--database-pool takes a positive number, not " + poolSize);
        }
    }

    /**
     * A new, empty in-memory H2 database in PostgreSQL mode, private to this JVM and named apart from
     * every other one it opens (so two servers in one test JVM never share items); it lives until the
     * pool closes.
     */
    public static Database embedded() {
        return new Database("jdbc:h2:mem:items-" + EMBEDDED.incrementAndGet()
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH", null, null, DEFAULT_POOL_SIZE);
    }

    /**
     * Opens the pool, which connects at once, so a wrong URL or password fails start-up rather than the
     * first request. The caller owns the pool; the sample app hands it to the server as an app-wide value,
     * which closes it at the end of {@code stop()}.
     */
    public HikariDataSource open() {
        HikariConfig config = new HikariConfig();
        config.setPoolName("items");
        config.setJdbcUrl(url);
        if (user != null) {
            config.setUsername(user);
        }
        if (password != null) {
            config.setPassword(password);
        }
        config.setMaximumPoolSize(poolSize);
        config.setValidationTimeout(READINESS_TIMEOUT.toMillis());
        return new HikariDataSource(config);
    }
}
