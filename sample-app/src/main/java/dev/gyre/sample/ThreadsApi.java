package dev.gyre.sample;

import dev.gyre.handler.Get;
import dev.gyre.handler.NonBlocking;
import dev.gyre.handler.Path;
import dev.gyre.handler.Query;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;

/**
 * FastAPI's sync/async experiment, in Gyre: the same sleeping handler once as a plain (blocking) method,
 * which runs on its own virtual thread, and once marked {@code @NonBlocking}, which runs on the event
 * loop and, by sleeping there, holds up every other connection of that loop. Fire ten of each at once
 * and compare the thread names and the total time (docs/sync-vs-async.md). {@code /threads/database} adds
 * the database's connection pool to the experiment: there the pool size, not the thread count, limits how
 * many run at once.
 */
@Path("/threads")
public final class ThreadsApi {

    /** Which thread ran the handler, and how long it slept. */
    public record ThreadReport(String thread, long threadId, boolean virtual, long sleptMs) {
        static ThreadReport of(long sleptMs) {
            Thread t = Thread.currentThread();
            return new ThreadReport(t.getName(), t.threadId(), t.isVirtual(), sleptMs);
        }
    }

    @Get("/blocking")
    public ThreadReport blocking(@Query(defaultValue = "0") long sleepMs) throws InterruptedException {
        if (sleepMs > 0) {
            Thread.sleep(sleepMs);
        }
        return ThreadReport.of(sleepMs);
    }

    /**
     * A slow database call: borrows a connection from the app's pool, runs a query on it, and keeps it
     * {@code sleepMs} longer, as a slow query would. A request that finds every connection in use waits
     * for one (HikariCP's connection timeout, 30 s, then 500).
     */
    @Get("/database")
    public ThreadReport database(@Query(defaultValue = "0") long sleepMs, DataSource pool)
            throws SQLException, InterruptedException {
        try (Connection c = pool.getConnection(); Statement s = c.createStatement()) {
            s.execute("SELECT 1");
            if (sleepMs > 0) {
                Thread.sleep(sleepMs);
            }
        }
        return ThreadReport.of(sleepMs);
    }

    /**
     * Deliberately wrong: sleeping on the loop stalls its other connections. Here to be observed: past
     * 100 ms the blocked-loop watchdog logs a warning with this route and the loop's stack, once.
     */
    @Get("/nonblocking")
    @NonBlocking
    public ThreadReport nonblocking(@Query(defaultValue = "0") long sleepMs) throws InterruptedException {
        if (sleepMs > 0) {
            Thread.sleep(sleepMs);
        }
        return ThreadReport.of(sleepMs);
    }
}
