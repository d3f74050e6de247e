package dev.gyre.sample.deploy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.UserPrincipal;
import java.util.ArrayList;
import java.util.List;

/**
 * A throwaway PostgreSQL cluster from the system's packages: {@code initdb} into a temporary directory,
 * {@code pg_ctl start} on a free TCP port of 127.0.0.1 with password (SCRAM) authentication, and
 * {@code pg_ctl stop -m immediate} plus deletion on {@link #close()}. PostgreSQL refuses to run as
 * root, so as root (CI) both commands run as the {@code postgres} user that Debian's package creates,
 * and the directory is handed to it. Durability is off ({@code fsync=off}): the cluster lives one test.
 */
public final class PostgresCluster implements AutoCloseable {
    public static final String USER = "gyre";
    public static final String PASSWORD = "gyre-test-secret";

    private final Path dir;
    private final Path pgCtl;
    private final boolean asPostgresUser;
    private final int port;

    private PostgresCluster(Path dir, Path pgCtl, boolean asPostgresUser, int port) {
        this.dir = dir;
        this.pgCtl = pgCtl;
        this.asPostgresUser = asPostgresUser;
        this.port = port;
    }

    /** Creates and starts a cluster; skipped outside CI when PostgreSQL is not installed (see {@link SystemTool}). */
    public static PostgresCluster start() throws IOException, InterruptedException {
        Path initdb = SystemTool.require("postgresql", "initdb", SystemTool.postgresBinaries("initdb"));
        Path pgCtl = initdb.resolveSibling("pg_ctl");
        boolean root = "root".equals(System.getProperty("user.name"));
        Path dir = Files.createTempDirectory("gyre-pg");
        Path pwfile = Files.writeString(dir.resolve("pwfile"), PASSWORD + "\n");
        if (root) {
            UserPrincipal postgres = dir.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("postgres");
            Files.setOwner(dir, postgres);
            Files.setOwner(pwfile, postgres);
        }
        PostgresCluster cluster = new PostgresCluster(dir, pgCtl, root, Processes.freePort());
        try {
            cluster.run(60, initdb.toString(), "-D", dir.resolve("data").toString(), "-U", USER,
                    "--pwfile=" + pwfile, "--auth=scram-sha-256", "-E", "UTF8", "--locale=C", "--no-sync");
            cluster.run(60, pgCtl.toString(), "-D", dir.resolve("data").toString(), "-l", dir.resolve("server.log").toString(),
                    "-w", "-t", "60", "-o", "-p " + cluster.port + " -k " + dir + " -c listen_addresses=127.0.0.1 -c fsync=off",
                    "start");
            return cluster;
        } catch (IOException | RuntimeException e) {
            cluster.close();
            throw e;
        }
    }

    /** The JDBC URL of the cluster's {@code postgres} database, without credentials. */
    public String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + port + "/postgres";
    }

    private void run(int seconds, String... command) throws IOException, InterruptedException {
        List<String> full = new ArrayList<>();
        if (asPostgresUser) {
            full.addAll(List.of("runuser", "-u", "postgres", "--"));
        }
        full.addAll(List.of(command));
        Processes.run(dir, dir.resolve("commands.log"), seconds, full);
    }

    @Override
    public void close() throws IOException, InterruptedException {
        try {
            if (Files.exists(dir.resolve("data").resolve("postmaster.pid"))) {
                run(60, pgCtl.toString(), "-D", dir.resolve("data").toString(), "-m", "immediate", "-w", "stop");
            }
        } finally {
            Processes.deleteTree(dir);
        }
    }
}
